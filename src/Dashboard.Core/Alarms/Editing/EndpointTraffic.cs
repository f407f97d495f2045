using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Alarms.Editing;

/// <summary>How many requests a minute each variant of an endpoint typically serves: the median of its stored per-minute Invocations.</summary>
public static class EndpointTraffic
{
    /// <summary>Variant name → median invocations per minute over [<paramref name="from"/>, <paramref name="to"/>); variants without history are left out.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> TypicalPerMinuteAsync(IMetricQueries metrics, string endpoint,
        IReadOnlyCollection<SeriesKey> stored, long from, long to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(stored);
        var keys = stored.Where(k => k.MetricName == SageMakerMetrics.Invocations && k.Stat == "Sum" && k.EndpointName == endpoint
            && k.VariantName is not null && k.DimensionList.Count == 2 && k.Period > 0).ToList();
        if (keys.Count == 0)
        {
            return new Dictionary<string, double>();
        }
        var read = await metrics.ReadAsync(keys, from, to, cancellationToken);
        var typical = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, points) in read)
        {
            if (points.Count > 0)
            {
                typical[key.VariantName!] = Median(points.Select(p => p.Value * 60 / key.Period));
            }
        }
        return typical;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        return sorted.Length == 0 ? 0 : ThresholdSuggestion.Quantile(sorted, 0.5);
    }
}
