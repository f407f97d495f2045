using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Alarms;

public class AlarmTextTests
{
    private static readonly AlarmDefinition Latency = new()
    {
        Name = "l",
        Kind = AlarmKind.Metric,
        EvaluationPeriods = 5,
        DatapointsToAlarm = 3,
        Threshold = 1_000_000,
        Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency,
            [new("EndpointName", "ep"), new("VariantName", "AllTraffic")], "p90", 60),
    };

    [Fact]
    public void Condition_Latency_InMillisecondsWithMofN() =>
        Assert.Equal("> 1,000 ms for 3 of 5 periods of 1 min", AlarmText.Condition(Latency));

    [Fact]
    public void Watches_Metric_NamesStatisticAndVariant() =>
        Assert.Equal("ModelLatency p90 · AllTraffic", AlarmText.Watches(Latency));

    [Theory]
    [InlineData(250.5)]
    [InlineData(0.125)]
    public void ToStoredThenForDisplay_Latency_RoundTripsMilliseconds(double ms)
    {
        Assert.Equal(ms * 1000, AlarmText.ToStored(Latency, ms), 9);
        Assert.Equal(ms, AlarmText.ForDisplay(Latency, AlarmText.ToStored(Latency, ms)), 9);
    }

    [Fact]
    public void Condition_Anomaly_DescribesTheBand() =>
        Assert.Equal("outside the baseline band ±2σ for 3 of 5 periods of 5 min", AlarmText.Condition(Latency with
        {
            Kind = AlarmKind.AnomalyDetection,
            Period = 300,
            Comparison = ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold,
        }));

    [Fact]
    public void Condition_Math_HasNoUnit() =>
        Assert.Equal("> 1 for 3 of 5 periods of 1 min", AlarmText.Condition(Latency with { Kind = AlarmKind.MetricMath, Threshold = 1 }));
}
