using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

public class UnitsTests
{
    [Fact]
    public void MicrosecondsToMilliseconds_Microseconds_DividesByThousand()
    {
        Assert.Equal(12.5, Units.MicrosecondsToMilliseconds(12_500));
    }

    [Fact]
    public void ForDisplay_Latency_IsMillisecondsAndOthersUnchanged()
    {
        Assert.Equal(250, Units.ForDisplay(SageMakerMetrics.ModelLatency, 250_000));
        Assert.Equal(250, Units.ForDisplay(SageMakerMetrics.OverheadLatency, 250_000));
        Assert.Equal(42, Units.ForDisplay(SageMakerMetrics.CpuUtilization, 42));
    }

    [Fact]
    public void ErrorRatePercent_ZeroInvocations_IsZero()
    {
        Assert.Equal(0, Units.ErrorRatePercent(3, 2, 0));
    }

    [Fact]
    public void ErrorRatePercent_SomeErrors_AddsFourAndFiveHundreds()
    {
        Assert.Equal(7.5, Units.ErrorRatePercent(5, 10, 200));
    }

    [Fact]
    public void DisplayUnit_KnownMetrics_NameTheirUnit()
    {
        Assert.Equal("ms", Units.DisplayUnit(SageMakerMetrics.ModelLatency));
        Assert.Equal("%", Units.DisplayUnit(SageMakerMetrics.GpuMemoryUtilization));
        Assert.Equal("distance", Units.DisplayUnit(SageMakerMetrics.DriftPrefix + "age"));
        Assert.Equal("count", Units.DisplayUnit(SageMakerMetrics.Invocations));
    }
}
