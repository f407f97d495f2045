using Dashboard.Core.CloudWatch;

namespace Dashboard.WireProof.Tests;

/// <summary>The alarm operations of <see cref="ICloudWatchAlarmsClient"/> send what the JS SDK sends for the same input.</summary>
public sealed class AlarmRequestsMatchSdkTests
{
    private const string Prefix = "GraniteServiceVersion20100801.";
    private const string ContentType = "application/x-amz-json-1.0";

    private static readonly DateTimeOffset Start = new(2026, 3, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 3, 4, 15, 30, 0, TimeSpan.Zero);

    private static ICloudWatchAlarmsClient Alarms(IServiceProvider provider) => provider.GetRequiredService<ICloudWatchAlarmsClient>();

    [Fact]
    public async Task PutMetricAlarm_SingleMetricAllMembers_SameRequestAsSdk()
    {
        var pair = await RequestsMatchSdkTests.CaptureBothAsync("PutMetricAlarm",
            """
            {"AlarmName":"churn-5xx","AlarmDescription":"5XX on churn","ActionsEnabled":false,
             "OKActions":["arn:aws:sns:us-east-1:123456789012:ok"],"AlarmActions":["arn:aws:sns:us-east-1:123456789012:oncall"],
             "InsufficientDataActions":[],"MetricName":"Invocation5XXErrors","Namespace":"AWS/SageMaker","Statistic":"Sum",
             "Dimensions":[{"Name":"EndpointName","Value":"churn-prod"},{"Name":"VariantName","Value":"AllTraffic"}],
             "Period":60,"Unit":"Count","EvaluationPeriods":5,"DatapointsToAlarm":3,"Threshold":10.5,
             "ComparisonOperator":"GreaterThanThreshold","TreatMissingData":"notBreaching",
             "Tags":[{"Key":"team","Value":"ml"}]}
            """,
            (provider, ct) => Alarms(provider).PutMetricAlarmAsync(new PutMetricAlarmRequest("churn-5xx")
            {
                AlarmDescription = "5XX on churn",
                ActionsEnabled = false,
                OKActions = ["arn:aws:sns:us-east-1:123456789012:ok"],
                AlarmActions = ["arn:aws:sns:us-east-1:123456789012:oncall"],
                InsufficientDataActions = [],
                MetricName = "Invocation5XXErrors",
                Namespace = "AWS/SageMaker",
                Statistic = "Sum",
                Dimensions = [new Dimension("EndpointName", "churn-prod"), new Dimension("VariantName", "AllTraffic")],
                Period = 60,
                Unit = "Count",
                EvaluationPeriods = 5,
                DatapointsToAlarm = 3,
                Threshold = 10.5,
                ComparisonOperator = ComparisonOperators.GreaterThanThreshold,
                TreatMissingData = MissingDataTreatments.NotBreaching,
                Tags = [new Tag("team", "ml")],
            }, ct));

        RequestsMatchSdkTests.AssertSameRequest(pair, Prefix + "PutMetricAlarm", ContentType, queryMode: true);
    }

    [Fact]
    public async Task PutMetricAlarm_MetricsAndExtendedStatistic_SameRequestAsSdk()
    {
        var pair = await RequestsMatchSdkTests.CaptureBothAsync("PutMetricAlarm",
            """
            {"AlarmName":"latency-p99","EvaluationPeriods":3,"ComparisonOperator":"GreaterThanUpperThreshold","ThresholdMetricId":"band",
             "EvaluateLowSampleCountPercentile":"ignore",
             "Metrics":[{"Id":"m1","MetricStat":{"Metric":{"Namespace":"AWS/SageMaker","MetricName":"ModelLatency","Dimensions":[{"Name":"EndpointName","Value":"churn-prod"}]},"Period":300,"Stat":"p99"},"ReturnData":true},
                        {"Id":"band","Expression":"ANOMALY_DETECTION_BAND(m1, 2)","Label":"band"}]}
            """,
            (provider, ct) => Alarms(provider).PutMetricAlarmAsync(new PutMetricAlarmRequest("latency-p99")
            {
                EvaluationPeriods = 3,
                ComparisonOperator = ComparisonOperators.GreaterThanUpperThreshold,
                ThresholdMetricId = "band",
                EvaluateLowSampleCountPercentile = "ignore",
                Metrics =
                [
                    new MetricDataQuery("m1", new MetricStat(new Metric("AWS/SageMaker", "ModelLatency",
                        [new Dimension("EndpointName", "churn-prod")]), 300, "p99"), ReturnData: true),
                    new MetricDataQuery("band", Expression: "ANOMALY_DETECTION_BAND(m1, 2)", Label: "band"),
                ],
            }, ct));

        RequestsMatchSdkTests.AssertSameRequest(pair, Prefix + "PutMetricAlarm", ContentType, queryMode: true);
    }

    [Fact]
    public async Task PutCompositeAlarm_AllMembers_SameRequestAsSdk()
    {
        var pair = await RequestsMatchSdkTests.CaptureBothAsync("PutCompositeAlarm",
            """
            {"AlarmName":"churn-any","AlarmRule":"ALARM(\"churn-5xx\") OR ALARM(\"latency-p99\")","AlarmDescription":"any",
             "ActionsEnabled":true,"AlarmActions":["arn:aws:sns:us-east-1:123456789012:oncall"],"OKActions":[],
             "InsufficientDataActions":[],"Tags":[{"Key":"team","Value":"ml"}],"ActionsSuppressor":"maintenance",
             "ActionsSuppressorWaitPeriod":120,"ActionsSuppressorExtensionPeriod":60}
            """,
            (provider, ct) => Alarms(provider).PutCompositeAlarmAsync(
                new PutCompositeAlarmRequest("churn-any", "ALARM(\"churn-5xx\") OR ALARM(\"latency-p99\")")
                {
                    AlarmDescription = "any",
                    ActionsEnabled = true,
                    AlarmActions = ["arn:aws:sns:us-east-1:123456789012:oncall"],
                    OKActions = [],
                    InsufficientDataActions = [],
                    Tags = [new Tag("team", "ml")],
                    ActionsSuppressor = "maintenance",
                    ActionsSuppressorWaitPeriod = 120,
                    ActionsSuppressorExtensionPeriod = 60,
                }, ct));

        RequestsMatchSdkTests.AssertSameRequest(pair, Prefix + "PutCompositeAlarm", ContentType, queryMode: true);
    }

    [Fact]
    public async Task DescribeAlarms_AllMembers_SameRequestAsSdk()
    {
        var pair = await RequestsMatchSdkTests.CaptureBothAsync("DescribeAlarms",
            """
            {"AlarmNames":["churn-5xx","latency-p99"],"AlarmTypes":["MetricAlarm","CompositeAlarm"],"ChildrenOfAlarmName":"churn-any",
             "StateValue":"ALARM","ActionPrefix":"arn:aws:sns:","MaxRecords":25,"NextToken":"page-2"}
            """,
            (provider, ct) => Alarms(provider).DescribeAlarmsAsync(new DescribeAlarmsRequest
            {
                AlarmNames = ["churn-5xx", "latency-p99"],
                AlarmTypes = [AlarmTypes.MetricAlarm, AlarmTypes.CompositeAlarm],
                ChildrenOfAlarmName = "churn-any",
                StateValue = AlarmStates.Alarm,
                ActionPrefix = "arn:aws:sns:",
                MaxRecords = 25,
                NextToken = "page-2",
            }, ct));

        RequestsMatchSdkTests.AssertSameRequest(pair, Prefix + "DescribeAlarms", ContentType, queryMode: true);
    }

    [Fact]
    public async Task DescribeAlarms_NoMembers_SameRequestAsSdk()
    {
        var pair = await RequestsMatchSdkTests.CaptureBothAsync("DescribeAlarms", "{}",
            (provider, ct) => Alarms(provider).DescribeAlarmsAsync(new DescribeAlarmsRequest(), ct));

        RequestsMatchSdkTests.AssertSameRequest(pair, Prefix + "DescribeAlarms", ContentType, queryMode: true);
    }

    [Fact]
    public async Task DescribeAlarmHistory_AllMembers_SameRequestAsSdk()
    {
        var pair = await RequestsMatchSdkTests.CaptureBothAsync("DescribeAlarmHistory",
            $$"""
            {"AlarmName":"churn-5xx","AlarmTypes":["MetricAlarm"],"HistoryItemType":"ConfigurationUpdate",
             "StartDate":"{{Start:O}}","EndDate":"{{End:O}}","MaxRecords":10,"NextToken":"tok","ScanBy":"TimestampAscending"}
            """,
            (provider, ct) => Alarms(provider).DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest
            {
                AlarmName = "churn-5xx",
                AlarmTypes = [AlarmTypes.MetricAlarm],
                HistoryItemType = HistoryItemTypes.ConfigurationUpdate,
                StartDate = Start,
                EndDate = End,
                MaxRecords = 10,
                NextToken = "tok",
                ScanBy = ScanBy.TimestampAscending,
            }, ct));

        RequestsMatchSdkTests.AssertSameRequest(pair, Prefix + "DescribeAlarmHistory", ContentType, queryMode: true);
    }

    [Fact]
    public async Task DeleteAlarms_Names_SameRequestAsSdk()
    {
        var pair = await RequestsMatchSdkTests.CaptureBothAsync("DeleteAlarms", """{"AlarmNames":["churn-5xx","churn-any"]}""",
            (provider, ct) => Alarms(provider).DeleteAlarmsAsync(new DeleteAlarmsRequest(["churn-5xx", "churn-any"]), ct));

        RequestsMatchSdkTests.AssertSameRequest(pair, Prefix + "DeleteAlarms", ContentType, queryMode: true);
    }
}
