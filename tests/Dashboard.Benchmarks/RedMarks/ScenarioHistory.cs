using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Scenario;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Benchmarks.RedMarks;

/// <summary>
/// The default simulated fleet's stored history, built in memory from the scenario exactly as the collector would
/// store it: every statistic the dashboard collects by default at 1 minute, drift hourly.
/// </summary>
internal static class ScenarioHistory
{
    public static Dictionary<SeriesKey, MetricPoint[]> Build(FleetScenario scenario, long from, long to)
    {
        var history = new Dictionary<SeriesKey, MetricPoint[]>();
        var lockObject = new object();
        Parallel.ForEach(scenario.Series, series =>
        {
            var dimensions = series.Dimensions.Select(d => KeyValuePair.Create(d.Name, d.Value)).ToList();
            var isDrift = M.IsDrift(series.MetricName);
            var period = isDrift ? M.HourPeriod : M.MinutePeriod;
            var stats = isDrift ? [M.DriftStat] : M.CollectedStats.GetValueOrDefault(series.MetricName) ?? [];
            foreach (var stat in stats)
            {
                var statistic = Statistic.Parse(stat);
                var points = new List<MetricPoint>();
                for (var t = from - from % period; t < to; t += period)
                {
                    if (series.GetValue(statistic, period, DateTimeOffset.FromUnixTimeSeconds(t)) is { } value)
                    {
                        points.Add(new MetricPoint(t, value));
                    }
                }
                var key = SeriesKey.Create(series.Namespace, series.MetricName, dimensions, stat, period);
                lock (lockObject)
                {
                    history[key] = [.. points];
                }
            }
        });
        return history;
    }

    /// <summary>The endpoint as DescribeEndpoint would report it at <paramref name="time"/>.</summary>
    public static EndpointState State(FleetScenario scenario, EndpointProfile endpoint, DateTimeOffset time) => new(
        endpoint.Name,
        $"arn:aws:sagemaker:eu-west-1:000000000000:endpoint/{endpoint.Name}",
        scenario.StatusAt(endpoint, time),
        endpoint.ConfigName,
        endpoint.CreationTime,
        scenario.LastModifiedAt(endpoint, time),
        null,
        endpoint.Variants.Select(v => new VariantState(v.Name, v.InstanceType,
            scenario.InstanceCount(endpoint.Name, v.Name, time), v.DesiredInstanceCount ?? scenario.InstanceCount(endpoint.Name, v.Name, time),
            v.CurrentWeight, v.DesiredWeight ?? v.CurrentWeight)).ToList(),
        time);
}
