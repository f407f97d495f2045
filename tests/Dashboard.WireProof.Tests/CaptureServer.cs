using System.Collections.Concurrent;
using Dashboard.Simulator;
using Dashboard.Simulator.Auth;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Wire;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.WireProof.Tests;

/// <summary>One request as it reached the capture server, with the simulator's SigV4 verdict on it.</summary>
public sealed record CapturedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body,
    string? SignatureProblem)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}

/// <summary>
/// Kestrel on a loopback port that records every POST and answers a canned, valid reply for its X-Amz-Target, so the
/// node SDK and our C# clients can be made to send the same operation and their requests compared.
/// </summary>
public sealed class CaptureServer : IAsyncDisposable
{
    public const string AccessKeyId = "AKIDWIREPROOF";
    public const string SecretAccessKey = "wire-proof-secret";

    private static readonly Dictionary<string, string> Replies = new(StringComparer.Ordinal)
    {
        ["GraniteServiceVersion20100801.ListMetrics"] =
            """{"Metrics":[{"Namespace":"AWS/SageMaker","MetricName":"Invocations","Dimensions":[{"Name":"EndpointName","Value":"churn-prod"}]}]}""",
        ["GraniteServiceVersion20100801.GetMetricData"] =
            """{"MetricDataResults":[{"Id":"m1","Label":"Invocations","Timestamps":[1767225600],"Values":[1.5],"StatusCode":"Complete"}],"Messages":[]}""",
        ["GraniteServiceVersion20100801.PutMetricAlarm"] = "{}",
        ["GraniteServiceVersion20100801.PutCompositeAlarm"] = "{}",
        ["GraniteServiceVersion20100801.DeleteAlarms"] = "{}",
        ["GraniteServiceVersion20100801.DescribeAlarms"] =
            """{"MetricAlarms":[{"AlarmName":"churn-5xx","AlarmArn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:churn-5xx","StateValue":"INSUFFICIENT_DATA","StateUpdatedTimestamp":1767225600,"Period":60,"EvaluationPeriods":5,"Threshold":10.5}],"CompositeAlarms":[]}""",
        ["GraniteServiceVersion20100801.DescribeAlarmHistory"] =
            """{"AlarmHistoryItems":[{"AlarmName":"churn-5xx","AlarmType":"MetricAlarm","Timestamp":1767225600.25,"HistoryItemType":"ConfigurationUpdate","HistorySummary":"Alarm \"churn-5xx\" created","HistoryData":"{}"}]}""",
        ["SageMaker.ListEndpoints"] =
            """{"Endpoints":[{"EndpointName":"churn-prod","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod","CreationTime":1767225600.5,"LastModifiedTime":1767225600.5,"EndpointStatus":"InService"}]}""",
        ["SageMaker.DescribeEndpoint"] =
            """{"EndpointName":"churn-prod","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod","EndpointConfigName":"churn-prod-config-v7","ProductionVariants":[{"VariantName":"AllTraffic","CurrentWeight":1.0,"CurrentInstanceCount":2}],"EndpointStatus":"InService","CreationTime":1767225600,"LastModifiedTime":1767225600}""",
        ["SageMaker.DescribeEndpointConfig"] =
            """{"EndpointConfigName":"churn-prod-config-v7","EndpointConfigArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-config-v7","ProductionVariants":[{"VariantName":"AllTraffic","ModelName":"m","InitialInstanceCount":2,"InstanceType":"ml.m5.xlarge","InitialVariantWeight":1.0}],"CreationTime":1767225600}""",
        ["GraniteServiceVersion20100801.SetAlarmState"] = "{}",
        ["SageMaker.ListModels"] =
            """{"Models":[{"ModelName":"churn-xgboost-2026-11","ModelArn":"arn:aws:sagemaker:us-east-1:123456789012:model/churn-xgboost-2026-11","CreationTime":1767225600.5}],"NextToken":"n"}""",
        ["SageMaker.DescribeModel"] =
            """{"ModelName":"churn-xgboost-2026-11","ModelArn":"arn:aws:sagemaker:us-east-1:123456789012:model/churn-xgboost-2026-11","CreationTime":1767225600.5,"ExecutionRoleArn":"arn:aws:iam::123456789012:role/r"}""",
        ["SageMaker.CreateEndpointConfig"] = """{"EndpointConfigArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/churn-prod-config-v8"}""",
        ["SageMaker.UpdateEndpoint"] = """{"EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/churn-prod"}""",
        ["SageMaker.UpdateEndpointWeightsAndCapacities"] = """{"EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/pricing-ab"}""",
        ["SageMaker.ListMonitoringSchedules"] =
            """{"MonitoringScheduleSummaries":[{"MonitoringScheduleName":"churn-dq","MonitoringScheduleArn":"arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/churn-dq","CreationTime":1767225600,"LastModifiedTime":1767225600,"MonitoringScheduleStatus":"Scheduled"}]}""",
        ["SageMaker.DescribeMonitoringSchedule"] =
            """{"MonitoringScheduleArn":"arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/churn-dq","MonitoringScheduleName":"churn-dq","MonitoringScheduleStatus":"Scheduled","CreationTime":1767225600,"LastModifiedTime":1767225600,"MonitoringScheduleConfig":{"ScheduleConfig":{"ScheduleExpression":"cron(0 * ? * * *)"}}}""",
        ["SageMaker.ListMonitoringExecutions"] =
            """{"MonitoringExecutionSummaries":[{"MonitoringScheduleName":"churn-dq","ScheduledTime":1767225600,"CreationTime":1767225700.1,"LastModifiedTime":1767226900.9,"MonitoringExecutionStatus":"Completed"}]}""",
        ["SageMaker.DescribeProcessingJob"] =
            """{"ProcessingJobName":"model-monitoring-202601010000-0a1b2c3d","ProcessingJobArn":"arn:aws:sagemaker:us-east-1:123456789012:processing-job/model-monitoring-202601010000-0a1b2c3d","ProcessingJobStatus":"Completed","CreationTime":1767225700.1,"ProcessingResources":{"ClusterConfig":{"InstanceCount":1,"InstanceType":"ml.m5.xlarge","VolumeSizeInGB":20}},"AppSpecification":{"ImageUri":"img"}}""",
        ["SageMaker.ListPipelines"] =
            """{"PipelineSummaries":[{"PipelineArn":"arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain","PipelineName":"credit-risk-retrain"}]}""",
        ["SageMaker.DescribePipeline"] =
            """{"PipelineArn":"arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain","PipelineName":"credit-risk-retrain","PipelineDefinition":"{}"}""",
        ["SageMaker.StartPipelineExecution"] =
            """{"PipelineExecutionArn":"arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain/execution/4b7k2ufmy6x9"}""",
        ["SageMaker.DescribePipelineExecution"] =
            """{"PipelineExecutionArn":"arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain/execution/4b7k2ufmy6x9","PipelineExecutionStatus":"Executing"}""",
        ["SageMaker.ListPipelineExecutions"] =
            """{"PipelineExecutionSummaries":[{"PipelineExecutionArn":"arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain/execution/4b7k2ufmy6x9","PipelineExecutionStatus":"Executing"}]}""",
        ["SageMaker.ListPipelineExecutionSteps"] =
            """{"PipelineExecutionSteps":[{"StepName":"Preprocess","StepStatus":"Executing","StartTime":1767225602}]}""",
    };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();

    private CaptureServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<CapturedRequest> Requests => _requests.ToArray();

    public static async Task<CaptureServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        var server = new CaptureServer(app);
        // The simulator's own verifier, on the machine's clock, knowing the credentials both clients were given.
        var authenticator = new SigV4Authenticator(Options.Create(new SimulatorOptions
        {
            AccessKeyId = AccessKeyId,
            SecretAccessKey = SecretAccessKey,
            Region = "us-east-1",
        }), TimeProvider.System, TimeProvider.System);
        app.MapPost("/", (HttpContext context) => server.HandleAsync(context, authenticator));
        app.MapGet("/{**path}", (HttpContext context) => server.HandleS3Async(context, authenticator));
        await app.StartAsync(cancellationToken);
        server.Endpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    private async Task HandleAsync(HttpContext context, SigV4Authenticator authenticator)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var (service, _) = AwsService.Resolve(target);

        string? problem;
        if (service is null)
        {
            problem = $"unknown target '{target}'";
        }
        else
        {
            try
            {
                await authenticator.AuthenticateAsync(context, service, body);
                problem = null;
            }
            catch (AwsErrorException ex)
            {
                problem = $"{ex.Code}: {ex.Message}";
            }
        }

        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        _requests.Enqueue(new CapturedRequest(context.Request.Method, rawTarget, headers, body, problem));

        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (service is null || !Replies.TryGetValue(target, out var reply))
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync("""{"__type":"UnknownOperationException"}""", context.RequestAborted);
            return;
        }
        context.Response.ContentType = service.ContentType;
        await context.Response.WriteAsync(reply, context.RequestAborted);
    }

    /// <summary>S3 (REST-XML, GET): recorded like the others, answered with an empty ListObjectsV2 page.</summary>
    private async Task HandleS3Async(HttpContext context, SigV4Authenticator authenticator)
    {
        string? problem = null;
        try
        {
            await authenticator.AuthenticateAsync(context, S3Endpoints.Service, ReadOnlyMemory<byte>.Empty);
        }
        catch (AwsErrorException ex)
        {
            problem = $"{ex.Code}: {ex.Message}";
        }
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        _requests.Enqueue(new CapturedRequest(context.Request.Method, rawTarget, headers, [], problem));

        context.Response.Headers["x-amz-request-id"] = "CAPTURE";
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>capture</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>
            """, context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
