using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Reads history. Series metadata goes through EF Core; the chunk scan is the provider's own (<see cref="IChunkSource"/>)
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
        var stored = await chunks.ReadAsync(distinct, from, to, cancellationToken);

        // One array per series, sized from the stored counts; every chunk decodes straight into its own slice.
        var series = new MetricPoint[distinct.Length][];
        var sizes = new int[distinct.Length];
        foreach (var chunk in stored)
        {
            sizes[chunk.KeyIndex] += chunk.Count;
        }
        for (var k = 0; k < series.Length; k++)
        {
            series[k] = sizes[k] == 0 ? [] : new MetricPoint[sizes[k]];
        }

        // Decoding dominates a 30-day read (hundreds of chunks), and chunks are independent: spread them over the cores.
        if (stored.Count >= ParallelDecodeThreshold)
        {
            Parallel.For(0, stored.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => Decode(stored[i], series));
        }
        else
        {
            foreach (var chunk in stored)
            {
                Decode(chunk, series);
            }
        }

        var result = new Dictionary<SeriesKey, IReadOnlyList<MetricPoint>>(distinct.Length);
        for (var k = 0; k < distinct.Length; k++)
        {
            result[distinct[k]] = Trim(series[k], from, to);
        }
        return result;
    }

    private const int ParallelDecodeThreshold = 16;

    private static void Decode(StoredChunk chunk, MetricPoint[][] series) =>
        ChunkCodec.DecodeInto(chunk.Payload, chunk.Start, series[chunk.KeyIndex].AsSpan(chunk.Offset, chunk.Count));

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
