using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;
using static Dashboard.Core.Tests.Baselines.SyntheticSeries;

namespace Dashboard.Core.Tests.Baselines;

public class OutlierRuleTests
{
    private static readonly OutlierRule EveryMinute = new(MinRunMinutes: 1);
    private static readonly BaselineBand Band = new(0, 3600, 90, 100, 110);

    [Fact]
    public void Find_InjectedSpike_IsTheOnlyOutlier()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 7 * Day, from + Day, DailyCycle, noise: 5, seed: 7);
        var spikeIndex = history.FindIndex(p => p.Time == from + 14 * Hour + 600);
        history[spikeIndex] = history[spikeIndex] with { Value = 400 };
        var bands = SeasonalBaseline.Compute(history, from, from + Day, new BaselineOptions());

        var outliers = EveryMinute.Find(history.Where(p => p.Time >= from).ToList(), bands, OutlierKind.Value);

        Assert.Equal([history[spikeIndex]], outliers);
    }

    [Fact]
    public void Find_DipBelowBand_IsAnOutlier()
    {
        var outliers = EveryMinute.Find([new(0, 100), new(60, 89.9), new(120, 90), new(180, 110)], [Band], OutlierKind.Value);

        Assert.Equal([new MetricPoint(60, 89.9)], outliers);
    }

    [Fact]
    public void Find_PointsInHoursWithoutBand_AreNotOutliers()
    {
        var bands = new[] { Band, Band with { Start = 7200, End = 10800 } };

        var outliers = EveryMinute.Find([new(3700, 1000), new(7300, 1000), new(-60, 1000), new(20000, 1000)], bands, OutlierKind.Value);

        Assert.Equal([new MetricPoint(7300, 1000)], outliers);
    }

    [Fact]
    public void Find_SingleMinuteOutside_IsNotMarkedButARunOfThreeIs()
    {
        // 05:00 alone, then 10:00–12:00 three minutes in a row.
        var points = Enumerable.Range(0, 20).Select(m => new MetricPoint(m * 60, m is 5 or 10 or 11 or 12 ? 200 : 100)).ToList();

        var outliers = OutlierRule.Default.Find(points, [Band], OutlierKind.Value);

        Assert.Equal([600, 660, 720], outliers.Select(p => p.Time));
    }

    [Fact]
    public void Find_RunThatChangesSide_CountsEachSideSeparately()
    {
        // Two minutes above then two below: no side holds for three minutes.
        MetricPoint[] points = [new(0, 200), new(60, 200), new(120, 10), new(180, 10)];

        Assert.Empty(OutlierRule.Default.Find(points, [Band], OutlierKind.Value));
    }

    [Fact]
    public void Find_FallbackOrThinBand_MarksNothing()
    {
        var points = Enumerable.Range(0, 10).Select(m => new MetricPoint(m * 60, 500)).ToList();

        Assert.Empty(OutlierRule.Default.Find(points, [Band with { IsFallback = true }], OutlierKind.Value));
        Assert.Empty(OutlierRule.Default.Find(points, [Band with { IsThin = true }], OutlierKind.Value));
        Assert.Equal(10, OutlierRule.Default.Find(points, [Band], OutlierKind.Value).Count);
    }

    [Fact]
    public void Side_OneErrorAmongTwentyCalls_IsNotAboveALowBand()
    {
        // 5 % looks far above a 0.5 % band, but one failure among 20 calls is what a 0.5 % endpoint produces now and then.
        var band = new BaselineBand(0, 3600, 0, 0.4, 0.5);

        Assert.Equal(0, OutlierRule.Default.Side(OutlierKind.Rate, 5, band, trials: 20));
        Assert.Equal(1, OutlierRule.Default.Side(OutlierKind.Value, 5, band));
    }

    [Fact]
    public void Side_ErrorRateWithTheTrafficToBackIt_IsAboveTheBand()
    {
        var band = new BaselineBand(0, 3600, 0, 0.4, 0.5);

        Assert.Equal(1, OutlierRule.Default.Side(OutlierKind.Rate, 2, band, trials: 2000)); // 40 of 2,000
        Assert.Equal(1, OutlierRule.Default.Side(OutlierKind.Rate, 50, band, trials: 20));  // 10 of 20
        Assert.Equal(0, OutlierRule.Default.Side(OutlierKind.Rate, 0.6, band, trials: 2000));
    }

    [Fact]
    public void RateInterval_MatchesClopperPearson()
    {
        var rule = new OutlierRule(Confidence: 0.95);

        var (lower, upper) = rule.RateInterval(1, 20);
        Assert.Equal(0.1265, lower, 0.0001);
        Assert.Equal(24.87, upper, 0.01);
        Assert.Equal((0, 16.84), Round(rule.RateInterval(0, 20)));
        Assert.Equal((0, 100), rule.RateInterval(0, 0));
    }

    [Fact]
    public void CountInterval_MatchesGarwood()
    {
        var rule = new OutlierRule(Confidence: 0.95);

        Assert.Equal((0, 3.69), Round(rule.CountInterval(0)));
        Assert.Equal((1.62, 11.67), Round(rule.CountInterval(5)));
    }

    [Fact]
    public void Side_CountWithinPoissonNoiseOfTheBand_IsNotOutside()
    {
        var band = new BaselineBand(0, 3600, 0, 0, 1);

        Assert.Equal(0, OutlierRule.Default.Side(OutlierKind.Count, 3, band)); // three errors where there usually are none
        Assert.Equal(1, OutlierRule.Default.Side(OutlierKind.Count, 9, band));
        Assert.Equal(-1, OutlierRule.Default.Side(OutlierKind.Count, 1500, new BaselineBand(0, 3600, 1800, 2000, 2200)));
    }

    [Fact]
    public void Describe_StatesConfidenceAndRun()
    {
        var text = OutlierRule.Default.Describe();

        Assert.Contains("at least 3 consecutive minutes", text);
        Assert.Contains("99 % interval", text);
    }

    private static (double, double) Round((double Lower, double Upper) interval) => (Math.Round(interval.Lower, 2), Math.Round(interval.Upper, 2));
}
