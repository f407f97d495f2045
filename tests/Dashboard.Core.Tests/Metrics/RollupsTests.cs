using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Metrics;

public class RollupsTests
{
    private const long Midnight = 1_772_323_200;

    // The maths takes any step; five minutes keeps the hand-written buckets short.
    private const int FiveMinutes = 300;

    [Fact]
    public void Aggregate_FullAndPartialBuckets_SummariseTheirOwnMinutes()
    {
        // 00:00–00:06: one full 5-minute bucket and a partial one of two minutes.
        MetricPoint[] points = [.. Enumerable.Range(0, 7).Select(i => new MetricPoint(Midnight + i * 60L, i + 1))];

        var buckets = Rollups.Aggregate(points, FiveMinutes);

        Assert.Equal(
            [new RollupPoint(Midnight, 1, 5, 15, 5), new RollupPoint(Midnight + 300, 6, 7, 13, 2)],
            buckets);
        Assert.Equal(3, buckets[0].Mean);
        Assert.Equal(6.5, buckets[1].Mean);
    }

    [Fact]
    public void Aggregate_RevisedLatePoint_ChangesItsBucketOnly()
    {
        MetricPoint[] before = [.. Enumerable.Range(0, 10).Select(i => new MetricPoint(Midnight + i * 60L, 1))];
        var after = before.ToArray();
        after[7] = after[7] with { Value = 21 };

        var old = Rollups.Aggregate(before, FiveMinutes);
        var revised = Rollups.Aggregate(after, FiveMinutes);

        Assert.Equal(old[0], revised[0]);
        Assert.Equal(new RollupPoint(Midnight + 300, 1, 21, 25, 5), revised[1]);
    }

    [Fact]
    public void Aggregate_Gap_LeavesNoBucketAndStartsTheNextOnItsBoundary()
    {
        MetricPoint[] points = [new(Midnight + 60, 4), new(Midnight + 3 * 3600 + 120, 8), new(Midnight + 3 * 3600 + 3540, 2)];

        var buckets = Rollups.Aggregate(points, Rollups.Hour);

        Assert.Equal([new RollupPoint(Midnight, 4, 4, 4, 1), new RollupPoint(Midnight + 3 * 3600, 2, 8, 10, 2)], buckets);
    }

    [Fact]
    public void Aggregate_NaNAndInfinity_AreLeftOutAndABucketOfNothingElseIsAGap()
    {
        MetricPoint[] points =
        [
            new(Midnight, double.NaN), new(Midnight + 60, 3), new(Midnight + 120, double.PositiveInfinity),
            new(Midnight + 300, double.NaN), new(Midnight + 360, double.NaN),
        ];

        var buckets = Rollups.Aggregate(points, FiveMinutes);

        Assert.Equal([new RollupPoint(Midnight, 3, 3, 3, 1)], buckets);
    }

    [Fact]
    public void Aggregate_NegativeTimes_AlignToTheEpochLikePositiveOnes()
    {
        var buckets = Rollups.Aggregate([new MetricPoint(-60, 1), new MetricPoint(0, 2)], FiveMinutes);

        Assert.Equal([new RollupPoint(-300, 1, 1, 1, 1), new RollupPoint(0, 2, 2, 2, 1)], buckets);
    }

    [Theory]
    [InlineData(86_400, 1500, Rollups.Minute)]          // a day: 1,440 minutes do not fill 1,500 points
    [InlineData(7 * 86_400, 1500, Rollups.Minute)]       // a week: 672 quarter-hours would not fill 1,500
    [InlineData(16 * 86_400, 1500, Rollups.QuarterHour)] // 16 days: 1,536 quarter-hours do
    [InlineData(30 * 86_400, 1500, Rollups.QuarterHour)] // 720 hours would not fill 1,500
    [InlineData(30 * 86_400, 700, Rollups.Hour)]         // a narrower chart: 720 hours do
    [InlineData(90 * 86_400, 1500, Rollups.Hour)]
    [InlineData(86_400, 0, Rollups.Minute)]
    public void StepFor_Range_PicksTheCoarsestTierThatStillFillsTheChart(long span, int maxPoints, int expected) =>
        Assert.Equal(expected, Rollups.StepFor(Midnight, Midnight + span, maxPoints));

    [Fact]
    public void AsBuckets_Minutes_AreOnePointBucketsWithoutNonFiniteValues()
    {
        Assert.Equal([new RollupPoint(Midnight, 2, 2, 2, 1)],
            Rollups.AsBuckets([new MetricPoint(Midnight, 2), new MetricPoint(Midnight + 60, double.NaN)]));
    }
}
