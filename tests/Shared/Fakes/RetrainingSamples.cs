using Dashboard.Core.Drift;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.Retraining;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Tests.Shared;

/// <summary>credit-risk, its pipeline credit-risk-retrain (named by the endpoint's tag) and a retraining service over fakes.</summary>
internal sealed class RetrainingSamples
{
    public const string Endpoint = "credit-risk";
    public const string Pipeline = "credit-risk-retrain";
    public const string PipelineArn = "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/credit-risk-retrain";
    public const string EndpointArn = "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/credit-risk";

    public const string Definition = """
        {"Version":"2020-12-01","Parameters":[
          {"Name":"InputDataUrl","Type":"String","DefaultValue":"s3://bucket/datacapture/credit-risk/"},
          {"Name":"TrainingInstanceType","Type":"String","DefaultValue":"ml.m5.xlarge"},
          {"Name":"MaxDepth","Type":"Integer","DefaultValue":6},
          {"Name":"MinF1","Type":"Float","DefaultValue":0.72},
          {"Name":"ApprovalStatus","Type":"String","DefaultValue":"PendingManualApproval","EnumValues":["PendingManualApproval","Approved","Rejected"]}]}
        """;

    public static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static Actor Engineer { get; } = new("erin", new HashSet<Role> { Role.Engineer });
    public static Actor Operator { get; } = new("otto", new HashSet<Role> { Role.Operator });
    public static Actor OtherOperator { get; } = new("olga", new HashSet<Role> { Role.Operator });
    public static Actor Viewer { get; } = new("vic", new HashSet<Role> { Role.Viewer });

    public FakeTimeProvider Time { get; } = new(Start);
    public FakeRetrainingStore Store { get; } = new();
    public FakeSageMakerClient SageMaker { get; } = new();
    public FakeFleetStore Fleet { get; } = new();
    public DriftReadBoard Board { get; } = new();
    public RetrainingSignal Signal { get; } = new();
    public DeliverySignal Deliveries { get; } = new();
    public LiveStore Live { get; }

    public RetrainingSamples(bool endpointTag = true)
    {
        Live = new LiveStore(Time);
        Fleet.Stored = [new EndpointState(Endpoint, EndpointArn, EndpointStatuses.InService, "credit-risk-config", Start, Start, null,
            [new VariantState("AllTraffic", "ml.m5.xlarge", 1, 1, 1, 1)], Start)];
        SageMaker.Endpoints.Add(new DescribeEndpointResponse(Endpoint, EndpointArn, "credit-risk-config", null, EndpointStatuses.InService, Start, Start));
        if (endpointTag)
        {
            SageMaker.Tags[EndpointArn] = [new ResourceTag(DriftSources.PipelineTag, Pipeline)];
        }
        SageMaker.Pipelines.Add(new DescribePipelineResponse(PipelineArn, Pipeline) { PipelineDefinition = Definition, CreationTime = Start.AddDays(-30) });
        SageMaker.Tags[PipelineArn] = [new ResourceTag(RetrainingPipelines.PipelineEndpointTag, Endpoint)];
    }

    public RetrainingService Service() =>
        new(Store, Fleet, new RetrainingPipelines(SageMaker, new DriftSources(SageMaker), Board), Signal, Deliveries, Live, Time);

    public static RetrainingRequest Request(IReadOnlyDictionary<string, string>? values = null, string? reason = "income drifted since the new branch opened") =>
        new(Endpoint, Pipeline, values ?? new Dictionary<string, string>(), FindingKind.Drift, "income: drift 0.430 over its threshold 0.200", reason);
}
