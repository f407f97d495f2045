using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Tests.Scenario;

[CollectionDefinition(nameof(PerformanceTests), DisableParallelization = true)]
public sealed class PerformanceCollection;

[Collection(nameof(PerformanceTests))]
public sealed class PerformanceTests
{
    // Alone, because a timing measured while other tests compete for the 2 cores says little.
    [Fact]
    public void Generate_FourteenDaysOfEveryMinuteSeries_TakesAFewSeconds()
    {
        var scenario = ScenarioHelpers.Create();
        var start = TestClock.Anchor.AddDays(-14);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var points = 0;
        foreach (var series in scenario.Series.Where(s => s.Kind != MetricKind.Drift))
        {
            for (var minute = 0; minute < 14 * 1440; minute++)
            {
                if (series.GetValue(Statistic.Average, 60, start.AddMinutes(minute)) is not null)
                {
                    points++;
                }
            }
        }
        watch.Stop();

        Assert.True(points > 1_500_000, $"{points} points");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"{points} points took {watch.Elapsed}");
        TestContext.Current.TestOutputHelper?.WriteLine($"{scenario.Series.Count} series, {points} points in {watch.Elapsed}");
    }
}
