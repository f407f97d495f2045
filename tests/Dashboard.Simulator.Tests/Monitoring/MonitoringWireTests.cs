using System.Net;
using System.Text.Json;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.Monitoring;

/// <summary>
/// Model Monitor schedules and executions against the reports the simulated bucket holds: one execution per report
/// hour, its status from that hour's constraint_violations.json, and its processing job's output naming the hour's prefix.
/// </summary>
public sealed class MonitoringWireTests : IAsyncLifetime
{
    private const string Bucket = "s3://sagemaker-us-east-1-123456789012/";

    private SimulatorHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await SimulatorHost.StartAsync();

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private S3Catalog S3 => _host.App.Services.GetRequiredService<S3Catalog>();

    private Task<JsonElement> CallAsync(string operation, object body) => _host.SageMakerAsync(operation, body);

    /// <summary>Every execution ListMonitoringExecutions returns for the filter, following NextToken.</summary>
    private async Task<List<JsonElement>> AllExecutionsAsync(Dictionary<string, object> filter, int pageSize = 100)
    {
        var all = new List<JsonElement>();
        string? token = null;
        do
        {
            var body = new Dictionary<string, object>(filter) { ["MaxResults"] = pageSize };
            if (token is not null)
            {
                body["NextToken"] = token;
            }
            var page = await CallAsync("ListMonitoringExecutions", body);
            all.AddRange(page.GetProperty("MonitoringExecutionSummaries").EnumerateArray());
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return all;
    }

    private static string Text(JsonElement element, string member) => element.GetProperty(member).GetString()!;

    private static DateTimeOffset Time(JsonElement element, string member) =>
        DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(element.GetProperty(member).GetDouble() * 1000));

    private static string Key(string s3Uri) => s3Uri[Bucket.Length..];

    [Fact]
    public async Task ListMonitoringSchedules_Default_ThreeHourlyDataQualitySchedulesAndAStoppedModelQualityOne()
    {
        var page = await CallAsync("ListMonitoringSchedules", new { MaxResults = 100, SortBy = "Name", SortOrder = "Ascending" });

        var schedules = page.GetProperty("MonitoringScheduleSummaries").EnumerateArray()
            .Select(s => (Text(s, "MonitoringScheduleName"), Text(s, "EndpointName"), Text(s, "MonitoringScheduleStatus"), Text(s, "MonitoringType")))
            .ToList();
        Assert.Equal(
        [
            ("churn-prod-data-quality", "churn-prod", "Scheduled", "DataQuality"),
            ("credit-risk-data-quality", "credit-risk", "Scheduled", "DataQuality"),
            ("fraud-detector-data-quality", "fraud-detector", "Scheduled", "DataQuality"),
            ("fraud-detector-model-quality", "fraud-detector", "Stopped", "ModelQuality"),
        ], schedules);
        Assert.False(page.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task DescribeMonitoringSchedule_DataQuality_HourlyWithBaselineAndOutputsWhereTheBucketHasThem()
    {
        var schedule = await CallAsync("DescribeMonitoringSchedule", new { MonitoringScheduleName = "credit-risk-data-quality" });

        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/credit-risk-data-quality", Text(schedule, "MonitoringScheduleArn"));
        var config = schedule.GetProperty("MonitoringScheduleConfig");
        Assert.Equal("cron(0 * ? * * *)", Text(config.GetProperty("ScheduleConfig"), "ScheduleExpression"));
        var definition = config.GetProperty("MonitoringJobDefinition");
        var baseline = definition.GetProperty("BaselineConfig");
        var now = _host.Time.GetUtcNow();
        Assert.NotNull(S3.Find(Key(Text(baseline.GetProperty("StatisticsResource"), "S3Uri")), now));
        Assert.NotNull(S3.Find(Key(Text(baseline.GetProperty("ConstraintsResource"), "S3Uri")), now));
        Assert.Equal("credit-risk", Text(definition.GetProperty("MonitoringInputs")[0].GetProperty("EndpointInput"), "EndpointName"));
        var output = definition.GetProperty("MonitoringOutputConfig").GetProperty("MonitoringOutputs")[0].GetProperty("S3Output");
        Assert.Equal(Bucket + "model-monitor/reports", Text(output, "S3Uri"));
        var last = schedule.GetProperty("LastMonitoringExecutionSummary");
        Assert.Equal(TestClock.Anchor, Time(last, "ScheduledTime"));
        Assert.Equal("CompletedWithViolations", Text(last, "MonitoringExecutionStatus"));
    }

    [Theory]
    [InlineData("credit-risk-data-quality")]
    [InlineData("churn-prod-data-quality")]
    [InlineData("fraud-detector-data-quality")]
    public async Task ListMonitoringExecutions_DataQuality_OnePerReportHourWithTheStatusItsViolationsFileGives(string scheduleName)
    {
        var now = _host.Time.GetUtcNow();
        var executions = await AllExecutionsAsync(new() { ["MonitoringScheduleName"] = scheduleName, ["SortBy"] = "ScheduledTime", ["SortOrder"] = "Ascending" }, 30);

        var reportHours = S3.List(now).Select(e => e.Key)
            .Where(k => k.Contains($"/{scheduleName}/", StringComparison.Ordinal) && k.EndsWith("/constraint_violations.json", StringComparison.Ordinal))
            .ToList();
        // The bucket's eight days of history: 8 × 24 hours and the current one.
        Assert.Equal(8 * 24 + 1, reportHours.Count);
        Assert.Equal(reportHours.Count, executions.Count);
        foreach (var execution in executions)
        {
            var jobName = Text(execution, "ProcessingJobArn").Split('/')[^1];
            var job = await CallAsync("DescribeProcessingJob", new { ProcessingJobName = jobName });
            var prefix = Text(job.GetProperty("ProcessingOutputConfig").GetProperty("Outputs")[0].GetProperty("S3Output"), "S3Uri");
            var violations = S3.Find(Key(prefix) + "/constraint_violations.json", now);
            Assert.NotNull(violations);
            Assert.NotNull(S3.Find(Key(prefix) + "/statistics.json", now));
            var count = JsonDocument.Parse(violations.Content).RootElement.GetProperty("violations").GetArrayLength();
            Assert.Equal(count > 0 ? "CompletedWithViolations" : "Completed", Text(execution, "MonitoringExecutionStatus"));
            Assert.Equal("Completed", Text(job, "ProcessingJobStatus"));
            Assert.EndsWith(Time(execution, "ScheduledTime").UtcDateTime.ToString("yyyy/MM/dd/HH", System.Globalization.CultureInfo.InvariantCulture), prefix);
        }
    }

    [Fact]
    public async Task ListMonitoringExecutions_TheDriftingEndpoint_ViolationsLatelyAndNoneOnTheOthers()
    {
        var credit = await AllExecutionsAsync(new() { ["EndpointName"] = "credit-risk", ["StatusEquals"] = "CompletedWithViolations" });
        var churn = await AllExecutionsAsync(new() { ["EndpointName"] = "churn-prod", ["StatusEquals"] = "CompletedWithViolations" });

        Assert.Contains(credit, e => Time(e, "ScheduledTime") == TestClock.Anchor);
        Assert.Empty(churn);
    }

    [Fact]
    public async Task LatestExecution_BeforeItsReportsLand_InProgressThenCompletedWhenTheyDo()
    {
        _host.Time.SetUtcNow(TestClock.Anchor.AddHours(1).AddMinutes(5));
        var running = (await AllExecutionsAsync(new() { ["MonitoringScheduleName"] = "credit-risk-data-quality" }))[0];
        var job = Text(running, "ProcessingJobArn").Split('/')[^1];
        var inProgress = await CallAsync("DescribeProcessingJob", new { ProcessingJobName = job });
        var prefix = Key(Text(inProgress.GetProperty("ProcessingOutputConfig").GetProperty("Outputs")[0].GetProperty("S3Output"), "S3Uri"));
        Assert.Null(S3.Find(prefix + "/constraint_violations.json", _host.Time.GetUtcNow()));

        _host.Time.SetUtcNow(TestClock.Anchor.AddHours(1).AddMinutes(8));
        var done = (await AllExecutionsAsync(new() { ["MonitoringScheduleName"] = "credit-risk-data-quality" }))[0];
        var completed = await CallAsync("DescribeProcessingJob", new { ProcessingJobName = job });

        Assert.Equal(TestClock.Anchor.AddHours(1), Time(running, "ScheduledTime"));
        Assert.Equal("InProgress", Text(running, "MonitoringExecutionStatus"));
        Assert.Equal("InProgress", Text(inProgress, "ProcessingJobStatus"));
        Assert.False(inProgress.TryGetProperty("ProcessingEndTime", out _));
        Assert.Equal("CompletedWithViolations", Text(done, "MonitoringExecutionStatus"));
        Assert.Equal("Completed", Text(completed, "ProcessingJobStatus"));
        Assert.StartsWith("CompletedWithViolations: Job completed successfully with ", Text(completed, "ExitMessage"));
        Assert.NotNull(S3.Find(prefix + "/constraint_violations.json", _host.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ListMonitoringExecutions_PagedBySevenWhileTheClockMovesAnHour_EveryExecutionOnceAsOfTheFirstPage()
    {
        var all = (await AllExecutionsAsync(new())).Select(e => Text(e, "ProcessingJobArn")).ToList();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var body = new Dictionary<string, object> { ["MaxResults"] = 7 };
            if (token is not null)
            {
                body["NextToken"] = token;
            }
            var page = await CallAsync("ListMonitoringExecutions", body);
            seen.AddRange(page.GetProperty("MonitoringExecutionSummaries").EnumerateArray().Select(e => Text(e, "ProcessingJobArn")));
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            _host.Time.Advance(TimeSpan.FromMinutes(10));
        }
        while (token is not null);

        // Three data-quality schedules × 193 hours (eight days and the current one), and the stopped schedule's six failed runs.
        Assert.Equal(3 * (8 * 24 + 1) + 6, all.Count);
        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task ListMonitoringExecutions_TokenOfAnotherQuery_ValidationException()
    {
        var page = await CallAsync("ListMonitoringExecutions", new { MaxResults = 2 });
        var token = page.GetProperty("NextToken").GetString();

        var message = await SimulatorHost.AssertErrorAsync(await _host.PostAsync(SimulatorHost.SageMakerPrefix + "ListMonitoringExecutions",
            JsonSerializer.Serialize(new { MaxResults = 2, EndpointName = "credit-risk", NextToken = token })), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal("Invalid pagination token because the token is not valid or has expired.", message);
    }

    [Fact]
    public async Task StoppedSchedule_Describe_ItsJobDefinitionAndLastExecutionFailedSayingWhy()
    {
        var schedule = await CallAsync("DescribeMonitoringSchedule", new { MonitoringScheduleName = "fraud-detector-model-quality" });
        var last = schedule.GetProperty("LastMonitoringExecutionSummary");
        var job = await CallAsync("DescribeProcessingJob", new { ProcessingJobName = Text(last, "ProcessingJobArn").Split('/')[^1] });

        Assert.Equal("Stopped", Text(schedule, "MonitoringScheduleStatus"));
        var config = schedule.GetProperty("MonitoringScheduleConfig");
        Assert.Equal("fraud-detector-model-quality-job", Text(config, "MonitoringJobDefinitionName"));
        Assert.Equal("ModelQuality", Text(config, "MonitoringType"));
        Assert.False(config.TryGetProperty("MonitoringJobDefinition", out _));
        Assert.Equal("Failed", Text(last, "MonitoringExecutionStatus"));
        Assert.StartsWith("AlgorithmError: No ground truth labels were found", Text(last, "FailureReason"));
        Assert.True(Time(last, "ScheduledTime") < Time(schedule, "LastModifiedTime"));
        Assert.Equal("Failed", Text(job, "ProcessingJobStatus"));
        Assert.Equal(Text(last, "FailureReason"), Text(job, "FailureReason"));
    }

    [Fact]
    public async Task DescribeMonitoringSchedule_Unknown_ResourceNotFound()
    {
        var message = await SimulatorHost.AssertErrorAsync(await _host.PostAsync(SimulatorHost.SageMakerPrefix + "DescribeMonitoringSchedule",
            """{"MonitoringScheduleName":"nope"}"""), HttpStatusCode.BadRequest, "ResourceNotFound");

        Assert.Equal("Could not find monitoring schedule \"arn:aws:sagemaker:us-east-1:123456789012:monitoring-schedule/nope\".", message);
    }

    [Theory]
    [InlineData("model-monitoring-202603041400-00000000")]
    [InlineData("some-other-job")]
    public async Task DescribeProcessingJob_Unknown_ResourceNotFound(string name)
    {
        await SimulatorHost.AssertErrorAsync(await _host.PostAsync(SimulatorHost.SageMakerPrefix + "DescribeProcessingJob",
            JsonSerializer.Serialize(new { ProcessingJobName = name })), HttpStatusCode.BadRequest, "ResourceNotFound");
    }

    [Fact]
    public async Task ListMonitoringSchedules_MaxResultsOver100_RangeConstraint()
    {
        var message = await SimulatorHost.AssertErrorAsync(await _host.PostAsync(SimulatorHost.SageMakerPrefix + "ListMonitoringSchedules",
            """{"MaxResults":101}"""), HttpStatusCode.BadRequest, "ValidationException");

        Assert.Equal("1 validation error detected: Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100", message);
    }
}
