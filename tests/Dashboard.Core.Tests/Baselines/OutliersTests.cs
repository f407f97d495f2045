using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;
using static Dashboard.Core.Tests.Baselines.SyntheticSeries;

namespace Dashboard.Core.Tests.Baselines;

public class OutliersTests
{
    [Fact]
    public void Find_InjectedSpike_IsTheOnlyOutlier()
    {
        var from = Monday + 9 * Day;
        var history = Minutes(from - 7 * Day, from + Day, DailyCycle, noise: 5, seed: 7);
        var spikeIndex = history.FindIndex(p => p.Time == from + 14 * Hour + 600);
        history[spikeIndex] = history[spikeIndex] with { Value = 400 };
        var bands = SeasonalBaseline.Compute(history, from, from + Day, new BaselineOptions());

        var outliers = Outliers.Find(history.Where(p => p.Time >= from).ToList(), bands);

        Assert.Equal([history[spikeIndex]], outliers);
    }

    [Fact]
    public void Find_DipBelowBand_IsAnOutlier()
    {
        var bands = new[] { new BaselineBand(0, 3600, 90, 100, 110) };

        var outliers = Outliers.Find([new(0, 100), new(60, 89.9), new(120, 90), new(180, 110)], bands);

        Assert.Equal([new MetricPoint(60, 89.9)], outliers);
    }

    [Fact]
    public void Find_PointsInHoursWithoutBand_AreNotOutliers()
    {
        var bands = new[] { new BaselineBand(0, 3600, 90, 100, 110), new BaselineBand(7200, 10800, 90, 100, 110) };

        var outliers = Outliers.Find([new(3700, 1000), new(7300, 1000), new(-60, 1000), new(20000, 1000)], bands);

        Assert.Equal([new MetricPoint(7300, 1000)], outliers);
    }

    [Fact]
    public void Find_UnsortedPoints_StillUseTheirOwnHour()
    {
        var bands = new[] { new BaselineBand(0, 3600, 0, 5, 10), new BaselineBand(3600, 7200, 100, 105, 110) };

        var outliers = Outliers.Find([new(3700, 105), new(100, 105), new(3800, 5), new(200, 5)], bands);

        Assert.Equal([new MetricPoint(100, 105), new MetricPoint(3800, 5)], outliers);
    }
}
