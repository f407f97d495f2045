using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Alarms;

public class RecommendedAlarmsTests
{
    [Fact]
    public void For_GpuVariantWithEveryMetric_RecommendsAllSixKinds()
    {
        var endpoint = Endpoint("llm", new VariantState("blue", "ml.g5.12xlarge", 2, 2, 1, 1));

        var alarms = RecommendedAlarms.For(endpoint, Stored("llm", "blue", withDrift: true), 0.1);

        Assert.Equal(
            ["llm-blue-latency-p90", "llm-blue-5xx-rate", "llm-blue-cpu", "llm-blue-memory", "llm-blue-gpu-memory", "llm-drift-age"],
            alarms.Select(a => a.Alarm.Name));
        Assert.All(alarms, a => Assert.False(string.IsNullOrWhiteSpace(a.Why)));
        Assert.All(alarms, a => Assert.Equal(TreatMissingData.NotBreaching, a.Alarm.TreatMissingData));
    }

    [Fact]
    public void For_Latency_IsP90Over1000MsFor5Minutes()
    {
        var alarm = Named(RecommendedAlarms.For(Endpoint("ep", Cpu("v1")), Stored("ep", "v1"), 0.1), "ep-v1-latency-p90");

        Assert.Equal(("p90", 60, 5, 5, 1_000_000d), (alarm.Metric!.Stat, alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm, alarm.Threshold));
        Assert.Equal(ComparisonOperator.GreaterThanThreshold, alarm.Comparison);
    }

    [Fact]
    public void For_ErrorRate_IsMathOverTheVariantsOwnSeries()
    {
        var alarm = Named(RecommendedAlarms.For(Endpoint("ep", Cpu("v1")), Stored("ep", "v1"), 0.1), "ep-v1-5xx-rate");

        Assert.Equal(AlarmKind.MetricMath, alarm.Kind);
        Assert.Equal("IF(errors >= 5, 100 * errors / invocations, 0)", alarm.Expression); // no traffic history: the fewest errors
        Assert.Equal(1, alarm.Threshold);
        Assert.All(alarm.Metrics, m => Assert.Equal("v1", m.Series.VariantName));
    }

    [Fact]
    public void For_Cpu_ThresholdIs70PercentOfTheInstanceVCpus()
    {
        // ml.c5.xlarge has 4 vCPUs: CPUUtilization goes up to 400 %.
        var alarm = Named(RecommendedAlarms.For(Endpoint("ep", Cpu("v1")), Stored("ep", "v1"), 0.1), "ep-v1-cpu");

        Assert.Equal(280, alarm.Threshold, 6);
    }

    [Fact]
    public void For_CpuInstance_NoGpuMemoryAlarm()
    {
        var alarms = RecommendedAlarms.For(Endpoint("ep", Cpu("v1")), Stored("ep", "v1"), 0.1);

        Assert.DoesNotContain(alarms, a => a.Alarm.Name.EndsWith("gpu-memory", StringComparison.Ordinal));
    }

    [Fact]
    public void For_SeriesOfOtherEndpointsOrConfigs_NotUsed()
    {
        var stored = Stored("other", "v1").Append(Key(SageMakerMetrics.ModelLatency, "p90", "ep", "v1", config: "cfg-2")).ToList();

        Assert.Empty(RecommendedAlarms.For(Endpoint("ep", Cpu("v1")), stored, 0.1));
    }

    private static AlarmDefinition Named(IReadOnlyList<RecommendedAlarm> alarms, string name) => alarms.Single(a => a.Alarm.Name == name).Alarm;

    private static VariantState Cpu(string name) => new(name, "ml.c5.xlarge", 1, 1, 1, 1);

    private static EndpointState Endpoint(string name, params VariantState[] variants) =>
        new(name, $"arn:{name}", "InService", null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, variants, DateTimeOffset.UnixEpoch);

    private static List<SeriesKey> Stored(string endpoint, string variant, bool withDrift = false)
    {
        var keys = new List<SeriesKey>
        {
            Key(SageMakerMetrics.ModelLatency, "p90", endpoint, variant),
            Key(SageMakerMetrics.Invocations, "Sum", endpoint, variant),
            Key(SageMakerMetrics.Invocation5XXErrors, "Sum", endpoint, variant),
            Key(SageMakerMetrics.CpuUtilization, "Average", endpoint, variant, SageMakerMetrics.InstanceNamespace),
            Key(SageMakerMetrics.MemoryUtilization, "Average", endpoint, variant, SageMakerMetrics.InstanceNamespace),
            Key(SageMakerMetrics.GpuMemoryUtilization, "Average", endpoint, variant, SageMakerMetrics.InstanceNamespace),
        };
        if (withDrift)
        {
            keys.Add(SeriesKey.Create(SageMakerMetrics.DataQualityNamespace, SageMakerMetrics.DriftPrefix + "age",
                [new("Endpoint", endpoint), new("MonitoringSchedule", "dq")], "Maximum", 3600));
        }
        return keys;
    }

    private static SeriesKey Key(string metric, string stat, string endpoint, string variant, string ns = SageMakerMetrics.InvocationNamespace,
        string? config = null)
    {
        var dimensions = new List<KeyValuePair<string, string>> { new("EndpointName", endpoint), new("VariantName", variant) };
        if (config is not null)
        {
            dimensions.Add(new("EndpointConfigName", config));
        }
        return SeriesKey.Create(ns, metric, dimensions, stat, 60);
    }
}
