using System.Text.Json;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.Tests;

/// <summary>The Model Monitor operations: what is sent, how replies (nested configs, epoch timestamps) are read, what a reply must carry.</summary>
public sealed class SageMakerMonitoringClientTests : IAsyncLifetime
{
    private const string Json11 = "application/x-amz-json-1.1";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListMonitoringSchedules_EndpointFilter_SendsOnlySetMembersAndParsesSummaries()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"MonitoringScheduleSummaries":[{"MonitoringScheduleName":"credit-risk-data-quality",
              "MonitoringScheduleArn":"arn:aws:sagemaker:eu-west-1:123456789012:monitoring-schedule/credit-risk-data-quality",
              "CreationTime":1767225600.25,"LastModifiedTime":1767225600.25,"MonitoringScheduleStatus":"Scheduled","EndpointName":"credit-risk"}],
             "NextToken":"n2"}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.ListMonitoringSchedulesAsync(new ListMonitoringSchedulesRequest { EndpointName = "credit-risk", MaxResults = 100 }, Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("SageMaker.ListMonitoringSchedules", request.Header("X-Amz-Target"));
        Assert.Equal("""{"EndpointName":"credit-risk","MaxResults":100}""", request.Body);
        var summary = Assert.Single(reply.MonitoringScheduleSummaries);
        Assert.Equal(MonitoringScheduleStatuses.Scheduled, summary.MonitoringScheduleStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600250), summary.CreationTime);
        Assert.Null(summary.MonitoringType);
        Assert.Equal("n2", reply.NextToken);
    }

    [Fact]
    public async Task DescribeMonitoringSchedule_InlineDefinition_ReadsBaselineOutputAndLastExecution()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"MonitoringScheduleArn":"arn:aws:sagemaker:eu-west-1:123456789012:monitoring-schedule/churn-dq","MonitoringScheduleName":"churn-dq",
             "MonitoringScheduleStatus":"Scheduled","MonitoringType":"DataQuality","CreationTime":1767225600,"LastModifiedTime":1767225600,
             "EndpointName":"churn-prod",
             "MonitoringScheduleConfig":{"ScheduleConfig":{"ScheduleExpression":"cron(0 * ? * * *)"},
               "MonitoringJobDefinition":{
                 "BaselineConfig":{"ConstraintsResource":{"S3Uri":"s3://b/baseline/constraints.json"},"StatisticsResource":{"S3Uri":"s3://b/baseline/statistics.json"}},
                 "MonitoringInputs":[{"EndpointInput":{"EndpointName":"churn-prod","LocalPath":"/opt/ml/processing/input"}}],
                 "MonitoringOutputConfig":{"MonitoringOutputs":[{"S3Output":{"S3Uri":"s3://b/reports","LocalPath":"/opt/ml/processing/output"}}]},
                 "MonitoringResources":{"ClusterConfig":{"InstanceCount":1,"InstanceType":"ml.m5.xlarge","VolumeSizeInGB":20}},
                 "MonitoringAppSpecification":{"ImageUri":"img"},"RoleArn":"arn:aws:iam::123456789012:role/r",
                 "NetworkConfig":{"EnableNetworkIsolation":true}}},
             "LastMonitoringExecutionSummary":{"MonitoringScheduleName":"churn-dq","ScheduledTime":1767225600,"CreationTime":1767225700.1,
               "LastModifiedTime":1767226900.9,"MonitoringExecutionStatus":"CompletedWithViolations",
               "ProcessingJobArn":"arn:aws:sagemaker:eu-west-1:123456789012:processing-job/model-monitoring-202601010000-0a1b2c3d"}}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.DescribeMonitoringScheduleAsync(new DescribeMonitoringScheduleRequest("churn-dq"), Ct);

        Assert.Equal("""{"MonitoringScheduleName":"churn-dq"}""", Assert.Single(_server.Requests).Body);
        var definition = reply.MonitoringScheduleConfig.MonitoringJobDefinition!;
        Assert.Equal("s3://b/baseline/statistics.json", definition.BaselineConfig!.StatisticsResource!.S3Uri);
        Assert.Equal("s3://b/reports", definition.MonitoringOutputConfig.MonitoringOutputs[0].S3Output.S3Uri);
        Assert.True(definition.Other!["NetworkConfig"].GetProperty("EnableNetworkIsolation").GetBoolean());
        Assert.Equal(MonitoringExecutionStatuses.CompletedWithViolations, reply.LastMonitoringExecutionSummary!.MonitoringExecutionStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767226900900), reply.LastMonitoringExecutionSummary.LastModifiedTime);
    }

    [Fact]
    public async Task ListMonitoringExecutions_TimeFilter_SendsEpochSecondsAndParsesSummaries()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"MonitoringExecutionSummaries":[{"MonitoringScheduleName":"churn-dq","ScheduledTime":1767225600.0,"CreationTime":1767225700.1,
              "LastModifiedTime":1767226900.9,"MonitoringExecutionStatus":"Failed","FailureReason":"Job inputs had no data"}]}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.ListMonitoringExecutionsAsync(new ListMonitoringExecutionsRequest
        {
            MonitoringScheduleName = "churn-dq",
            ScheduledTimeAfter = DateTimeOffset.FromUnixTimeSeconds(1767222000),
            SortBy = "ScheduledTime",
        }, Ct);

        using var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        Assert.Equal(1767222000, body.RootElement.GetProperty("ScheduledTimeAfter").GetInt64());
        Assert.Equal("ScheduledTime", body.RootElement.GetProperty("SortBy").GetString());
        var execution = Assert.Single(reply.MonitoringExecutionSummaries);
        Assert.Equal(MonitoringExecutionStatuses.Failed, execution.MonitoringExecutionStatus);
        Assert.Equal("Job inputs had no data", execution.FailureReason);
        Assert.Null(execution.ProcessingJobArn);
    }

    [Fact]
    public async Task ListMonitoringExecutions_SummaryWithoutStatus_IsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"MonitoringExecutionSummaries":[{"MonitoringScheduleName":"churn-dq","ScheduledTime":1767225600,"CreationTime":1767225700,"LastModifiedTime":1767225700}]}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.SageMaker.ListMonitoringExecutionsAsync(new ListMonitoringExecutionsRequest(), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Contains("MonitoringExecutionSummaries[].MonitoringExecutionStatus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeProcessingJob_MonitoringJob_ReadsTheReportPrefix()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"ProcessingJobName":"model-monitoring-202601010000-0a1b2c3d","ProcessingJobArn":"arn:aws:sagemaker:eu-west-1:123456789012:processing-job/model-monitoring-202601010000-0a1b2c3d",
             "ProcessingJobStatus":"Completed","CreationTime":1767225700.1,"ProcessingEndTime":1767226800,
             "ProcessingResources":{"ClusterConfig":{"InstanceCount":1,"InstanceType":"ml.m5.xlarge","VolumeSizeInGB":20}},
             "AppSpecification":{"ImageUri":"img"},"ExitMessage":"CompletedWithViolations: Job completed successfully with 2 violations.",
             "ProcessingOutputConfig":{"Outputs":[{"OutputName":"result","S3Output":{"S3Uri":"s3://b/reports/churn-prod/churn-dq/2026/01/01/00",
               "LocalPath":"/opt/ml/processing/output","S3UploadMode":"EndOfJob"}}]},"AutoMLJobArn":"arn:x"}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.DescribeProcessingJobAsync(new DescribeProcessingJobRequest("model-monitoring-202601010000-0a1b2c3d"), Ct);

        Assert.Equal("SageMaker.DescribeProcessingJob", Assert.Single(_server.Requests).Header("X-Amz-Target"));
        Assert.Equal("s3://b/reports/churn-prod/churn-dq/2026/01/01/00", reply.ProcessingOutputConfig!.Outputs[0].S3Output!.S3Uri);
        Assert.Equal(ProcessingJobStatuses.Completed, reply.ProcessingJobStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767226800), reply.ProcessingEndTime);
    }

    [Fact]
    public async Task DescribeMonitoringSchedule_ResourceNotFound_ThrowsWithTheCodeAndMessage()
    {
        _server.Enqueue(ScriptedReply.Error(400, """{"__type":"ResourceNotFound","message":"Could not find monitoring schedule"}""", ("Content-Type", Json11)));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.SageMaker.DescribeMonitoringScheduleAsync(new DescribeMonitoringScheduleRequest("nope"), Ct));

        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Contains("Could not find monitoring schedule", error.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }
}
