using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.Tests;

/// <summary>How alarm replies are read: typed members, epoch timestamps, unknown members ignored, no-output bodies, errors.</summary>
public sealed class AlarmReplyTests : IAsyncLifetime
{
    // Shaped like a 2026 model reply: LogAlarms, EvaluationWindow and other members this client does not read.
    private const string DescribeAlarmsReply = """
        {"MetricAlarms":[
          {"AlarmName":"churn-prod-p99","AlarmArn":"arn:aws:cloudwatch:eu-west-1:111122223333:alarm:churn-prod-p99",
           "AlarmConfigurationUpdatedTimestamp":1767225600.123,"ActionsEnabled":true,
           "AlarmActions":["arn:aws:sns:eu-west-1:111122223333:ops"],"OKActions":[],"InsufficientDataActions":[],
           "StateValue":"ALARM","StateReason":"Threshold Crossed","StateReasonData":"{\"version\":\"1.0\"}",
           "StateUpdatedTimestamp":1767229200,"StateTransitionedTimestamp":1767229200,
           "MetricName":"ModelLatency","Namespace":"AWS/SageMaker","ExtendedStatistic":"p99",
           "Dimensions":[{"Name":"EndpointName","Value":"churn-prod"}],"Period":60,"EvaluationPeriods":3,
           "DatapointsToAlarm":2,"Threshold":250000.0,"ComparisonOperator":"GreaterThanOrEqualToThreshold",
           "TreatMissingData":"missing","EvaluateLowSampleCountPercentile":"ignore",
           "EvaluationWindow":{"SlidingWindow":{}},"FutureScalar":42},
          {"AlarmName":"churn-prod-5xx-rate","StateValue":"OK","EvaluationPeriods":5,"ComparisonOperator":"GreaterThanThreshold",
           "Threshold":1.0,"Metrics":[{"Id":"rate","Expression":"100*e5/inv","ReturnData":true},
             {"Id":"inv","ReturnData":false,"MetricStat":{"Metric":{"Namespace":"AWS/SageMaker","MetricName":"Invocations",
               "Dimensions":[{"Name":"EndpointName","Value":"churn-prod"}]},"Period":60,"Stat":"Sum"},"AccountId":"111122223333"}],
           "EvaluationState":"PARTIAL_DATA"}],
         "CompositeAlarms":[
          {"AlarmName":"churn-prod-health","AlarmRule":"ALARM(churn-prod-p99)","StateValue":"ALARM",
           "StateUpdatedTimestamp":1767229260.5,"ActionsSuppressor":"deploying","ActionsSuppressorWaitPeriod":120,
           "ActionsSuppressorExtensionPeriod":300,"ActionsSuppressedBy":"WaitPeriod","ActionsSuppressedReason":"waiting"}],
         "LogAlarms":[{"AlarmName":"log-1"}],
         "NextToken":"page-2"}
        """;

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DescribeAlarms_FullReply_ParsesMetricAndCompositeAlarmsAndIgnoresUnknownMembers()
    {
        _server.Enqueue(ScriptedReply.Ok(DescribeAlarmsReply));
        using var host = new AwsTestHost(_server);

        var reply = await host.Alarms.DescribeAlarmsAsync(new DescribeAlarmsRequest(), Ct);

        Assert.Equal("page-2", reply.NextToken);
        Assert.Equal(2, reply.MetricAlarms.Count);
        var p99 = reply.MetricAlarms[0];
        Assert.Equal("churn-prod-p99", p99.AlarmName);
        Assert.Equal(AlarmStates.Alarm, p99.StateValue);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600123), p99.AlarmConfigurationUpdatedTimestamp);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767229200), p99.StateUpdatedTimestamp);
        Assert.Equal("p99", p99.ExtendedStatistic);
        Assert.Equal(new Dimension("EndpointName", "churn-prod"), Assert.Single(p99.Dimensions!));
        Assert.Equal((60, 3, 2, 250000.0), (p99.Period, p99.EvaluationPeriods, p99.DatapointsToAlarm, p99.Threshold));
        Assert.Equal("""{"version":"1.0"}""", p99.StateReasonData);
        Assert.Equal(["arn:aws:sns:eu-west-1:111122223333:ops"], p99.AlarmActions!);
        Assert.Empty(p99.OKActions!);
        var math = reply.MetricAlarms[1];
        Assert.Equal("PARTIAL_DATA", math.EvaluationState);
        Assert.Equal("100*e5/inv", math.Metrics![0].Expression);
        Assert.Equal("Sum", math.Metrics[1].MetricStat!.Stat);
        Assert.Null(math.MetricName);
        var composite = Assert.Single(reply.CompositeAlarms);
        Assert.Equal(("churn-prod-health", "ALARM(churn-prod-p99)"), (composite.AlarmName, composite.AlarmRule));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767229260500), composite.StateUpdatedTimestamp);
        Assert.Equal(("deploying", 120, 300), (composite.ActionsSuppressor, composite.ActionsSuppressorWaitPeriod,
            composite.ActionsSuppressorExtensionPeriod));
        Assert.Equal("WaitPeriod", composite.ActionsSuppressedBy);
    }

    [Fact]
    public async Task DescribeAlarms_EmptyObjectReply_ReturnsEmptyLists()
    {
        _server.Enqueue(ScriptedReply.Ok("{}"));
        using var host = new AwsTestHost(_server);

        var reply = await host.Alarms.DescribeAlarmsAsync(new DescribeAlarmsRequest(), Ct);

        Assert.Empty(reply.MetricAlarms);
        Assert.Empty(reply.CompositeAlarms);
        Assert.Null(reply.NextToken);
    }

    [Fact]
    public async Task DescribeAlarms_AlarmWithoutName_IsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"MetricAlarms":[{"StateValue":"OK"}]}"""));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.Alarms.DescribeAlarmsAsync(new DescribeAlarmsRequest(), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Contains("MetricAlarms[].AlarmName", error.Message);
    }

    [Fact]
    public async Task DescribeAlarmHistory_Reply_ParsesItemsAndIgnoresContributorMembers()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"AlarmHistoryItems":[
              {"AlarmName":"churn-prod-p99","AlarmType":"MetricAlarm","Timestamp":1767229200.25,"HistoryItemType":"StateUpdate",
               "HistorySummary":"Alarm updated from OK to ALARM",
               "HistoryData":"{\"version\":\"1.0\",\"oldState\":{\"stateValue\":\"OK\"},\"newState\":{\"stateValue\":\"ALARM\"}}",
               "AlarmContributorId":"c-1","AlarmContributorAttributes":{"k":"v"}},
              {"AlarmName":"churn-prod-p99","Timestamp":1767225600,"HistoryItemType":"ConfigurationUpdate"}],
             "NextToken":"h2"}
            """));
        using var host = new AwsTestHost(_server);

        var reply = await host.Alarms.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest { AlarmName = "churn-prod-p99" }, Ct);

        Assert.Equal("h2", reply.NextToken);
        Assert.Equal(2, reply.AlarmHistoryItems.Count);
        var update = reply.AlarmHistoryItems[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767229200250), update.Timestamp);
        Assert.Equal((AlarmTypes.MetricAlarm, HistoryItemTypes.StateUpdate), (update.AlarmType, update.HistoryItemType));
        Assert.Equal("Alarm updated from OK to ALARM", update.HistorySummary);
        Assert.StartsWith("""{"version":"1.0","oldState":""", update.HistoryData);
        Assert.Null(reply.AlarmHistoryItems[1].AlarmType);
    }

    [Fact]
    public async Task DescribeAlarmHistory_ItemWithoutTimestamp_IsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"AlarmHistoryItems":[{"AlarmName":"a1"}]}"""));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.Alarms.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest(), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData(" \r\n")]
    [InlineData("""{"FutureOutput":{"x":1}}""")]
    public async Task NoOutputOperations_EmptyOrObjectBody_Succeed(string body)
    {
        _server.Enqueue(ScriptedReply.Ok(body), ScriptedReply.Ok(body), ScriptedReply.Ok(body));
        using var host = new AwsTestHost(_server);

        await host.Alarms.PutMetricAlarmAsync(new PutMetricAlarmRequest("a1"), Ct);
        await host.Alarms.PutCompositeAlarmAsync(new PutCompositeAlarmRequest("c1", "ALARM(a1)"), Ct);
        await host.Alarms.DeleteAlarmsAsync(new DeleteAlarmsRequest(["a1", "c1"]), Ct);

        Assert.Equal(3, _server.Requests.Count);
        Assert.All(host.Stats.Snapshot(), s => Assert.Equal(0, s.Failures));
    }

    [Theory]
    [InlineData("<html>proxy</html>")]
    [InlineData("[]")]
    public async Task NoOutputOperation_BodyNeitherEmptyNorObject_IsMalformedResponseAndNotRetried(string body)
    {
        _server.Enqueue(ScriptedReply.Ok(body), ScriptedReply.Ok("{}"));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.Alarms.DeleteAlarmsAsync(new DeleteAlarmsRequest(["a1"]), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task DeleteAlarms_ResourceNotFound_MapsQueryCodeAndRequestId()
    {
        _server.Enqueue(ScriptedReply.Error(404,
            """{"__type":"com.amazonaws.cloudwatch#ResourceNotFound","message":"Alarm c9 not found"}""",
            ("x-amzn-query-error", "ResourceNotFound;Sender"), ("x-amzn-RequestId", "req-del")));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.Alarms.DeleteAlarmsAsync(new DeleteAlarmsRequest(["c9"]), Ct));

        Assert.Equal(("CloudWatch", "ResourceNotFound", 404, "req-del"), (error.Service, error.ErrorCode, error.StatusCode, error.RequestId));
        Assert.EndsWith("Alarm c9 not found", error.Message);
        Assert.Equal("ResourceNotFound", host.Stats.Get("CloudWatch", "DeleteAlarms")!.LastErrorCode);
    }

    [Fact]
    public async Task PutMetricAlarm_AlarmQuotaReached_IsLimitExceededAndNotRetried()
    {
        _server.Enqueue(ScriptedReply.Error(400,
            """{"__type":"com.amazonaws.cloudwatch#LimitExceededFault","message":"The maximum number of alarms has been reached"}""",
            ("x-amzn-query-error", "LimitExceeded;Sender")), ScriptedReply.Ok("{}"));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.Alarms.PutMetricAlarmAsync(new PutMetricAlarmRequest("a1"), Ct));

        Assert.Equal("LimitExceeded", error.ErrorCode);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task DescribeAlarms_Throttled_RetriesThenSucceeds()
    {
        _server.Enqueue(ScriptedReply.Error(400, """{"__type":"Throttling","message":"Rate exceeded"}""",
            ("x-amzn-query-error", "Throttling;Sender")), ScriptedReply.Ok(DescribeAlarmsReply));
        using var host = new AwsTestHost(_server);

        var reply = await host.Alarms.DescribeAlarmsAsync(new DescribeAlarmsRequest(), Ct);

        Assert.Equal(2, reply.MetricAlarms.Count);
        var stats = host.Stats.Get("CloudWatch", "DescribeAlarms")!;
        Assert.Equal((1, 1, 1, 0), (stats.Calls, stats.Retries, stats.Throttles, stats.Failures));
    }
}
