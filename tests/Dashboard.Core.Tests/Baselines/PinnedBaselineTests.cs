using Dashboard.Core.Baselines;
using static Dashboard.Core.Tests.Baselines.SyntheticSeries;

namespace Dashboard.Core.Tests.Baselines;

public class PinnedBaselineTests
{
    private static readonly BaselineOptions Options = new();

    private static double HourOfWeekValue(long t) => (t - Monday) / Hour % 168;

    [Fact]
    public void GroupingFor_WindowLength_PicksWeekDayOrFlat()
    {
        Assert.Equal(PinnedGrouping.HourOfWeek, PinnedBaseline.GroupingFor(Monday, Monday + 7 * Day));
        Assert.Equal(PinnedGrouping.HourOfDay, PinnedBaseline.GroupingFor(Monday, Monday + 7 * Day - 1));
        Assert.Equal(PinnedGrouping.HourOfDay, PinnedBaseline.GroupingFor(Monday, Monday + Day));
        Assert.Equal(PinnedGrouping.Flat, PinnedBaseline.GroupingFor(Monday, Monday + Day - 1));
    }

    [Fact]
    public void Compute_WeekLongWindow_UsesHourOfWeek()
    {
        var windowStart = Monday;
        var windowEnd = Monday + 7 * Day;
        var window = Minutes(windowStart, windowEnd, HourOfWeekValue);
        var from = Monday + 21 * Day; // a later Monday

        var bands = PinnedBaseline.Compute(window, windowStart, windowEnd, from, from + 7 * Day, Options);

        Assert.Equal(168, bands.Count);
        Assert.All(bands, b => Assert.Equal(HourOfWeekValue(b.Start), b.Median));
        Assert.All(bands, b => Assert.False(b.IsFallback));
    }

    [Fact]
    public void Compute_DayLongWindow_UsesHourOfDay()
    {
        var windowStart = Monday + 2 * Day;
        var windowEnd = windowStart + 2 * Day;
        var window = Minutes(windowStart, windowEnd, t => HourOfDay(t));
        var from = Monday + 10 * Day + 5 * Hour;

        var bands = PinnedBaseline.Compute(window, windowStart, windowEnd, from, from + Day, Options);

        Assert.Equal(24, bands.Count);
        Assert.All(bands, b => Assert.Equal(HourOfDay(b.Start), b.Median));
    }

    [Fact]
    public void Compute_ShortWindow_GivesOneFlatBand()
    {
        var windowStart = Monday + 10 * Hour;
        var windowEnd = windowStart + 3 * Hour;
        var window = Minutes(windowStart, windowEnd, t => t < windowStart + Hour ? 10 : 20);
        var from = Monday + 3 * Day;

        var bands = PinnedBaseline.Compute(window, windowStart, windowEnd, from, from + 5 * Hour, Options);

        Assert.Equal(5, bands.Count);
        Assert.All(bands, b => Assert.Equal(20, b.Median));
        Assert.Single(bands.Select(b => (b.Lower, b.Upper)).Distinct());
    }

    [Fact]
    public void Compute_SparseHourInWindow_GetsWholeWindowBandMarkedFallback()
    {
        var windowStart = Monday;
        var windowEnd = Monday + Day;
        var window = Minutes(windowStart, windowEnd, _ => 7, noise: 1)
            .Where(p => HourOfDay(p.Time) != 4 || p.Time % Hour < 600)
            .ToList();

        var bands = PinnedBaseline.Compute(window, windowStart, windowEnd, Monday + 5 * Day, Monday + 6 * Day, Options);

        Assert.True(bands[4].IsFallback);
        Assert.False(bands[5].IsFallback);
    }

    [Fact]
    public void Compute_PointsOutsideWindowOrTooFew_AreIgnored()
    {
        var window = Minutes(Monday, Monday + 2 * Hour, _ => 1);

        // Only 20 minutes of the points fall inside the pinned window: below MinSamples.
        Assert.Empty(PinnedBaseline.Compute(window, Monday + 100 * 60, Monday + 3 * Hour, Monday, Monday + Hour, Options));
    }

    [Fact]
    public void Describe_WeekWindow_NamesWindowAndGrouping()
    {
        var text = PinnedBaseline.Describe(Monday, Monday + 7 * Day, Options);

        Assert.StartsWith("Pinned window 2025-01-06 00:00 – 2025-01-13 00:00 UTC: same hour of the week", text);
        Assert.Contains("median ± 3 × 1.4826 × MAD", text);
    }
}
