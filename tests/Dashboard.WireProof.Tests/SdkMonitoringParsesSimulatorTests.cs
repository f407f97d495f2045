using System.Globalization;
using System.Text.Json;
using Dashboard.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// The JS SDK reads every Model Monitor and Pipelines reply of a simulator whose clock the test moves (schedules,
/// executions, processing jobs, pipelines, a run from start to its new model), and every new error by its modelled name.
/// </summary>
public sealed class SdkMonitoringParsesSimulatorTests : IAsyncLifetime
{
    private const string Token = "5b0f3c1e-7a2d-4c9b-8e6f-1d2a3b4c5d6e";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebApplication _app = null!;
    private Uri _endpoint = null!;

    public async ValueTask InitializeAsync()
    {
        _app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], o => o.PipelineSpeed = 10, _time);
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _endpoint = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private Task<JsonElement> CallAsync(string operation, string json)
    {
        var options = _app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        return PeerNode.CallAsync(_endpoint, operation, json, options.AccessKeyId, options.SecretAccessKey, TestContext.Current.CancellationToken);
    }

    private static JsonElement Output(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"the SDK failed: {result}");
        return result.GetProperty("output");
    }

    private static JsonElement Error(JsonElement result)
    {
        Assert.False(result.GetProperty("ok").GetBoolean(), $"the SDK succeeded: {result}");
        return result.GetProperty("error");
    }

    private static DateTimeOffset ParsedDate(JsonElement value)
    {
        Assert.Equal(JsonValueKind.Object, value.ValueKind);
        return DateTimeOffset.Parse(value.GetProperty("$date").GetString()!, CultureInfo.InvariantCulture);
    }

    private static string Text(JsonElement element, string member) => element.GetProperty(member).GetString()!;

    [Fact]
    public async Task Schedules_ListAndDescribe_SdkParsesSummariesInlineDefinitionAndLastExecution()
    {
        var first = Output(await CallAsync("ListMonitoringSchedules", """{"MaxResults":2,"SortBy":"Name","SortOrder":"Ascending"}"""));
        var second = Output(await CallAsync("ListMonitoringSchedules",
            $$"""{"MaxResults":2,"SortBy":"Name","SortOrder":"Ascending","NextToken":"{{Text(first, "NextToken")}}"}"""));
        var credit = Output(await CallAsync("DescribeMonitoringSchedule", """{"MonitoringScheduleName":"credit-risk-data-quality"}"""));
        var stopped = Output(await CallAsync("DescribeMonitoringSchedule", """{"MonitoringScheduleName":"fraud-detector-model-quality"}"""));

        var names = first.GetProperty("MonitoringScheduleSummaries").EnumerateArray().Concat(second.GetProperty("MonitoringScheduleSummaries").EnumerateArray())
            .Select(s => Text(s, "MonitoringScheduleName"));
        Assert.Equal(["churn-prod-data-quality", "credit-risk-data-quality", "fraud-detector-data-quality", "fraud-detector-model-quality"], names);
        ParsedDate(first.GetProperty("MonitoringScheduleSummaries")[0].GetProperty("CreationTime"));
        var definition = credit.GetProperty("MonitoringScheduleConfig").GetProperty("MonitoringJobDefinition");
        Assert.EndsWith("/credit-risk-data-quality/statistics.json", Text(definition.GetProperty("BaselineConfig").GetProperty("StatisticsResource"), "S3Uri"));
        Assert.Equal(20, definition.GetProperty("MonitoringResources").GetProperty("ClusterConfig").GetProperty("VolumeSizeInGB").GetInt32());
        Assert.Equal("Enabled", Text(definition.GetProperty("Environment"), "publish_cloudwatch_metrics"));
        ParsedDate(credit.GetProperty("LastMonitoringExecutionSummary").GetProperty("ScheduledTime"));
        Assert.Equal("Stopped", Text(stopped, "MonitoringScheduleStatus"));
        Assert.Equal("Failed", Text(stopped.GetProperty("LastMonitoringExecutionSummary"), "MonitoringExecutionStatus"));
    }

    [Fact]
    public async Task Executions_PagedThenTheirProcessingJob_SdkParsesStatusesDatesAndTheReportPrefix()
    {
        var page = Output(await CallAsync("ListMonitoringExecutions", """{"MonitoringScheduleName":"credit-risk-data-quality","MaxResults":3}"""));
        var next = Output(await CallAsync("ListMonitoringExecutions",
            $$"""{"MonitoringScheduleName":"credit-risk-data-quality","MaxResults":3,"NextToken":"{{Text(page, "NextToken")}}"}"""));
        var executions = page.GetProperty("MonitoringExecutionSummaries").EnumerateArray().Concat(next.GetProperty("MonitoringExecutionSummaries").EnumerateArray())
            .ToList();
        var latestDone = executions.First(e => Text(e, "MonitoringExecutionStatus") != "InProgress" && Text(e, "MonitoringExecutionStatus") != "Pending");
        var job = Output(await CallAsync("DescribeProcessingJob", $$"""{"ProcessingJobName":"{{Text(latestDone, "ProcessingJobArn").Split('/')[^1]}}"}"""));

        Assert.Equal(6, executions.Select(e => Text(e, "ProcessingJobArn")).Distinct().Count());
        Assert.True(ParsedDate(executions[0].GetProperty("ScheduledTime")) > ParsedDate(executions[^1].GetProperty("ScheduledTime")));
        Assert.Equal("CompletedWithViolations", Text(latestDone, "MonitoringExecutionStatus"));
        Assert.Equal("Completed", Text(job, "ProcessingJobStatus"));
        var scheduled = ParsedDate(latestDone.GetProperty("ScheduledTime"));
        Assert.EndsWith("model-monitor/reports/credit-risk/credit-risk-data-quality/" + scheduled.UtcDateTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture),
            Text(job.GetProperty("ProcessingOutputConfig").GetProperty("Outputs")[0].GetProperty("S3Output"), "S3Uri"));
        ParsedDate(job.GetProperty("ProcessingEndTime"));
        Assert.Equal(3, job.GetProperty("ProcessingInputs").GetArrayLength());
    }

    [Fact]
    public async Task MonitoringRefusals_SdkRaisesResourceNotFoundAndValidationException()
    {
        var schedule = Error(await CallAsync("DescribeMonitoringSchedule", """{"MonitoringScheduleName":"nope"}"""));
        var job = Error(await CallAsync("DescribeProcessingJob", """{"ProcessingJobName":"nope"}"""));
        var range = Error(await CallAsync("ListMonitoringExecutions", """{"MaxResults":0}"""));

        Assert.Equal("ResourceNotFound", schedule.GetProperty("name").GetString());
        Assert.Equal(400, schedule.GetProperty("httpStatusCode").GetInt32());
        Assert.StartsWith("Could not find monitoring schedule", schedule.GetProperty("message").GetString());
        Assert.Equal("ResourceNotFound", job.GetProperty("name").GetString());
        Assert.Equal("ValidationException", range.GetProperty("name").GetString());
    }

    [Fact]
    public async Task RetrainingRun_StartToNewModel_SdkParsesEveryReply()
    {
        var pipelines = Output(await CallAsync("ListPipelines", """{"SortBy":"Name","SortOrder":"Ascending"}"""));
        var pipeline = Output(await CallAsync("DescribePipeline", """{"PipelineName":"credit-risk-retrain"}"""));
        var tags = Output(await CallAsync("ListTags", """{"ResourceArn":"arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain"}"""));
        var started = Output(await CallAsync("StartPipelineExecution", $$"""
            {"PipelineName":"credit-risk-retrain","ClientRequestToken":"{{Token}}","PipelineExecutionDisplayName":"drift-retrain",
             "PipelineParameters":[{"Name":"MaxDepth","Value":"8"}]}
            """));
        var arn = Text(started, "PipelineExecutionArn");
        var again = Output(await CallAsync("StartPipelineExecution", $$"""
            {"PipelineName":"credit-risk-retrain","ClientRequestToken":"{{Token}}","PipelineExecutionDisplayName":"drift-retrain",
             "PipelineParameters":[{"Name":"MaxDepth","Value":"8"}]}
            """));
        var executing = Output(await CallAsync("DescribePipelineExecution", $$"""{"PipelineExecutionArn":"{{arn}}"}"""));
        _time.Advance(TimeSpan.FromSeconds(31));
        var succeeded = Output(await CallAsync("DescribePipelineExecution", $$"""{"PipelineExecutionArn":"{{arn}}"}"""));
        var steps = Output(await CallAsync("ListPipelineExecutionSteps", $$"""{"PipelineExecutionArn":"{{arn}}","SortOrder":"Ascending"}"""));
        var executions = Output(await CallAsync("ListPipelineExecutions", """{"PipelineName":"credit-risk-retrain","SortBy":"CreationTime"}"""));
        var modelArn = Text(steps.GetProperty("PipelineExecutionSteps")[4].GetProperty("Metadata").GetProperty("Model"), "Arn");
        var model = Output(await CallAsync("DescribeModel", $$"""{"ModelName":"{{modelArn.Split('/')[^1]}}"}"""));

        Assert.Equal(["churn-retrain", "credit-risk-retrain"], pipelines.GetProperty("PipelineSummaries").EnumerateArray().Select(p => Text(p, "PipelineName")));
        ParsedDate(pipelines.GetProperty("PipelineSummaries")[1].GetProperty("LastExecutionTime"));
        using (var definition = JsonDocument.Parse(Text(pipeline, "PipelineDefinition")))
        {
            Assert.Equal(5, definition.RootElement.GetProperty("Parameters").GetArrayLength());
        }
        Assert.Contains(tags.GetProperty("Tags").EnumerateArray(), t => Text(t, "Key") == "endpoint" && Text(t, "Value") == "credit-risk");
        Assert.Equal(arn, Text(again, "PipelineExecutionArn"));
        Assert.Equal("Executing", Text(executing, "PipelineExecutionStatus"));
        Assert.Equal("Succeeded", Text(succeeded, "PipelineExecutionStatus"));
        ParsedDate(succeeded.GetProperty("LastModifiedTime"));
        Assert.Equal(["Preprocess", "Train", "Evaluate", "CheckQuality", "CreateModel", "RegisterModel"],
            steps.GetProperty("PipelineExecutionSteps").EnumerateArray().Select(s => Text(s, "StepName")));
        Assert.All(steps.GetProperty("PipelineExecutionSteps").EnumerateArray(), s => ParsedDate(s.GetProperty("EndTime")));
        Assert.StartsWith("arn:aws:sagemaker:us-east-1:123456789012:model-package/credit-risk-models/",
            Text(steps.GetProperty("PipelineExecutionSteps")[5].GetProperty("Metadata").GetProperty("RegisterModel"), "Arn"));
        Assert.Equal("True", Text(steps.GetProperty("PipelineExecutionSteps")[3].GetProperty("Metadata").GetProperty("Condition"), "Outcome"));
        Assert.Equal(arn, Text(executions.GetProperty("PipelineExecutionSummaries")[0], "PipelineExecutionArn"));
        Assert.Equal("Failed", Text(executions.GetProperty("PipelineExecutionSummaries")[1], "PipelineExecutionStatus"));
        Assert.Equal(ParsedDate(steps.GetProperty("PipelineExecutionSteps")[4].GetProperty("EndTime")), ParsedDate(model.GetProperty("CreationTime")));
    }

    [Fact]
    public async Task StartPipelineExecution_NoToken_TheSdkFillsOneAndTheRunStarts()
    {
        var started = Output(await CallAsync("StartPipelineExecution", """{"PipelineName":"churn-retrain"}"""));

        Assert.StartsWith("arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-retrain/execution/", Text(started, "PipelineExecutionArn"));
    }

    [Fact]
    public async Task PipelineRefusals_SdkRaisesResourceNotFoundValidationAndConflict()
    {
        var unknown = Error(await CallAsync("StartPipelineExecution", $$"""{"PipelineName":"nope","ClientRequestToken":"{{Token}}"}"""));
        var parameter = Error(await CallAsync("StartPipelineExecution",
            $$"""{"PipelineName":"credit-risk-retrain","ClientRequestToken":"{{Token}}","PipelineParameters":[{"Name":"MaxDepth","Value":"deep"}]}"""));
        Output(await CallAsync("StartPipelineExecution", $$"""{"PipelineName":"credit-risk-retrain","ClientRequestToken":"{{Token}}"}"""));
        var conflict = Error(await CallAsync("StartPipelineExecution",
            $$"""{"PipelineName":"credit-risk-retrain","ClientRequestToken":"{{Token}}","PipelineParameters":[{"Name":"MaxDepth","Value":"9"}]}"""));
        var execution = Error(await CallAsync("DescribePipelineExecution",
            """{"PipelineExecutionArn":"arn:aws:sagemaker:us-east-1:123456789012:pipeline/credit-risk-retrain/execution/000000000000"}"""));
        var pipeline = Error(await CallAsync("DescribePipeline", """{"PipelineName":"nope"}"""));

        Assert.Equal("ResourceNotFound", unknown.GetProperty("name").GetString());
        Assert.Equal("ValidationException", parameter.GetProperty("name").GetString());
        Assert.Equal("Value 'deep' of parameter MaxDepth is not a valid Integer.", parameter.GetProperty("message").GetString());
        Assert.Equal("ConflictException", conflict.GetProperty("name").GetString());
        Assert.Equal(400, conflict.GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("ResourceNotFound", execution.GetProperty("name").GetString());
        Assert.Equal("ResourceNotFound", pipeline.GetProperty("name").GetString());
    }
}
