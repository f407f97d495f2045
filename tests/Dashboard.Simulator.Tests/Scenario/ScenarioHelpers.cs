using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Tests.Scenario;

internal static class ScenarioHelpers
{
    public static FleetScenario Create(int seed = 42) => new(seed, TestClock.Anchor);

    public static SimulatedSeries Series(this FleetScenario scenario, string endpoint, string? variant, string metric) =>
        scenario.FindSeries(endpoint, variant, metric) ?? throw new InvalidOperationException($"No series {endpoint}/{variant}/{metric}");

    public static double Value(this SimulatedSeries series, string stat, DateTimeOffset start, int periodSeconds = 60) =>
        series.GetValue(Statistic.Parse(stat), periodSeconds, start)
            ?? throw new InvalidOperationException($"No data for {series} at {start:O}");

    /// <summary>The values of every minute in [start, start + duration) that has data.</summary>
    public static List<double> Minutes(this SimulatedSeries series, string stat, DateTimeOffset start, TimeSpan duration)
    {
        var statistic = Statistic.Parse(stat);
        var values = new List<double>();
        for (var t = start; t < start + duration; t = t.AddMinutes(1))
        {
            if (series.GetValue(statistic, 60, t) is { } value)
            {
                values.Add(value);
            }
        }
        return values;
    }

    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
