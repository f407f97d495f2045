using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Dashboard.Storage.Metrics;
using Dashboard.Storage.Startup;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Storage.Postgres;

/// <summary>
/// The ingest path on PostgreSQL, in a handful of round trips per call whatever its size: series ids resolved in bulk,
/// the touched (series, day) chunks read and locked in one query, merged with the new points in memory, and written
/// back by binary COPY into a temporary table and one upsert, each day's rolled-up tiers likewise. Replaying a batch is idempotent, as on SQLite.
/// </summary>
public sealed class PostgresMetricWriter(NpgsqlDataSource dataSource, SeriesCatalog catalog, StorageOptions options)
    : IMetricWriter, IDisposable
{
    // One writer at a time inside the process; chunk rows are also locked (FOR UPDATE) against another process.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<int> WriteAsync(IReadOnlyList<SeriesPoints> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        cancellationToken.ThrowIfCancellationRequested();
        var groups = PointMerging.GroupByKey(batches);
        foreach (var group in groups)
        {
            SeriesCatalog.Validate(group.Key);
        }
        groups = [.. groups.Where(g => g.Points.Count > 0 || g.Coverage is not null)];
        if (groups.Count == 0)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var (ids, created) = await ResolveIdsAsync(connection, transaction, groups, cancellationToken);

            var days = new List<Day>();
            var series = new List<SeriesUpdate>();
            for (var g = 0; g < groups.Count; g++)
            {
                var points = PointMerging.SortUnique(groups[g].Points);
                series.Add(new SeriesUpdate(ids[g], points.Length > 0 ? points[^1].Time : null, groups[g].Coverage));
                SplitDays(ids[g], points, days);
            }

            var stored = await ReadChunksAsync(connection, transaction, days, cancellationToken);
            await CopyChunksAsync(connection, transaction, days, stored, cancellationToken);
            await UpdateSeriesAsync(connection, transaction, series, cancellationToken);
            await transaction.CommitAsync(cancellationToken);

            // Only now do the new ids exist for everyone else; a rolled-back id must never reach the cache.
            foreach (var (key, id) in created)
            {
                catalog.Remember(key, id);
            }
            return days.Sum(d => d.Points.Count);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private sealed record Day(long SeriesId, long Start, ArraySegment<MetricPoint> Points);

    private sealed record SeriesUpdate(long Id, long? LastTime, FetchedRange? Coverage);

    private async Task<(long[] Ids, List<(SeriesKey, long)> Created)> ResolveIdsAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, List<SeriesGroup> groups, CancellationToken cancellationToken)
    {
        var keys = groups.Select(g => g.Key).ToList();
        var found = await PostgresSeriesIds.FindAsync(connection, transaction, catalog, keys, cancellationToken);
        var missing = Enumerable.Range(0, keys.Count).Where(i => found[i] is null).ToList();
        var created = new List<(SeriesKey, long)>();
        if (missing.Count > 0)
        {
            var newKeys = missing.Select(i => keys[i]).ToList();
            await PostgresSeriesIds.InsertAsync(connection, transaction, newKeys, cancellationToken);
            var newIds = await PostgresSeriesIds.FindAsync(connection, transaction, catalog, newKeys, cancellationToken, remember: false);
            for (var m = 0; m < missing.Count; m++)
            {
                found[missing[m]] = newIds[m] ?? throw new InvalidOperationException($"Series '{newKeys[m]}' could not be created.");
                created.Add((newKeys[m], newIds[m]!.Value));
            }
        }
        return ([.. found.Select(id => id!.Value)], created);
    }

    private static void SplitDays(long seriesId, MetricPoint[] points, List<Day> days)
    {
        var from = 0;
        while (from < points.Length)
        {
            var start = ChunkDays.StartOf(points[from].Time);
            var to = from + 1;
            while (to < points.Length && points[to].Time < start + ChunkDays.Length)
            {
                to++;
            }
            days.Add(new Day(seriesId, start, new ArraySegment<MetricPoint>(points, from, to - from)));
            from = to;
        }
    }

    /// <summary>The stored payload of each touched day, locked until the commit.</summary>
    private static async Task<Dictionary<(long, long), byte[]>> ReadChunksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<Day> days, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<(long, long), byte[]>();
        if (days.Count == 0)
        {
            return stored;
        }
        await using var command = new NpgsqlCommand("""
            SELECT c."SeriesId", c."Start", c."Payload" FROM "SeriesChunks" c
            JOIN unnest(@ids, @starts) AS k(id, start) ON c."SeriesId" = k.id AND c."Start" = k.start
            FOR UPDATE OF c
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. days.Select(d => d.SeriesId)] });
        command.Parameters.Add(new NpgsqlParameter<long[]>("starts", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. days.Select(d => d.Start)] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored[(reader.GetInt64(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        }
        return stored;
    }

    /// <summary>The merged days as chunks, and each day's tiers (<see cref="DayRollups"/>) beside them.</summary>
    private async Task CopyChunksAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Day> days,
        Dictionary<(long, long), byte[]> stored, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return;
        }
        var rollups = new List<(long SeriesId, long Start, DayRollup Row)>(days.Count * Rollups.Tiers.Count);
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE IF NOT EXISTS "ChunksIn" ("SeriesId" bigint, "Start" bigint, "Count" integer, "Payload" bytea)
            ON COMMIT DELETE ROWS
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "ChunksIn" ("SeriesId", "Start", "Count", "Payload") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var day in days)
            {
                var merged = stored.TryGetValue((day.SeriesId, day.Start), out var payload)
                    ? PointMerging.Merge(ChunkCodec.Decode(payload, day.Start), day.Points)
                    : day.Points.ToArray();
                rollups.AddRange(DayRollups.For(merged, day.Start, options.ChunkEncoding).Select(r => (day.SeriesId, day.Start, r)));
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(day.SeriesId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(day.Start, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(merged.Length, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(ChunkCodec.Encode(merged, day.Start, options.ChunkEncoding), NpgsqlDbType.Bytea, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO "SeriesChunks" ("SeriesId", "Start", "Count", "Payload") SELECT * FROM "ChunksIn"
            ON CONFLICT ("SeriesId", "Start") DO UPDATE SET "Count" = excluded."Count", "Payload" = excluded."Payload"
            """, connection, transaction);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        await CopyRollupsAsync(connection, transaction, rollups, cancellationToken);
    }

    private static async Task CopyRollupsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        List<(long SeriesId, long Start, DayRollup Row)> rollups, CancellationToken cancellationToken)
    {
        await using (var create = new NpgsqlCommand("""
            CREATE TEMP TABLE IF NOT EXISTS "RollupsIn" ("SeriesId" bigint, "Tier" integer, "Start" bigint, "Count" integer, "Payload" bytea)
            ON COMMIT DELETE ROWS
            """, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "RollupsIn" ("SeriesId", "Tier", "Start", "Count", "Payload") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var (seriesId, start, row) in rollups)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(seriesId, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(row.Tier, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(start, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(row.Count, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(row.Payload, NpgsqlDbType.Bytea, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }

        await using var upsert = new NpgsqlCommand("""
            INSERT INTO "SeriesRollups" ("SeriesId", "Tier", "Start", "Count", "Payload") SELECT * FROM "RollupsIn"
            ON CONFLICT ("SeriesId", "Tier", "Start") DO UPDATE SET "Count" = excluded."Count", "Payload" = excluded."Payload"
            """, connection, transaction);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UpdateSeriesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<SeriesUpdate> series,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE "Series" s SET
                "LastTime" = CASE WHEN u.last IS NULL THEN s."LastTime" ELSE GREATEST(COALESCE(s."LastTime", u.last), u.last) END,
                "CoverageFrom" = COALESCE(u.cfrom, s."CoverageFrom"),
                "CoverageTo" = CASE WHEN u.cfrom IS NULL THEN s."CoverageTo" ELSE u.cto END
            FROM unnest(@ids, @last, @cfrom, @cto) AS u(id, last, cfrom, cto)
            WHERE s."Id" = u.id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. series.Select(s => s.Id)] });
        command.Parameters.Add(new NpgsqlParameter<long?[]>("last", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. series.Select(s => s.LastTime)] });
        command.Parameters.Add(new NpgsqlParameter<long?[]>("cfrom", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. series.Select(s => s.Coverage?.From)] });
        command.Parameters.Add(new NpgsqlParameter<long?[]>("cto", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. series.Select(s => s.Coverage?.To)] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
