using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Tests.Scenario;

[CollectionDefinition(nameof(PerformanceTests), DisableParallelization = true)]
public sealed class PerformanceCollection;

[Collection(nameof(PerformanceTests))]
public sealed class PerformanceTests
{
    // Runs alone and measures CPU time rather than wall time: other builds on a shared 2-core machine would
    // otherwise decide the result. (Release generates this in well under a second; this is a Debug build.)
    [Fact]
    public void Generate_FourteenDaysOfEveryMinuteSeries_TakesAFewSeconds()
    {
        var scenario = ScenarioHelpers.Create();
        var start = TestClock.Anchor.AddDays(-14);
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
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
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        Assert.True(points > 1_500_000, $"{points} points");
        Assert.True(cpu < TimeSpan.FromSeconds(8), $"{points} points took {cpu} of CPU");
        TestContext.Current.TestOutputHelper?.WriteLine($"{scenario.Series.Count} series, {points} points in {cpu} of CPU");
    }
}
