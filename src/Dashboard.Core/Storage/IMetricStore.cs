using Dashboard.Core.Metrics;

namespace Dashboard.Core.Storage;

/// <summary>Writes collected points; the fast path for bulk ingest.</summary>
public interface IMetricWriter
{
    /// <summary>
    /// Stores the points in one transaction: all of them or none. A point at a time already stored replaces the
    /// stored value (CloudWatch revises late points), so writing the same batch twice changes nothing.
    /// Returns the number of points written.
    /// </summary>
    Task<int> WriteAsync(IReadOnlyList<SeriesPoints> batches, CancellationToken cancellationToken = default);
}

/// <summary>Reads stored history. Times are Unix seconds; ranges are [from, to).</summary>
public interface IMetricQueries
{
    /// <summary>Every stored series of the endpoint (matched on its EndpointName or Endpoint dimension).</summary>
    Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(string endpointName, CancellationToken cancellationToken = default);

    /// <summary>The newest stored point's time for every series (the collectors' watermarks).</summary>
    Task<IReadOnlyDictionary<SeriesKey, long>> GetWatermarksAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Where the endpoint's stored history begins: at or before its oldest stored point, at most a day before it (the
    /// start of that point's UTC day), cheap enough to ask on every page load. Null when nothing is stored.
    /// </summary>
    Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken = default);

    /// <summary>Raw points of each series in [from, to), sorted by time. Series without data map to an empty list.</summary>
    Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys, long from, long to,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Buckets of <paramref name="step"/> seconds (<see cref="Rollups.Minute"/> or one of <see cref="Rollups.Tiers"/>)
    /// of each series overlapping [from, to), sorted by time; for charts of long ranges, which pick the step with
    /// <see cref="Rollups.StepFor"/>. Alarms, exports and anything that judges single minutes read <see cref="ReadAsync"/>.
    /// </summary>
    Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<RollupPoint>>> ReadTierAsync(IReadOnlyList<SeriesKey> keys, long from, long to, int step,
        CancellationToken cancellationToken = default);
}
