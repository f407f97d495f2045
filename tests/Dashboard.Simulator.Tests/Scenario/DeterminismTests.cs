using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Tests.Scenario;

public sealed class DeterminismTests
{
    private static readonly string[] Stats = ["Sum", "Average", "SampleCount", "Minimum", "Maximum", "p50", "p99.9"];

    [Fact]
    public void GetValue_SameSeedAndAnchor_IdenticalForEverySeries()
    {
        var a = ScenarioHelpers.Create();
        var b = ScenarioHelpers.Create();
        var start = TestClock.Anchor.AddHours(-6);

        Assert.Equal(a.Series.Select(s => s.Key), b.Series.Select(s => s.Key));
        for (var i = 0; i < a.Series.Count; i++)
        {
            foreach (var stat in Stats)
            {
                for (var t = start; t < TestClock.Anchor; t = t.AddMinutes(7))
                {
                    Assert.Equal(a.Series[i].GetValue(Statistic.Parse(stat), 60, t), b.Series[i].GetValue(Statistic.Parse(stat), 60, t));
                }
            }
        }
    }

    [Fact]
    public void GetValue_DifferentSeed_DifferentNoise()
    {
        var a = ScenarioHelpers.Create(42).Series("churn-prod", "AllTraffic", "Invocations");
        var b = ScenarioHelpers.Create(7).Series("churn-prod", "AllTraffic", "Invocations");
        var start = TestClock.Anchor.AddHours(-2);

        var differing = Enumerable.Range(0, 60).Count(i => a.Value("Sum", start.AddMinutes(i)) != b.Value("Sum", start.AddMinutes(i)));

        Assert.True(differing > 40, $"only {differing} of 60 minutes differ");
    }

    [Fact]
    public void GetValue_CalledOutOfOrder_SameAsInOrder()
    {
        var series = ScenarioHelpers.Create().Series("fraud-detector", "AllTraffic", "ModelLatency");
        var times = Enumerable.Range(0, 30).Select(i => TestClock.Anchor.AddMinutes(-i * 13)).ToList();

        var forward = times.Select(t => series.Value("p90", t)).ToList();
        var backward = times.AsEnumerable().Reverse().Select(t => series.Value("p90", t)).Reverse().ToList();

        Assert.Equal(forward, backward);
    }
}
