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

    public async Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpointName);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        // The oldest day chunk of each series is one seek on the chunks' key (SeriesId, Start); no payload is read.
        command.CommandText = """
            SELECT MIN((SELECT c.Start FROM SeriesChunks c WHERE c.SeriesId = s.Id ORDER BY c.Start LIMIT 1))
            FROM Series s WHERE s.EndpointName = $endpoint
            """;
        command.Parameters.AddWithValue("$endpoint", endpointName);
        return await command.ExecuteScalarAsync(cancellationToken) is long start ? start : null;
    }

    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys,
        long from, long to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var distinct = keys.Distinct().ToArray();
        var chunks = await ReadChunksAsync(distinct, from, to, cancellationToken);

        // One array per series, sized from the stored counts; every chunk decodes straight into its own slice.
        var series = new MetricPoint[distinct.Length][];
        var sizes = new int[distinct.Length];
        foreach (var chunk in chunks)
        {
            sizes[chunk.KeyIndex] += chunk.Count;
        }
        for (var k = 0; k < series.Length; k++)
        {
            series[k] = sizes[k] == 0 ? [] : new MetricPoint[sizes[k]];
        }

        // Decoding dominates a 30-day read (hundreds of chunks), and chunks are independent: spread them over the cores.
        if (chunks.Count >= ParallelDecodeThreshold)
        {
            Parallel.For(0, chunks.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => Decode(chunks[i], series));
        }
        else
        {
            foreach (var chunk in chunks)
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
        var rows = await ReadRowsAsync(distinct, ChunkDays.StartOf(Rollups.BucketStart(from, step)), to, step, cancellationToken);
        var series = new RollupPoint[distinct.Length][];
        var sizes = new int[distinct.Length];
        foreach (var row in rows)
        {
            sizes[row.KeyIndex] += row.Count;
        }
        for (var k = 0; k < series.Length; k++)
        {
            series[k] = sizes[k] == 0 ? [] : new RollupPoint[sizes[k]];
        }
        if (rows.Count >= ParallelDecodeThreshold)
        {
            Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => DecodeRollup(rows[i], step, series));
        }
        else
        {
            foreach (var row in rows)
            {
                DecodeRollup(row, step, series);
            }
        }

        var result = new Dictionary<SeriesKey, IReadOnlyList<RollupPoint>>(distinct.Length);
        for (var k = 0; k < distinct.Length; k++)
        {
            result[distinct[k]] = TrimBuckets(series[k], step, from, to);
        }
        return result;
    }

    private const int ParallelDecodeThreshold = 16;

    private readonly record struct StoredChunk(int KeyIndex, long Start, int Count, int Offset, byte[] Payload);

    private static void DecodeRollup(StoredChunk row, int step, RollupPoint[][] series) =>
        RollupCodec.DecodeInto(row.Payload, row.Start, step, series[row.KeyIndex].AsSpan(row.Offset, row.Count));

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

    private static void Decode(StoredChunk chunk, MetricPoint[][] series) =>
        ChunkCodec.DecodeInto(chunk.Payload, chunk.Start, series[chunk.KeyIndex].AsSpan(chunk.Offset, chunk.Count));

    /// <summary>The chunks overlapping [from, to) of every key, grouped by key in key order, oldest first.</summary>
    private Task<List<StoredChunk>> ReadChunksAsync(SeriesKey[] keys, long from, long to, CancellationToken cancellationToken) =>
        from >= to ? Task.FromResult(new List<StoredChunk>()) : ReadRowsAsync(keys, ChunkDays.StartOf(from), to, tier: null, cancellationToken);

    /// <summary>
    /// The day rows starting in [first, to) of every key, from the minute chunks (tier null) or one tier's rollups,
    /// grouped by key in key order, oldest first.
    /// </summary>
    private async Task<List<StoredChunk>> ReadRowsAsync(SeriesKey[] keys, long first, long to, int? tier, CancellationToken cancellationToken)
    {
        var chunks = new List<StoredChunk>();
        if (keys.Length == 0 || first >= to)
        {
            return chunks;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        // One read transaction: every series comes from the same snapshot even while the writer commits.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var lookup = new SeriesLookup(connection, transaction);
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = tier is null
            ? "SELECT Start, Count, Payload FROM SeriesChunks WHERE SeriesId = $id AND Start >= $first AND Start < $to ORDER BY Start"
            : "SELECT Start, Count, Payload FROM SeriesRollups WHERE SeriesId = $id AND Tier = $tier AND Start >= $first AND Start < $to ORDER BY Start";
        var idParameter = select.Parameters.Add("$id", SqliteType.Integer);
        select.Parameters.AddWithValue("$first", first);
        if (tier is not null)
        {
            select.Parameters.AddWithValue("$tier", tier.Value);
        }
        select.Parameters.AddWithValue("$to", to);

        for (var k = 0; k < keys.Length; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (FindId(lookup, keys[k]) is not { } id)
            {
                continue;
            }
            idParameter.Value = id;
            using var reader = select.ExecuteReader();
            var offset = 0;
            while (reader.Read())
            {
                var count = reader.GetInt32(1);
                chunks.Add(new StoredChunk(k, reader.GetInt64(0), count, offset, (byte[])reader.GetValue(2)));
                offset += count;
            }
        }
        transaction.Commit();
        return chunks;
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
