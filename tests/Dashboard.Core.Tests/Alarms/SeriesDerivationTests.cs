using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Alarms;

public class SeriesDerivationTests
{
    private static SeriesKey Key(string stat, int period) => new("AWS/SageMaker", "Invocations", "EndpointName=ep", stat, period);

    [Fact]
    public void Find_ExactStoredSeries_IsIdentity() =>
        Assert.Equal(new SeriesSource(Key("Sum", 60), Fold.Identity), SeriesDerivation.Find(Key("Sum", 60), [Key("Sum", 60)]));

    [Theory]
    [InlineData("Sum", Fold.Sum)]
    [InlineData("Minimum", Fold.Minimum)]
    [InlineData("Maximum", Fold.Maximum)]
    public void Find_FoldableStatisticAtMultiplePeriod_FoldsTheStoredOne(string stat, Fold fold) =>
        Assert.Equal(new SeriesSource(Key(stat, 60), fold), SeriesDerivation.Find(Key(stat, 300), [Key(stat, 60)]));

    [Theory]
    [InlineData("Average", 300, 60)]
    [InlineData("p99", 300, 60)]
    [InlineData("SampleCount", 300, 60)]
    [InlineData("Sum", 90, 60)]
    [InlineData("Sum", 60, 300)]
    public void Find_NotExactlyDerivable_IsNull(string stat, int requested, int stored) =>
        Assert.Null(SeriesDerivation.Find(Key(stat, requested), [Key(stat, stored)]));

    [Fact]
    public void Find_OtherStatisticStored_IsNull() =>
        Assert.Null(SeriesDerivation.Find(Key("Sum", 300), [Key("Maximum", 60)]));

    [Fact]
    public void Find_SeveralStoredPeriods_PrefersTheCoarsest() =>
        Assert.Equal(Key("Sum", 300), SeriesDerivation.Find(Key("Sum", 900), [Key("Sum", 60), Key("Sum", 300)])!.Stored);

    [Theory]
    [InlineData(Fold.Sum, "0:6, 300:9, 600:10")]
    [InlineData(Fold.Minimum, "0:1, 300:4, 600:10")]
    [InlineData(Fold.Maximum, "0:3, 300:5, 600:10")]
    public void FoldPoints_AlignsOnMultiplesOfThePeriodFromUnixZero(Fold fold, string expected)
    {
        // Unsorted on purpose; 240 s belongs to [0, 300), 300 s starts the next period.
        MetricPoint[] points = [new(300, 4), new(0, 1), new(60, 2), new(240, 3), new(360, 5), new(660, 10)];

        var folded = SeriesDerivation.FoldPoints(points, 300, fold);

        Assert.Equal(expected, string.Join(", ", folded.Select(p => $"{p.Time}:{p.Value}")));
    }

    [Fact]
    public void FoldPoints_Identity_ReturnsSortedPoints() =>
        Assert.Equal([0L, 60L], SeriesDerivation.FoldPoints([new(60, 1), new(0, 2)], 60, Fold.Identity).Select(p => p.Time));

    [Theory]
    [InlineData("p95", 60, true)]
    [InlineData("p99.9", 300, true)]
    [InlineData("Average", 900, true)]
    [InlineData("SampleCount", 60, true)]
    [InlineData("p95", 90, false)] // not a whole number of minutes
    [InlineData("p100", 60, false)] // not a statistic
    public void CanCollect_AnotherStatisticOrPeriodOfAStoredMetric(string stat, int period, bool expected) =>
        Assert.Equal(expected, new SeriesSources([Key("Sum", 60)]).CanCollect(Key(stat, period)));

    [Fact]
    public void CanCollect_MetricOrDimensionsNotStored_False()
    {
        var sources = new SeriesSources([Key("Sum", 60)]);

        Assert.False(sources.CanCollect(Key("Sum", 60) with { MetricName = "ModelLatency" }));
        Assert.False(sources.CanCollect(Key("Sum", 60) with { Dimensions = "EndpointName=other" }));
    }

    [Fact]
    public void CanCollect_HourlyMetric_OnlyWholeHours()
    {
        var sources = new SeriesSources([Key("Maximum", 3600)]);

        Assert.True(sources.CanCollect(Key("Average", 7200)));
        Assert.False(sources.CanCollect(Key("Average", 300)));
    }
}
