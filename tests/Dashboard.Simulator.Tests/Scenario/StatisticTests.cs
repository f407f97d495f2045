using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Tests.Scenario;

public sealed class StatisticTests
{
    [Theory]
    [InlineData("Sum", StatisticKind.Sum, 0)]
    [InlineData("SampleCount", StatisticKind.SampleCount, 0)]
    [InlineData("p99", StatisticKind.Percentile, 99)]
    [InlineData("p99.9", StatisticKind.Percentile, 99.9)]
    [InlineData("p0.01", StatisticKind.Percentile, 0.01)]
    [InlineData("p100", StatisticKind.Percentile, 100)]
    public void TryParse_Supported_Parses(string text, StatisticKind kind, double percentile)
    {
        Assert.True(Statistic.TryParse(text, out var statistic));
        Assert.Equal(kind, statistic.Kind);
        Assert.Equal(percentile, statistic.Percentile, 6);
    }

    [Theory]
    [InlineData("average")]
    [InlineData("p")]
    [InlineData("p101")]
    [InlineData("p99.999")]
    [InlineData("tm99")]
    [InlineData("")]
    public void TryParse_Unsupported_Fails(string text) => Assert.False(Statistic.TryParse(text, out _));

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(0.9, 1.2816)]
    [InlineData(0.99, 2.3263)]
    [InlineData(0.01, -2.3263)]
    public void NormalQuantile_KnownPoints_WithinTolerance(double p, double z) => Assert.InRange(NormalQuantile.Z(p), z - 1e-3, z + 1e-3);

    [Fact]
    public void Noise_Gaussian_HasUnitVarianceAndZeroMean()
    {
        var values = Enumerable.Range(0, 20_000).Select(i => Noise.Gaussian(12345, i, 1)).ToList();
        var mean = values.Average();
        var variance = values.Select(v => (v - mean) * (v - mean)).Average();

        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(variance, 0.93, 1.07);
    }
}
