using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Alarms;

public class CloudWatchAlarmMappingTests
{
    private static readonly Dimension[] Churn = [new("EndpointName", "churn-prod"), new("VariantName", "AllTraffic")];

    private static readonly AlarmOptions Options = new()
    {
        AlarmActionArns = ["arn:aws:sns:us-east-1:111122223333:ops"],
        OkActionArns = ["arn:aws:sns:us-east-1:111122223333:ops-ok"],
    };

    private static SeriesKey Series(string metric, string stat, int period = 60) =>
        SeriesKey.Create(SageMakerMetrics.InvocationNamespace, metric, Churn.Select(d => KeyValuePair.Create(d.Name, d.Value)), stat, period);

    private static AlarmDefinition MetricAlarm(string stat) => new()
    {
        Name = "churn-latency",
        Description = "Latency of the churn model",
        Kind = AlarmKind.Metric,
        Metric = Series(SageMakerMetrics.ModelLatency, stat),
        Period = 60,
        EvaluationPeriods = 5,
        DatapointsToAlarm = 3,
        Comparison = ComparisonOperator.GreaterThanThreshold,
        Threshold = 500_000,
        TreatMissingData = TreatMissingData.NotBreaching,
        EvaluateLowSampleCountPercentile = false,
        ActionsEnabled = false,
        MirrorToCloudWatch = true,
    };

    [Fact]
    public void ToPutMetricAlarm_SimpleStatistic_SingleMetricMembersAndNoPercentileMembers()
    {
        var request = CloudWatchAlarmMapping.ToPutMetricAlarm(MetricAlarm("Average"), Options);

        Assert.Equal("churn-latency", request.AlarmName);
        Assert.Equal("AWS/SageMaker", request.Namespace);
        Assert.Equal("ModelLatency", request.MetricName);
        Assert.Equal(Churn, request.Dimensions);
        Assert.Equal("Average", request.Statistic);
        Assert.Null(request.ExtendedStatistic);
        Assert.Null(request.EvaluateLowSampleCountPercentile);
        Assert.Null(request.Unit);
        Assert.Null(request.Metrics);
        Assert.Null(request.ThresholdMetricId);
        Assert.Equal(60, request.Period);
        Assert.Equal(5, request.EvaluationPeriods);
        Assert.Equal(3, request.DatapointsToAlarm);
        Assert.Equal(500_000, request.Threshold);
        Assert.Equal("GreaterThanThreshold", request.ComparisonOperator);
        Assert.Equal("notBreaching", request.TreatMissingData);
        Assert.False(request.ActionsEnabled);
        Assert.Equal(["arn:aws:sns:us-east-1:111122223333:ops"], request.AlarmActions!);
        Assert.Equal(["arn:aws:sns:us-east-1:111122223333:ops-ok"], request.OKActions!);
        Assert.Null(request.InsufficientDataActions);
        Assert.Equal("Latency of the churn model\n\nManaged by the SageMaker ops dashboard.", request.AlarmDescription);
        Assert.Equal([new Tag("dashboard:managed", "true")], request.Tags!);
    }

    [Theory]
    [InlineData(false, "ignore")]
    [InlineData(true, "evaluate")]
    public void ToPutMetricAlarm_Percentile_ExtendedStatisticAndLowSampleSetting(bool evaluate, string wire)
    {
        var request = CloudWatchAlarmMapping.ToPutMetricAlarm(MetricAlarm("p99") with { EvaluateLowSampleCountPercentile = evaluate }, Options);

        Assert.Null(request.Statistic);
        Assert.Equal("p99", request.ExtendedStatistic);
        Assert.Equal(wire, request.EvaluateLowSampleCountPercentile);
    }

    [Theory]
    [InlineData(TreatMissingData.Missing, "missing")]
    [InlineData(TreatMissingData.Breaching, "breaching")]
    [InlineData(TreatMissingData.NotBreaching, "notBreaching")]
    [InlineData(TreatMissingData.Ignore, "ignore")]
    public void ToPutMetricAlarm_TreatMissingData_WireName(TreatMissingData treat, string wire) =>
        Assert.Equal(wire, CloudWatchAlarmMapping.ToPutMetricAlarm(MetricAlarm("Average") with { TreatMissingData = treat }, Options).TreatMissingData);

    [Fact]
    public void ToPutMetricAlarm_NoActionsConfigured_ActionListsOmitted()
    {
        var request = CloudWatchAlarmMapping.ToPutMetricAlarm(MetricAlarm("Average") with { Description = null }, new AlarmOptions());

        Assert.Null(request.AlarmActions);
        Assert.Null(request.OKActions);
        Assert.Equal("Managed by the SageMaker ops dashboard.", request.AlarmDescription);
    }

    [Fact]
    public void ToPutMetricAlarm_LongDescription_CutToCloudWatchLimitKeepingMarker()
    {
        var request = CloudWatchAlarmMapping.ToPutMetricAlarm(MetricAlarm("Average") with { Description = new string('x', 2000) }, Options);

        Assert.Equal(1024, request.AlarmDescription!.Length);
        Assert.True(CloudWatchAlarmMapping.IsManaged(request.AlarmDescription));
    }

    [Fact]
    public void ToPutMetricAlarm_MetricMath_MetricStatsWithoutReturnDataAndOneExpression()
    {
        var alarm = new AlarmDefinition
        {
            Name = "churn-5xx-rate",
            Kind = AlarmKind.MetricMath,
            Metrics = [new AlarmMetric("m1", Series("Invocation5XXErrors", "Sum")), new AlarmMetric("m2", Series("Invocations", "Sum"))],
            Expression = "100*m1/m2",
            Period = 300,
            EvaluationPeriods = 3,
            DatapointsToAlarm = 2,
            Threshold = 1,
            Comparison = ComparisonOperator.GreaterThanOrEqualToThreshold,
        };

        var request = CloudWatchAlarmMapping.ToPutMetricAlarm(alarm, Options);

        Assert.Null(request.Namespace);
        Assert.Null(request.MetricName);
        Assert.Null(request.Dimensions);
        Assert.Null(request.Statistic);
        Assert.Null(request.Period);
        Assert.Equal(
        [
            new MetricDataQuery("m1", new MetricStat(new Metric("AWS/SageMaker", "Invocation5XXErrors", Churn), 300, "Sum"), ReturnData: false),
            new MetricDataQuery("m2", new MetricStat(new Metric("AWS/SageMaker", "Invocations", Churn), 300, "Sum"), ReturnData: false),
            new MetricDataQuery("e1", Expression: "100*m1/m2", ReturnData: true),
        ], request.Metrics!, MetricDataQueryComparer.Instance);
        Assert.Equal(1, request.Threshold);
        Assert.Equal("GreaterThanOrEqualToThreshold", request.ComparisonOperator);
        Assert.Null(request.ThresholdMetricId);
    }

    [Fact]
    public void ToPutMetricAlarm_AnomalyDetection_MetricAndBandWithThresholdMetricId()
    {
        var alarm = MetricAlarm("p90") with
        {
            Kind = AlarmKind.AnomalyDetection,
            Comparison = ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold,
            BandWidth = 2.5,
            EvaluateLowSampleCountPercentile = true,
        };

        var request = CloudWatchAlarmMapping.ToPutMetricAlarm(alarm, Options);

        Assert.Equal(
        [
            new MetricDataQuery("m1", new MetricStat(new Metric("AWS/SageMaker", "ModelLatency", Churn), 60, "p90"), ReturnData: true),
            new MetricDataQuery("ad1", Expression: "ANOMALY_DETECTION_BAND(m1, 2.5)", ReturnData: true),
        ], request.Metrics!, MetricDataQueryComparer.Instance);
        Assert.Equal("ad1", request.ThresholdMetricId);
        Assert.Null(request.Threshold);
        Assert.Null(request.MetricName);
        Assert.Null(request.ExtendedStatistic);
        Assert.Equal("LessThanLowerOrGreaterThanUpperThreshold", request.ComparisonOperator);
        Assert.Equal("evaluate", request.EvaluateLowSampleCountPercentile);
    }

    [Fact]
    public void ToPutCompositeAlarm_Composite_RuleActionsAndMarker()
    {
        var alarm = new AlarmDefinition { Name = "churn-any", Kind = AlarmKind.Composite, AlarmRule = "ALARM(\"a\") OR ALARM(\"b\")" };

        var request = CloudWatchAlarmMapping.ToPutCompositeAlarm(alarm, Options);

        Assert.Equal("churn-any", request.AlarmName);
        Assert.Equal("ALARM(\"a\") OR ALARM(\"b\")", request.AlarmRule);
        Assert.True(request.ActionsEnabled);
        Assert.Equal(["arn:aws:sns:us-east-1:111122223333:ops"], request.AlarmActions!);
        Assert.Equal(["arn:aws:sns:us-east-1:111122223333:ops-ok"], request.OKActions!);
        Assert.Equal("Managed by the SageMaker ops dashboard.", request.AlarmDescription);
        Assert.Equal([new Tag("dashboard:managed", "true")], request.Tags!);
        Assert.Null(request.ActionsSuppressor);
    }

    [Fact]
    public void ToPutMetricAlarm_Composite_Refused() =>
        Assert.Throws<ArgumentException>(() => CloudWatchAlarmMapping.ToPutMetricAlarm(
            new AlarmDefinition { Name = "c", Kind = AlarmKind.Composite, AlarmRule = "TRUE" }, Options));

    [Fact]
    public void ListExternal_OnlyUnmanagedAlarmsOnFleetEndpoints_WithConditionAndEndpoint()
    {
        var updated = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
        MetricAlarm[] metricAlarms =
        [
            new()
            {
                AlarmName = "ops-churn-5xx", Namespace = "AWS/SageMaker", MetricName = "Invocation5XXErrors", Statistic = "Sum",
                Dimensions = Churn, Period = 60, EvaluationPeriods = 5, DatapointsToAlarm = 3, Threshold = 10.5,
                ComparisonOperator = "GreaterThanThreshold", StateValue = "ALARM", StateReason = "Threshold Crossed", StateUpdatedTimestamp = updated,
            },
            new()
            {
                AlarmName = "ours", AlarmDescription = "x\n\nManaged by the SageMaker ops dashboard.", Namespace = "AWS/SageMaker",
                MetricName = "Invocations", Statistic = "Sum", Dimensions = Churn, StateValue = "OK",
            },
            new()
            {
                AlarmName = "other-endpoint", Namespace = "AWS/SageMaker", MetricName = "Invocations", Statistic = "Sum",
                Dimensions = [new("EndpointName", "not-in-fleet")], StateValue = "OK",
            },
            new()
            {
                AlarmName = "ops-churn-p99-anomaly", ThresholdMetricId = "ad1", ComparisonOperator = "GreaterThanUpperThreshold",
                EvaluationPeriods = 2, StateValue = "INSUFFICIENT_DATA",
                Metrics =
                [
                    new MetricDataQuery("m1", new MetricStat(new Metric("AWS/SageMaker", "ModelLatency", Churn), 300, "p99"), ReturnData: true),
                    new MetricDataQuery("ad1", Expression: "ANOMALY_DETECTION_BAND(m1, 2)", ReturnData: true),
                ],
            },
        ];
        CompositeAlarm[] composites =
        [
            new() { AlarmName = "ops-churn-any", AlarmRule = "ALARM(\"ops-churn-5xx\") OR ALARM(x)", StateValue = "OK" },
            new() { AlarmName = "unrelated", AlarmRule = "ALARM(\"other-endpoint\")", StateValue = "OK" },
        ];

        var external = CloudWatchAlarmMapping.ListExternal(metricAlarms, composites, new HashSet<string> { "churn-prod" });

        Assert.Equal(["ops-churn-5xx", "ops-churn-any", "ops-churn-p99-anomaly"], external.Select(a => a.Name));
        Assert.Equal(new ExternalAlarm("ops-churn-5xx", AlarmState.Alarm, "Threshold Crossed", updated, "churn-prod",
            "AWS/SageMaker/Invocation5XXErrors", "Invocation5XXErrors Sum (60 s) > 10.5 for 3 of 5 periods"), external[0]);
        Assert.Equal(new ExternalAlarm("ops-churn-any", AlarmState.Ok, null, null, "churn-prod", null,
            "ALARM(\"ops-churn-5xx\") OR ALARM(x)", IsComposite: true), external[1]);
        Assert.Equal("AWS/SageMaker/ModelLatency", external[2].Metric);
        Assert.Equal(AlarmState.InsufficientData, external[2].State);
        Assert.Equal("ModelLatency p99 (300 s) above the band ANOMALY_DETECTION_BAND(m1, 2) for 2 of 2 periods", external[2].Condition);
    }

    [Fact]
    public void Condition_MathAlarm_ExpressionAndComparison()
    {
        var alarm = new MetricAlarm
        {
            AlarmName = "rate",
            ComparisonOperator = "LessThanOrEqualToThreshold",
            Threshold = 2,
            EvaluationPeriods = 4,
            Metrics = [new MetricDataQuery("inv", new MetricStat(new Metric("AWS/SageMaker", "Invocations", Churn), 60, "Sum"), ReturnData: false),
                new MetricDataQuery("e1", Expression: "inv/60", ReturnData: true)],
        };

        Assert.Equal("inv/60 <= 2.0 for 4 of 4 periods", CloudWatchAlarmMapping.Condition(alarm));
        Assert.Equal("churn-prod", CloudWatchAlarmMapping.ToExternal(alarm).Endpoint);
    }

    /// <summary>Records compare lists by reference; this compares their members and the MetricStat's dimensions.</summary>
    private sealed class MetricDataQueryComparer : IEqualityComparer<MetricDataQuery>
    {
        public static readonly MetricDataQueryComparer Instance = new();

        public bool Equals(MetricDataQuery? x, MetricDataQuery? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Expression == y.Expression && x.ReturnData == y.ReturnData
            && x.Label == y.Label && x.Period == y.Period
            && (x.MetricStat is null) == (y.MetricStat is null)
            && (x.MetricStat is null || (x.MetricStat.Period == y.MetricStat!.Period && x.MetricStat.Stat == y.MetricStat.Stat
                && x.MetricStat.Unit == y.MetricStat.Unit && x.MetricStat.Metric.Namespace == y.MetricStat.Metric.Namespace
                && x.MetricStat.Metric.MetricName == y.MetricStat.Metric.MetricName
                && x.MetricStat.Metric.Dimensions.SequenceEqual(y.MetricStat.Metric.Dimensions)));

        public int GetHashCode(MetricDataQuery obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
