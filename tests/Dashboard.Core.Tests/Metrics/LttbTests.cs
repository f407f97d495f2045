using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

public class LttbTests
{
    private static List<MetricPoint> Wave(int count) =>
        Enumerable.Range(0, count).Select(i => new MetricPoint(i * 60L, Math.Sin(i / 50.0) * 10 + i % 3)).ToList();

    [Fact]
    public void Downsample_LongSeries_KeepsFirstAndLast()
    {
        var points = Wave(10_000);

        var result = Lttb.Downsample(points, 500);

        Assert.Equal(points[0], result[0]);
        Assert.Equal(points[^1], result[^1]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    [InlineData(999)]
    public void Downsample_LongSeries_OutputLengthEqualsThreshold(int threshold)
    {
        var result = Lttb.Downsample(Wave(1000 + 7), threshold);

        Assert.Equal(threshold, result.Count);
        Assert.True(result.Zip(result.Skip(1)).All(pair => pair.First.Time < pair.Second.Time));
    }

    [Fact]
    public void Downsample_SingleSpike_IsKept()
    {
        var points = Enumerable.Range(0, 5000).Select(i => new MetricPoint(i * 60L, 1.0)).ToList();
        points[3217] = points[3217] with { Value = 250 };

        var result = Lttb.Downsample(points, 200);

        Assert.Contains(points[3217], result);
    }

    [Fact]
    public void Downsample_ShorterThanThreshold_ReturnsInput()
    {
        var points = Wave(40);

        Assert.Same(points, Lttb.Downsample(points, 40));
        Assert.Same(points, Lttb.Downsample(points, 100));
    }

    [Fact]
    public void Downsample_ThresholdBelowThree_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Lttb.Downsample(Wave(10), 2));
    }
}
