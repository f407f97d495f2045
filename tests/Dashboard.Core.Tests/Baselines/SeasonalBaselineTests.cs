using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;
using static Dashboard.Core.Tests.Baselines.SyntheticSeries;

namespace Dashboard.Core.Tests.Baselines;

public class SeasonalBaselineTests
{
    private static readonly BaselineOptions Options = new();

    [Fact]
    public void Compute_DailyCycle_BandFollowsHourOfDay()
    {
        var from = Monday + 9 * Day; // Wednesday of the second week
        var history = Minutes(from - 7 * Day, from + Day, DailyCycle, noise: 2);

        var bands = SeasonalBaseline.Compute(history, from, from + Day, Options);

        Assert.Equal(24, bands.Count);
        var threeAm = BaselineBands.At(bands, from + 3 * Hour + 1800)!;
        var threePm = BaselineBands.At(bands, from + 15 * Hour + 1800)!;
        Assert.InRange(threeAm.Median, 45, 56);
        Assert.InRange(threePm.Median, 144, 155);
        Assert.False(threeAm.IsFallback);
        Assert.Empty(new OutlierRule(MinRunMinutes: 1).Find(history.Where(p => p.Time >= from).ToList(), bands, OutlierKind.Value));
    }

    [Fact]
    public void Compute_HourBounds_AreWholeClockHoursCoveringTheRange()
    {
        var from = Monday + 9 * Day + 1200; // 00:20
        var to = from + 2 * Hour;           // 02:20
        var history = Minutes(from - 8 * Day, to, _ => 10, noise: 1);

        var bands = SeasonalBaseline.Compute(history, from, to, Options);

        Assert.Equal([Monday + 9 * Day, Monday + 9 * Day + Hour, Monday + 9 * Day + 2 * Hour], bands.Select(b => b.Start));
        Assert.All(bands, b => Assert.Equal(b.Start + Hour, b.End));
    }

    [Fact]
    public void Compute_WeekendAndWeekdayLevels_AreComparedSeparately()
    {
        static double Level(long t) => IsWeekend(t) ? 20 : 100;
        var from = Monday + 7 * Day;
        var history = Minutes(from - 7 * Day, from + 7 * Day, Level, noise: 3);

        var bands = SeasonalBaseline.Compute(history, from, from + 7 * Day, Options);

        var monday = BaselineBands.At(bands, from + 10 * Hour)!;
        var saturday = BaselineBands.At(bands, from + 5 * Day + 10 * Hour)!;
        Assert.InRange(monday.Median, 97, 103);
        Assert.InRange(saturday.Median, 17, 23);
        Assert.False(saturday.IsFallback);
        Assert.True(saturday.Upper < monday.Lower);
    }

    [Fact]
    public void Compute_TooFewMatchingDays_FallsBackToAllDaysAndSaysSo()
    {
        // A Saturday hour has 2 × 60 weekend points in a 7-day lookback; asking for 200 forces all 7 days (420).
        var options = new BaselineOptions { MinSamples = 200 };
        var from = Monday + 12 * Day;
        var history = Minutes(from - 7 * Day, from + Hour, _ => 50, noise: 1);

        var band = Assert.Single(SeasonalBaseline.Compute(history, from, from + Hour, options));

        Assert.True(band.IsFallback);
        Assert.InRange(band.Median, 49, 51);
    }

    [Fact]
    public void Compute_RegressionSinceFriday_SundayBandStillHoldsTheOldLevel()
    {
        // p90 latency 100 ms until Friday 00:00, 160 ms since. A 7-day lookback holds only two weekend days and one of
        // them (Saturday) is already regressed: the band spanned both levels and the regression stayed inside it until
        // the weekday band took over at Monday 00:00.
        var friday = Monday + 11 * Day;
        var sunday = friday + 2 * Day;
        var history = Minutes(Monday - 7 * Day, sunday + Day, t => t >= friday ? 160 : 100, noise: 5);

        var bands = SeasonalBaseline.Compute(history, sunday, sunday + Day, Options);

        var noon = BaselineBands.At(bands, sunday + 12 * Hour)!;
        Assert.InRange(noon.Median, 95, 105);
        Assert.True(noon.Upper < 150, $"{noon}");
        Assert.Equal(3, noon.Days); // Saturday and last Sunday, then last Saturday from the week before
        Assert.Equal(24 * 60, new OutlierRule().Find(history.Where(p => p.Time >= sunday).ToList(), bands, OutlierKind.Value).Count);
    }

    [Fact]
    public void Compute_NewEndpoint_BandFromFewerThanThreeDaysIsThin()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 2 * Day, from + Hour, _ => 50, noise: 1);

        var band = Assert.Single(SeasonalBaseline.Compute(history, from, from + Hour, Options));

        Assert.True(band.IsThin);
        Assert.Equal(2, band.Days);
    }

    [Fact]
    public void Compute_InsufficientHistory_GivesNoBand()
    {
        var from = Monday + 9 * Day;
        // One day of history holding only the last 20 minutes of each hour: 20 points, below MinSamples = 30.
        var history = Minutes(from - Day, from + Hour, _ => 5, noise: 1).Where(p => p.Time % Hour >= 2400).ToList();

        Assert.Empty(SeasonalBaseline.Compute(history, from, from + Hour, Options));
        Assert.Empty(SeasonalBaseline.Compute([], from, from + Day, Options));
    }

    [Fact]
    public void Compute_GapInHistory_LeavesOnlyThatHourWithoutBand()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 7 * Day, from + 3 * Hour, _ => 5, noise: 1)
            .Where(p => HourOfDay(p.Time) != 1)
            .ToList();

        var bands = SeasonalBaseline.Compute(history, from, from + 3 * Hour, Options);

        Assert.Equal([from, from + 2 * Hour], bands.Select(b => b.Start));
    }

    [Fact]
    public void Compute_FlatSeries_MadFloorKeepsSmallWigglesInside()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 7 * Day, from, _ => 100);

        var band = Assert.Single(SeasonalBaseline.Compute(history, from, from + Hour, Options));

        // MAD is 0; the floor makes it 1 % of the median: band = 100 ± 3 × 1.4826 × 1.
        Assert.Equal(100, band.Median);
        Assert.Equal(1.4826, band.Sigma, 9);
        Assert.True(band.Contains(100.5));
        Assert.True(band.Contains(96));
        Assert.False(band.Contains(110));
    }

    [Fact]
    public void Compute_ZeroSeries_AnyNonZeroValueIsOutside()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 7 * Day, from, _ => 0);

        var band = Assert.Single(SeasonalBaseline.Compute(history, from, from + Hour, Options));

        Assert.True(band.Sigma > 0);
        Assert.True(band.Contains(0));
        Assert.False(band.Contains(1));
    }

    [Fact]
    public void Compute_UnsortedHistory_GivesSameBandsAsSorted()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 7 * Day, from + 2 * Hour, DailyCycle, noise: 5);
        var shuffled = history.OrderBy(p => p.Time % 7).ThenBy(p => p.Time).ToList();

        Assert.Equal(
            SeasonalBaseline.Compute(history, from, from + 2 * Hour, Options),
            SeasonalBaseline.Compute(shuffled, from, from + 2 * Hour, Options));
    }

    [Fact]
    public void Compute_NonFiniteValues_AreIgnored()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 7 * Day, from, _ => 10, noise: 1);
        history[^1] = history[^1] with { Value = double.NaN };
        history[^2] = history[^2] with { Value = double.PositiveInfinity };

        var band = Assert.Single(SeasonalBaseline.Compute(history, from, from + Hour, Options));

        Assert.True(double.IsFinite(band.Upper));
        Assert.InRange(band.Median, 9, 11);
    }

    [Fact]
    public void Compute_InvalidOptions_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeasonalBaseline.Compute([], 0, 3600, new BaselineOptions { LookbackDays = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeasonalBaseline.Compute([], 0, 3600, new BaselineOptions { K = 0 }));
    }

    [Fact]
    public void Describe_DefaultOptions_StatesTheRule()
    {
        var text = SeasonalBaseline.Describe(Options);

        Assert.StartsWith("Same hour of the day over the previous 7 days, weekdays against weekdays and weekends against weekends", text);
        Assert.Contains("band = median ± 3 × 1.4826 × MAD", text);
        Assert.Contains("fewer than 30 points", text);
    }
}
