using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Reads history. Series metadata goes through EF Core; the chunk and tier scan is the provider's own (<see cref="IChunkSource"/>)
/// because it is the hot path of every chart (tens of thousands of points per series).
/// </summary>
public sealed class MetricQueries(
    IDbContextFactory<DashboardDbContext> contexts,
    IChunkSource chunks,
    SeriesCatalog catalog) : IMetricQueries, ICoverageQueries
{
    public async Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(string endpointName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpointName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Series.AsNoTracking()
            .Where(s => s.EndpointName == endpointName)
            .OrderBy(s => s.Namespace).ThenBy(s => s.MetricName).ThenBy(s => s.Dimensions).ThenBy(s => s.Stat).ThenBy(s => s.Period)
            .Select(s => new { s.Id, s.Namespace, s.MetricName, s.Dimensions, s.Stat, s.Period })
            .ToListAsync(cancellationToken);
        return rows.Select(r =>
        {
            var key = new SeriesKey(r.Namespace, r.MetricName, r.Dimensions, r.Stat, r.Period);
            catalog.Remember(key, r.Id);
            return key;
        }).ToList();
    }

    public async Task<IReadOnlyDictionary<SeriesKey, long>> GetWatermarksAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Series.AsNoTracking()
            .Where(s => s.LastTime != null)
            .Select(s => new { s.Namespace, s.MetricName, s.Dimensions, s.Stat, s.Period, s.LastTime })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => new SeriesKey(r.Namespace, r.MetricName, r.Dimensions, r.Stat, r.Period), r => r.LastTime!.Value);
    }

    public async Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Series.AsNoTracking()
            .Where(s => s.CoverageFrom != null && s.CoverageTo != null)
            .Select(s => new { s.Namespace, s.MetricName, s.Dimensions, s.Stat, s.Period, s.CoverageFrom, s.CoverageTo })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => new SeriesKey(r.Namespace, r.MetricName, r.Dimensions, r.Stat, r.Period),
            r => new FetchedRange(r.CoverageFrom!.Value, r.CoverageTo!.Value));
    }

    public Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpointName);
        return chunks.HistoryStartAsync(endpointName, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys,
        long from, long to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = keys.Distinct().ToArray();
        var series = await ReadRowsAsync<MetricPoint>(distinct, from, to, tier: null,
            (row, into) => ChunkCodec.DecodeInto(row.Payload, row.Start, into), cancellationToken);
        var result = new Dictionary<SeriesKey, IReadOnlyList<MetricPoint>>(distinct.Length);
        for (var k = 0; k < distinct.Length; k++)
        {
            result[distinct[k]] = Trim(series[k], from, to);
        }
        return result;
    }

    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<RollupPoint>>> ReadTierAsync(IReadOnlyList<SeriesKey> keys,
        long from, long to, int step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (step == Rollups.Minute)
        {
            var minutes = await ReadAsync(keys, from, to, cancellationToken);
            return minutes.ToDictionary(m => m.Key, m => (IReadOnlyList<RollupPoint>)Rollups.AsBuckets(m.Value));
        }
        if (!Rollups.Tiers.Contains(step))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"No tier of {step} s is stored (tiers: {string.Join(", ", Rollups.Tiers)}).");
        }
        var distinct = keys.Distinct().ToArray();
        var series = await ReadRowsAsync<RollupPoint>(distinct, Rollups.BucketStart(from, step), to, step,
            (row, into) => RollupCodec.DecodeInto(row.Payload, row.Start, step, into), cancellationToken);
        var result = new Dictionary<SeriesKey, IReadOnlyList<RollupPoint>>(distinct.Length);
        for (var k = 0; k < distinct.Length; k++)
        {
            result[distinct[k]] = TrimBuckets(series[k], step, from, to);
        }
        return result;
    }

    private const int ParallelDecodeThreshold = 16;

    private delegate void DecodeRow<T>(StoredChunk row, Span<T> into);

    /// <summary>
    /// One array per series, sized from the stored counts; every row decodes straight into its own slice. Decoding
    /// dominates a long read (hundreds of rows), and rows are independent: spread them over the cores.
    /// </summary>
    private async Task<T[][]> ReadRowsAsync<T>(SeriesKey[] keys, long from, long to, int? tier, DecodeRow<T> decode,
        CancellationToken cancellationToken)
    {
        var stored = await chunks.ReadAsync(keys, from, to, tier, cancellationToken);
        var series = new T[keys.Length][];
        var sizes = new int[keys.Length];
        foreach (var row in stored)
        {
            sizes[row.KeyIndex] += row.Count;
        }
        for (var k = 0; k < series.Length; k++)
        {
            series[k] = sizes[k] == 0 ? [] : new T[sizes[k]];
        }
        if (stored.Count >= ParallelDecodeThreshold)
        {
            Parallel.For(0, stored.Count, new ParallelOptions { CancellationToken = cancellationToken },
                i => decode(stored[i], series[stored[i].KeyIndex].AsSpan(stored[i].Offset, stored[i].Count)));
        }
        else
        {
            foreach (var row in stored)
            {
                decode(row, series[row.KeyIndex].AsSpan(row.Offset, row.Count));
            }
        }
        return series;
    }

    /// <summary>Only the buckets overlapping [from, to): the first and last day's rows can reach outside it.</summary>
    private static IReadOnlyList<RollupPoint> TrimBuckets(RollupPoint[] buckets, int step, long from, long to)
    {
        var first = 0;
        while (first < buckets.Length && !Rollups.Overlaps(buckets[first].Time, step, from, to))
        {
            first++;
        }
        var end = buckets.Length;
        while (end > first && !Rollups.Overlaps(buckets[end - 1].Time, step, from, to))
        {
            end--;
        }
        return first == 0 && end == buckets.Length ? buckets : new ArraySegment<RollupPoint>(buckets, first, end - first);
    }

    /// <summary>
    /// Only the first and last chunk can reach outside [from, to): a view over the inner part avoids copying the
    /// (often large) array when the range starts or ends inside a day.
    /// </summary>
    private static IReadOnlyList<MetricPoint> Trim(MetricPoint[] points, long from, long to)
    {
        if (points.Length == 0 || (points[0].Time >= from && points[^1].Time < to))
        {
            return points;
        }
        var first = SeriesMath.LowerBound(points, from);
        var end = SeriesMath.LowerBound(points, to);
        return end > first ? new ArraySegment<MetricPoint>(points, first, end - first) : [];
    }
}
