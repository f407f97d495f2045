using System.Text.Json;
using Dashboard.Aws;
using Dashboard.Core.S3;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// Our own C# clients against the simulator, as the dashboard will use them: from a schedule to an execution's
/// report in S3, and from a pipeline's definition to a started run's model in a new endpoint config.
/// </summary>
public sealed class ClientsParseSimulatorRetrainingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebApplication _app = null!;
    private ServiceProvider _clients = null!;

    public async ValueTask InitializeAsync()
    {
        _app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o => o.PipelineSpeed = 10, _time);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var options = _app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        _clients = new ServiceCollection().AddLogging().AddAwsClients(o =>
        {
            o.SageMakerServiceUrl = endpoint;
            o.S3ServiceUrl = endpoint;
            o.AccessKeyId = options.AccessKeyId;
            o.SecretAccessKey = options.SecretAccessKey;
            o.Region = options.Region;
            o.MaxAttempts = 1;
        }).BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _clients.DisposeAsync();
        await _app.DisposeAsync();
    }

    private ISageMakerClient SageMaker => _clients.GetRequiredService<ISageMakerClient>();

    private IS3ObjectClient S3 => _clients.GetRequiredService<IS3ObjectClient>();

    private static (string Bucket, string Key) Split(string s3Uri)
    {
        var path = s3Uri["s3://".Length..];
        return (path[..path.IndexOf('/', StringComparison.Ordinal)], path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..]);
    }

    [Fact]
    public async Task Schedule_ToItsLatestExecutionsReport_ViolationsInS3AgreeWithTheStatus()
    {
        var ct = TestContext.Current.CancellationToken;
        var schedules = await SageMaker.ListMonitoringSchedulesAsync(new ListMonitoringSchedulesRequest { EndpointName = "credit-risk" }, ct);
        var schedule = await SageMaker.DescribeMonitoringScheduleAsync(
            new DescribeMonitoringScheduleRequest(Assert.Single(schedules.MonitoringScheduleSummaries).MonitoringScheduleName), ct);
        var executions = await SageMaker.ListMonitoringExecutionsAsync(new ListMonitoringExecutionsRequest
        {
            MonitoringScheduleName = schedule.MonitoringScheduleName,
            StatusEquals = MonitoringExecutionStatuses.CompletedWithViolations,
            MaxResults = 1,
        }, ct);
        var execution = Assert.Single(executions.MonitoringExecutionSummaries);
        var job = await SageMaker.DescribeProcessingJobAsync(new DescribeProcessingJobRequest(execution.ProcessingJobArn!.Split('/')[^1]), ct);
        var (bucket, prefix) = Split(job.ProcessingOutputConfig!.Outputs[0].S3Output!.S3Uri);
        var violations = await S3.GetObjectAsync(new S3GetObjectRequest(bucket, prefix + "/constraint_violations.json"), ct);
        var baseline = Split(schedule.MonitoringScheduleConfig.MonitoringJobDefinition!.BaselineConfig!.StatisticsResource!.S3Uri!);
        var statistics = await S3.GetObjectAsync(new S3GetObjectRequest(baseline.Bucket, baseline.Key), ct);

        Assert.Equal(MonitoringScheduleStatuses.Scheduled, schedule.MonitoringScheduleStatus);
        Assert.Equal("cron(0 * ? * * *)", schedule.MonitoringScheduleConfig.ScheduleConfig!.ScheduleExpression);
        Assert.Equal(ProcessingJobStatuses.Completed, job.ProcessingJobStatus);
        using var document = JsonDocument.Parse(violations.Content);
        Assert.NotEqual(0, document.RootElement.GetProperty("violations").GetArrayLength());
        Assert.Contains("\"features\"", System.Text.Encoding.UTF8.GetString(statistics.Content), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_DefinitionToStartedRunToItsModelInAConfig_EveryReplyReads()
    {
        var ct = TestContext.Current.CancellationToken;
        var pipelines = await SageMaker.ListPipelinesAsync(new ListPipelinesRequest(), ct);
        var pipeline = await SageMaker.DescribePipelineAsync(new DescribePipelineRequest(pipelines.PipelineSummaries.Single(p => p.PipelineName == "credit-risk-retrain").PipelineArn), ct);
        var parameters = PipelineDefinitionParameters.Parse(pipeline.PipelineDefinition!);
        var token = Guid.NewGuid().ToString();
        var started = await SageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest(pipeline.PipelineName, token)
        {
            PipelineParameters = [new PipelineParameter("MaxDepth", "8")],
            PipelineExecutionDescription = "Drift on debt_to_income; proposed by alice, approved by bob",
        }, ct);
        var repeated = await SageMaker.StartPipelineExecutionAsync(new StartPipelineExecutionRequest(pipeline.PipelineName, token)
        {
            PipelineParameters = [new PipelineParameter("MaxDepth", "8")],
        }, ct);
        _time.Advance(TimeSpan.FromSeconds(31));
        var execution = await SageMaker.DescribePipelineExecutionAsync(new DescribePipelineExecutionRequest(started.PipelineExecutionArn), ct);
        var steps = await SageMaker.ListPipelineExecutionStepsAsync(new ListPipelineExecutionStepsRequest(started.PipelineExecutionArn), ct);
        var history = await SageMaker.ListPipelineExecutionsAsync(new ListPipelineExecutionsRequest(pipeline.PipelineArn), ct);
        var modelName = steps.PipelineExecutionSteps.Single(s => s.Metadata?.Model is not null).Metadata!.Model!.Arn!.Split('/')[^1];
        var models = await SageMaker.ListModelsAsync(new ListModelsRequest(MaxResults: 1), ct);
        await SageMaker.CreateEndpointConfigAsync(new CreateEndpointConfigRequest("credit-risk-retrained",
            [new ProductionVariant("AllTraffic", modelName, 1, "ml.m5.large", 1f)]), ct);

        Assert.Contains(parameters, p => p is { Name: "MaxDepth", Type: PipelineParameterTypes.Integer, DefaultValue: "6" });
        Assert.Equal(started.PipelineExecutionArn, repeated.PipelineExecutionArn);
        Assert.Equal(PipelineExecutionStatuses.Succeeded, execution.PipelineExecutionStatus);
        Assert.Equal("Drift on debt_to_income; proposed by alice, approved by bob", execution.PipelineExecutionDescription);
        Assert.Equal(6, steps.PipelineExecutionSteps.Count);
        Assert.Equal("RegisterModel", steps.PipelineExecutionSteps[0].StepName);
        Assert.Equal(3, history.PipelineExecutionSummaries.Count);
        Assert.Equal(modelName, models.Models[0].ModelName);
        Assert.StartsWith("credit-risk-glm-v5-", modelName, StringComparison.Ordinal);
    }
}
