using System.Text.Json;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.Tests;

/// <summary>What the alarm operations put on the wire: target, headers, and bodies with the model's member names.</summary>
public sealed class AlarmRequestTests : IAsyncLifetime
{
    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MetricStat Invocations(string stat) => new(
        new Metric("AWS/SageMaker", "Invocations", [new Dimension("EndpointName", "churn-prod"), new Dimension("VariantName", "AllTraffic")]),
        60, stat);

    /// <summary>The JSON without insignificant whitespace, member order and number spelling kept.</summary>
    private static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }

    private async Task<(RecordedRequest Request, JsonElement Body)> SentAsync(Func<AwsTestHost, Task> call)
    {
        _server.Enqueue(ScriptedReply.Ok("{}"));
        using var host = new AwsTestHost(_server);
        await call(host);
        var request = Assert.Single(_server.Requests);
        using var document = JsonDocument.Parse(request.Body);
        return (request, document.RootElement.Clone());
    }

    [Theory]
    [InlineData("PutMetricAlarm")]
    [InlineData("PutCompositeAlarm")]
    [InlineData("DescribeAlarms")]
    [InlineData("DescribeAlarmHistory")]
    [InlineData("DeleteAlarms")]
    public async Task AlarmOperation_AnyRequest_SendsAwsJson10HeadersAndItsTarget(string operation)
    {
        _server.Enqueue(ScriptedReply.Ok("{}"));
        using var host = new AwsTestHost(_server);

        await (operation switch
        {
            "PutMetricAlarm" => host.Alarms.PutMetricAlarmAsync(new PutMetricAlarmRequest("a1"), Ct),
            "PutCompositeAlarm" => host.Alarms.PutCompositeAlarmAsync(new PutCompositeAlarmRequest("c1", "ALARM(a1)"), Ct),
            "DescribeAlarms" => host.Alarms.DescribeAlarmsAsync(new DescribeAlarmsRequest(), Ct),
            "DescribeAlarmHistory" => host.Alarms.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest(), Ct),
            _ => host.Alarms.DeleteAlarmsAsync(new DeleteAlarmsRequest(["a1"]), Ct),
        });

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/"), (request.Method, request.Path));
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Equal($"GraniteServiceVersion20100801.{operation}", request.Header("X-Amz-Target"));
        Assert.Equal("true", request.Header("x-amzn-query-mode"));
        Assert.Equal("monitoring", SigV4Verifier.Parse(request.Header("Authorization")).Service);
        Assert.Equal(1, host.Stats.Get("CloudWatch", operation)!.Calls);
    }

    [Fact]
    public async Task PutMetricAlarm_MathAlarm_SendsMetricsActionsAndTagsByModelNames()
    {
        var (_, body) = await SentAsync(host => host.Alarms.PutMetricAlarmAsync(new PutMetricAlarmRequest("churn-prod-5xx-rate")
        {
            AlarmDescription = "5xx above 1 %",
            ActionsEnabled = true,
            AlarmActions = ["arn:aws:sns:eu-west-1:111122223333:ops"],
            OKActions = ["arn:aws:sns:eu-west-1:111122223333:ops-ok"],
            InsufficientDataActions = [],
            ComparisonOperator = ComparisonOperators.GreaterThanThreshold,
            Threshold = 1.0,
            EvaluationPeriods = 5,
            DatapointsToAlarm = 3,
            TreatMissingData = MissingDataTreatments.NotBreaching,
            Metrics =
            [
                new MetricDataQuery("inv", Invocations("Sum"), ReturnData: false),
                new MetricDataQuery("rate", Expression: "100*e5/inv", Label: "5xx %", ReturnData: true),
            ],
            Tags = [new Tag("team", "ml-platform")],
        }, Ct));

        Assert.Equal("churn-prod-5xx-rate", body.GetProperty("AlarmName").GetString());
        Assert.Equal("5xx above 1 %", body.GetProperty("AlarmDescription").GetString());
        Assert.True(body.GetProperty("ActionsEnabled").GetBoolean());
        Assert.Equal("arn:aws:sns:eu-west-1:111122223333:ops", body.GetProperty("AlarmActions")[0].GetString());
        Assert.Equal("arn:aws:sns:eu-west-1:111122223333:ops-ok", body.GetProperty("OKActions")[0].GetString());
        Assert.Equal(0, body.GetProperty("InsufficientDataActions").GetArrayLength());
        Assert.Equal("GreaterThanThreshold", body.GetProperty("ComparisonOperator").GetString());
        Assert.Equal(1.0, body.GetProperty("Threshold").GetDouble());
        Assert.Equal(5, body.GetProperty("EvaluationPeriods").GetInt32());
        Assert.Equal(3, body.GetProperty("DatapointsToAlarm").GetInt32());
        Assert.Equal("notBreaching", body.GetProperty("TreatMissingData").GetString());
        var metrics = body.GetProperty("Metrics");
        Assert.Equal("inv", metrics[0].GetProperty("Id").GetString());
        Assert.False(metrics[0].GetProperty("ReturnData").GetBoolean());
        Assert.Equal("Sum", metrics[0].GetProperty("MetricStat").GetProperty("Stat").GetString());
        Assert.Equal("Invocations", metrics[0].GetProperty("MetricStat").GetProperty("Metric").GetProperty("MetricName").GetString());
        Assert.Equal("100*e5/inv", metrics[1].GetProperty("Expression").GetString());
        Assert.True(metrics[1].GetProperty("ReturnData").GetBoolean());
        Assert.Equal("""[{"Key":"team","Value":"ml-platform"}]""", body.GetProperty("Tags").GetRawText());
        // The single-metric members are mutually exclusive with Metrics: unset means absent, never null.
        foreach (var absent in new[] { "MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period", "Unit", "ThresholdMetricId" })
        {
            Assert.False(body.TryGetProperty(absent, out _), absent);
        }
    }

    [Fact]
    public async Task PutMetricAlarm_PercentileAlarm_SendsExtendedStatisticAndLowSampleHandling()
    {
        var (_, body) = await SentAsync(host => host.Alarms.PutMetricAlarmAsync(new PutMetricAlarmRequest("churn-prod-p99")
        {
            Namespace = "AWS/SageMaker",
            MetricName = "ModelLatency",
            Dimensions = [new Dimension("EndpointName", "churn-prod"), new Dimension("VariantName", "AllTraffic")],
            ExtendedStatistic = "p99",
            Period = 60,
            EvaluationPeriods = 3,
            Threshold = 250_000,
            ComparisonOperator = ComparisonOperators.GreaterThanOrEqualToThreshold,
            EvaluateLowSampleCountPercentile = "ignore",
        }, Ct));

        Assert.Equal(Compact("""
            {"AlarmName":"churn-prod-p99","MetricName":"ModelLatency","Namespace":"AWS/SageMaker","ExtendedStatistic":"p99",
             "Dimensions":[{"Name":"EndpointName","Value":"churn-prod"},{"Name":"VariantName","Value":"AllTraffic"}],"Period":60,
             "EvaluationPeriods":3,"Threshold":250000,"ComparisonOperator":"GreaterThanOrEqualToThreshold",
             "EvaluateLowSampleCountPercentile":"ignore"}
            """), body.GetRawText());
    }

    [Fact]
    public async Task PutMetricAlarm_AnomalyAlarm_SendsThresholdMetricId()
    {
        var (_, body) = await SentAsync(host => host.Alarms.PutMetricAlarmAsync(new PutMetricAlarmRequest("churn-prod-anomaly")
        {
            ComparisonOperator = ComparisonOperators.LessThanLowerOrGreaterThanUpperThreshold,
            EvaluationPeriods = 2,
            ThresholdMetricId = "ad1",
            Metrics =
            [
                new MetricDataQuery("m1", Invocations("Sum"), ReturnData: true),
                new MetricDataQuery("ad1", Expression: "ANOMALY_DETECTION_BAND(m1, 2)", ReturnData: true),
            ],
        }, Ct));

        Assert.Equal("ad1", body.GetProperty("ThresholdMetricId").GetString());
        Assert.Equal("LessThanLowerOrGreaterThanUpperThreshold", body.GetProperty("ComparisonOperator").GetString());
        Assert.False(body.TryGetProperty("Threshold", out _));
    }

    [Fact]
    public async Task PutCompositeAlarm_WithSuppressor_SendsRuleAndSuppressorPeriods()
    {
        var (_, body) = await SentAsync(host => host.Alarms.PutCompositeAlarmAsync(
            new PutCompositeAlarmRequest("churn-prod-health", """(ALARM("churn-prod-5xx-rate") OR ALARM(churn-prod-p99)) AND NOT ALARM(deploying)""")
            {
                AlarmActions = ["arn:aws:sns:eu-west-1:111122223333:ops"],
                ActionsSuppressor = "deploying",
                ActionsSuppressorWaitPeriod = 120,
                ActionsSuppressorExtensionPeriod = 300,
                Tags = [new Tag("team", "ml-platform")],
            }, Ct));

        Assert.Equal("churn-prod-health", body.GetProperty("AlarmName").GetString());
        Assert.Equal("""(ALARM("churn-prod-5xx-rate") OR ALARM(churn-prod-p99)) AND NOT ALARM(deploying)""",
            body.GetProperty("AlarmRule").GetString());
        Assert.Equal("deploying", body.GetProperty("ActionsSuppressor").GetString());
        Assert.Equal(120, body.GetProperty("ActionsSuppressorWaitPeriod").GetInt32());
        Assert.Equal(300, body.GetProperty("ActionsSuppressorExtensionPeriod").GetInt32());
        Assert.Equal(1, body.GetProperty("AlarmActions").GetArrayLength());
        Assert.Equal(1, body.GetProperty("Tags").GetArrayLength());
        Assert.False(body.TryGetProperty("ActionsEnabled", out _));
    }

    [Fact]
    public async Task DescribeAlarms_BothTypesByPrefix_SendsFilterMembers()
    {
        var (request, _) = await SentAsync(host => host.Alarms.DescribeAlarmsAsync(new DescribeAlarmsRequest
        {
            AlarmNamePrefix = "churn-",
            AlarmTypes = [AlarmTypes.MetricAlarm, AlarmTypes.CompositeAlarm],
            StateValue = AlarmStates.Alarm,
            MaxRecords = 100,
            NextToken = "page-2",
        }, Ct));

        Assert.Equal(
            """{"AlarmNamePrefix":"churn-","AlarmTypes":["MetricAlarm","CompositeAlarm"],"StateValue":"ALARM","MaxRecords":100,"NextToken":"page-2"}""",
            request.Body);
    }

    [Fact]
    public async Task DescribeAlarmHistory_DateRange_SendsEpochSecondsAndFilters()
    {
        var (request, body) = await SentAsync(host => host.Alarms.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest
        {
            AlarmName = "churn-prod-p99",
            AlarmTypes = [AlarmTypes.MetricAlarm],
            HistoryItemType = HistoryItemTypes.StateUpdate,
            StartDate = DateTimeOffset.FromUnixTimeSeconds(1767225600),
            EndDate = DateTimeOffset.FromUnixTimeMilliseconds(1767229200500),
            MaxRecords = 50,
            ScanBy = ScanBy.TimestampAscending,
        }, Ct));

        Assert.Equal(JsonValueKind.Number, body.GetProperty("StartDate").ValueKind);
        Assert.Equal(Compact("""
            {"AlarmName":"churn-prod-p99","AlarmTypes":["MetricAlarm"],"HistoryItemType":"StateUpdate","StartDate":1767225600,
             "EndDate":1767229200.5,"MaxRecords":50,"ScanBy":"TimestampAscending"}
            """), request.Body);
    }

    [Fact]
    public async Task DeleteAlarms_Names_SendsOnlyAlarmNames()
    {
        var (request, _) = await SentAsync(host => host.Alarms.DeleteAlarmsAsync(new DeleteAlarmsRequest(["a1", "c1"]), Ct));

        Assert.Equal("""{"AlarmNames":["a1","c1"]}""", request.Body);
    }
}
