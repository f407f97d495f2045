using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Benchmarks.RedMarks;

/// <summary>
/// Stored history in memory answering with array slices (no copy), so thousands of fleet recomputations stay cheap.
/// Only minutes that have ended by the clock's now are visible, as in the real store.
/// </summary>
internal sealed class SlicedQueries(IReadOnlyDictionary<SeriesKey, MetricPoint[]> history, TimeProvider clock) : IMetricQueries
{
    public Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SeriesKey>>(history.Keys.Where(k => k.EndpointName == endpointName).ToList());

    public Task<IReadOnlyDictionary<SeriesKey, long>> GetWatermarksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<SeriesKey, long>>(history.Where(s => s.Value.Length > 0).ToDictionary(s => s.Key, s => s.Value[^1].Time));

    public Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Task.FromResult(history.Where(s => s.Key.EndpointName == endpointName && s.Value.Length > 0).Select(s => (long?)s.Value[0].Time).Min());

    public Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys, long from, long to,
        CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>>(keys.Distinct().ToDictionary(k => k, k =>
        {
            var points = history.GetValueOrDefault(k) ?? [];
            var start = SeriesMath.LowerBound(points, from);
            var end = SeriesMath.LowerBound(points, Math.Min(to, clock.GetUtcNow().ToUnixTimeSeconds() - 59));
            return (IReadOnlyList<MetricPoint>)new ArraySegment<MetricPoint>(points, start, Math.Max(0, end - start));
        }));

    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<RollupPoint>>> ReadTierAsync(IReadOnlyList<SeriesKey> keys, long from, long to, int step,
        CancellationToken cancellationToken = default)
    {
        var bucketFrom = Rollups.BucketStart(from, step);
        var minutes = await ReadAsync(keys, bucketFrom, to + step, cancellationToken);
        return minutes.ToDictionary(m => m.Key, m => (IReadOnlyList<RollupPoint>)Rollups.Aggregate(m.Value.ToArray(), step)
            .Where(b => Rollups.Overlaps(b.Time, step, from, to)).ToList());
    }
}
