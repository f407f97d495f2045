using System.Collections.Concurrent;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Integration.Tests;

/// <summary>
/// The scenario's values, computed once per test run: every test uses the same seed and anchor, so every simulator
/// generates the same numbers, and regenerating half a million points per test would dominate the run time.
/// </summary>
internal static class ScenarioValues
{
    // Wide enough for every test: the backfill's oldest hour up to a few hours after the start.
    private static readonly long First = TestClock.Start.AddDays(-DashboardHost.MaxBackfillDays).AddHours(-1).ToUnixTimeSeconds() / 3600 * 3600;
    private static readonly long Last = TestClock.Start.AddHours(3).ToUnixTimeSeconds();
    private static readonly ConcurrentDictionary<SeriesKey, Lazy<double[]>> Cache = new();

    /// <summary>
    /// What FleetScenario.GetValue(endpoint, variant, metric, stat, period, start) returns for the series' period
    /// starting at <paramref name="time"/>; the series is looked up once instead of per call.
    /// </summary>
    public static double? Get(FleetScenario scenario, SeriesKey key, long time)
    {
        if (time < First || time >= Last || (time - First) % key.Period != 0)
        {
            return Compute(Find(scenario, key), key, time);
        }
        var values = Cache.GetOrAdd(key, k => new Lazy<double[]>(() => Fill(scenario, k))).Value;
        var value = values[(time - First) / key.Period];
        return double.IsNaN(value) ? null : value;
    }

    private static double[] Fill(FleetScenario scenario, SeriesKey key)
    {
        var series = Find(scenario, key);
        var values = new double[(Last - First) / key.Period];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Compute(series, key, First + i * key.Period) ?? double.NaN;
        }
        return values;
    }

    private static double? Compute(SimulatedSeries series, SeriesKey key, long time) =>
        series.GetValue(Statistic.Parse(key.Stat), key.Period, DateTimeOffset.FromUnixTimeSeconds(time));

    private static SimulatedSeries Find(FleetScenario scenario, SeriesKey key)
    {
        var series = scenario.FindSeries(key.EndpointName!, key.VariantName, key.MetricName)
            ?? throw new InvalidOperationException($"The scenario has no series for {key}.");
        var dimensions = SeriesKey.CanonicalDimensions(series.Dimensions.Select(d => KeyValuePair.Create(d.Name, d.Value)));
        return dimensions == key.Dimensions ? series : throw new InvalidOperationException($"{key} is not the scenario's {series}.");
    }
}
