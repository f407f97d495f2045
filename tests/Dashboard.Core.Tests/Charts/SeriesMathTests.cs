using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Charts;

public sealed class SeriesMathTests
{
    private static readonly MetricPoint[] Points = [new(0, 1), new(60, 2), new(120, 3), new(180, 4)];

    [Fact]
    public void Slice_IsHalfOpen()
    {
        Assert.Equal([new MetricPoint(60, 2), new MetricPoint(120, 3)], SeriesMath.Slice(Points, 60, 180));
        Assert.Equal([new MetricPoint(60, 2), new MetricPoint(120, 3)], SeriesMath.Slice(Points, 1, 121));
    }

    [Fact]
    public void Slice_WholeRange_ReturnsTheSameList()
    {
        Assert.Same(Points, SeriesMath.Slice(Points, -100, 1_000));
    }

    [Fact]
    public void Slice_EmptyOrInvertedRange_IsEmpty()
    {
        Assert.Empty(SeriesMath.Slice(Points, 500, 600));
        Assert.Empty(SeriesMath.Slice(Points, 120, 60));
        Assert.Empty(SeriesMath.Slice([], 0, 60));
    }

    [Fact]
    public void MeanAndSum_OverTheRange()
    {
        Assert.Equal(2.5, SeriesMath.Mean(Points, 60, 180));
        Assert.Equal(5, SeriesMath.Sum(Points, 60, 180));
        Assert.Null(SeriesMath.Mean(Points, 500, 600));
        Assert.Equal(0, SeriesMath.Sum(Points, 500, 600));
    }

    [Fact]
    public void ErrorRate_PerInvocationMinute_MissingErrorsCountAsZero()
    {
        MetricPoint[] invocations = [new(0, 200), new(60, 100), new(120, 0)];
        MetricPoint[] errors4xx = [new(0, 2)];
        MetricPoint[] errors5xx = [new(0, 4), new(60, 1), new(120, 3), new(180, 9)];

        var rate = SeriesMath.ErrorRate(invocations, errors4xx, errors5xx);

        Assert.Equal([new MetricPoint(0, 3), new MetricPoint(60, 1), new MetricPoint(120, 0)], rate);
    }

    [Fact]
    public void Newest_IsTheLastPointsTime()
    {
        Assert.Equal(180, SeriesMath.Newest(Points));
        Assert.Null(SeriesMath.Newest([]));
    }
}
