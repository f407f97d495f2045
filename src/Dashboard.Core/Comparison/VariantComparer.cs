using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Comparison;

/// <summary>
/// Compares a candidate variant with a control variant of the same endpoint from the stored per-minute series
/// (Invocations and Invocation5XXErrors Sum, ModelLatency p90), never from CloudWatch: any number of comparisons, on
/// pages or for canary steps, adds nothing to GetMetricData.
/// </summary>
public sealed class VariantComparer(IMetricQueries metrics)
{
    private static readonly (string Metric, string Stat)[] Read =
        [(M.Invocations, "Sum"), (M.Invocation5XXErrors, "Sum"), (M.ModelLatency, "p90")];

    public async Task<VariantComparison> CompareAsync(string endpoint, string control, string candidate, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default) =>
        (await CompareLooksAsync(endpoint, control, candidate, from, [to], cancellationToken))[0];

    /// <summary>
    /// The comparison of each window [<paramref name="from"/>, end) for the <paramref name="ends"/> given (the looks of a
    /// sequential test, each on all the data since <paramref name="from"/>), from one read of the stored series.
    /// </summary>
    public async Task<IReadOnlyList<VariantComparison>> CompareLooksAsync(string endpoint, string control, string candidate, DateTimeOffset from,
        IReadOnlyList<DateTimeOffset> ends, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(control);
        ArgumentException.ThrowIfNullOrEmpty(candidate);
        ArgumentNullException.ThrowIfNull(ends);
        if (control == candidate)
        {
            throw new ArgumentException("A variant cannot be compared with itself.", nameof(candidate));
        }
        if (ends.Count == 0 || ends.Any(to => to <= from))
        {
            throw new ArgumentException("Each window must end after it starts.", nameof(ends));
        }

        var all = await metrics.ListSeriesAsync(endpoint, cancellationToken);
        var keys = new Dictionary<(string Variant, string Metric), SeriesKey>();
        foreach (var variant in new[] { control, candidate })
        {
            foreach (var (metric, stat) in Read)
            {
                if (all.FirstOrDefault(k => IsVariantSeries(k, endpoint, variant, metric, stat)) is { } key)
                {
                    keys[(variant, metric)] = key;
                }
            }
        }
        var history = keys.Count == 0
            ? new Dictionary<SeriesKey, IReadOnlyList<MetricPoint>>()
            : await metrics.ReadAsync(keys.Values.ToList(), from.ToUnixTimeSeconds(), ends.Max().ToUnixTimeSeconds(), cancellationToken);

        return ends.Select(to =>
        {
            var end = to.ToUnixTimeSeconds();
            IReadOnlyList<MetricPoint> Points(string variant, string metric) =>
                keys.TryGetValue((variant, metric), out var key) ? (history.GetValueOrDefault(key) ?? []).Where(p => p.Time < end).ToList() : [];

            var errorRate = ErrorRateCheck.Evaluate(
                Total(Points(control, M.Invocations)), Total(Points(control, M.Invocation5XXErrors)),
                Total(Points(candidate, M.Invocations)), Total(Points(candidate, M.Invocation5XXErrors)));
            var latency = LatencyCheck.Evaluate(Minutes(Points(control, M.ModelLatency), Points(control, M.Invocations)),
                Minutes(Points(candidate, M.ModelLatency), Points(candidate, M.Invocations)));
            return VariantComparison.Of(endpoint, control, candidate, from, to, errorRate, latency);
        }).ToList();
    }

    /// <summary>
    /// The variant's own minute series: exactly EndpointName and VariantName, as the charts read them. Series that also
    /// carry EndpointConfigName (blue/green fleets during a deployment) would count the same requests twice.
    /// </summary>
    private static bool IsVariantSeries(SeriesKey key, string endpoint, string variant, string metric, string stat) =>
        key.Namespace == M.InvocationNamespace && key.MetricName == metric && key.Stat == stat && key.Period == M.MinutePeriod
        && key.DimensionList is { Count: 2 } dimensions
        && dimensions.Any(d => d.Key == "EndpointName" && d.Value == endpoint)
        && dimensions.Any(d => d.Key == "VariantName" && d.Value == variant);

    private static long Total(IReadOnlyList<MetricPoint> points) =>
        (long)Math.Round(points.Where(p => double.IsFinite(p.Value) && p.Value > 0).Sum(p => p.Value));

    private static IEnumerable<MinuteLatency> Minutes(IReadOnlyList<MetricPoint> p90, IReadOnlyList<MetricPoint> invocations)
    {
        var requests = invocations.GroupBy(p => p.Time).ToDictionary(g => g.Key, g => g.Last().Value);
        return p90.Select(p => new MinuteLatency(p.Time, Units.MicrosecondsToMilliseconds(p.Value), requests.GetValueOrDefault(p.Time)));
    }
}
