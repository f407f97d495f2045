using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Reads history. Series metadata goes through EF Core; the chunk scan uses a plain data reader because it is the
/// hot path of every chart (tens of thousands of points per series).
/// </summary>
public sealed class MetricQueries(
    IDbContextFactory<DashboardDbContext> contexts,
    SqliteConnectionFactory connections,
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

    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys,
        long from, long to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var result = new Dictionary<SeriesKey, IReadOnlyList<MetricPoint>>(keys.Count);
        if (keys.Count == 0)
        {
            return result;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        // One read transaction: every series comes from the same snapshot even while the writer commits.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var lookup = new SeriesLookup(connection, transaction);
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT Start, Payload FROM SeriesChunks WHERE SeriesId = $id AND Start >= $first AND Start < $to ORDER BY Start";
        var idParameter = select.Parameters.Add("$id", SqliteType.Integer);
        select.Parameters.AddWithValue("$first", ChunkDays.StartOf(from));
        select.Parameters.AddWithValue("$to", to);

        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (result.ContainsKey(key))
            {
                continue;
            }
            var id = FindId(lookup, key);
            result[key] = id is null || from >= to ? [] : ReadSeries(select, idParameter, id.Value, from, to);
        }
        transaction.Commit();
        return result;
    }

    private long? FindId(SeriesLookup lookup, SeriesKey key)
    {
        if (catalog.TryGetId(key, out var cached))
        {
            return cached;
        }
        var id = lookup.Find(key);
        if (id is not null)
        {
            catalog.Remember(key, id.Value);
        }
        return id;
    }

    private static MetricPoint[] ReadSeries(SqliteCommand select, SqliteParameter idParameter, long seriesId, long from, long to)
    {
        idParameter.Value = seriesId;
        var chunks = new List<MetricPoint[]>();
        var total = 0;
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                var start = reader.GetInt64(0);
                var points = ChunkCodec.Decode((byte[])reader.GetValue(1), start);
                chunks.Add(points);
                total += points.Length;
            }
        }

        var result = new MetricPoint[total];
        var count = 0;
        foreach (var chunk in chunks)
        {
            // Only the first and last chunk can reach outside [from, to); the rest are copied whole.
            var first = chunk.Length > 0 && chunk[0].Time >= from ? 0 : LowerBound(chunk, from);
            var end = chunk.Length > 0 && chunk[^1].Time < to ? chunk.Length : LowerBound(chunk, to);
            if (end > first)
            {
                chunk.AsSpan(first, end - first).CopyTo(result.AsSpan(count));
                count += end - first;
            }
        }
        return count == total ? result : result[..count];
    }

    private static int LowerBound(MetricPoint[] points, long time)
    {
        int low = 0, high = points.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (points[mid].Time < time)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
