using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;
using Npgsql;
using NpgsqlTypes;

namespace Dashboard.Storage.Postgres;

/// <summary>The chunk (and tier) scan on PostgreSQL: every key's chunks in one statement (so one snapshot), ordered by key and time.</summary>
public sealed class PostgresChunkSource(NpgsqlDataSource dataSource, SeriesCatalog catalog) : IChunkSource
{
    public async Task<List<StoredChunk>> ReadAsync(SeriesKey[] keys, long from, long to, int? tier, CancellationToken cancellationToken)
    {
        var chunks = new List<StoredChunk>();
        if (keys.Length == 0 || from >= to)
        {
            return chunks;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = await PostgresSeriesIds.FindAsync(connection, null, catalog, keys, cancellationToken);
        var known = Enumerable.Range(0, keys.Length).Where(k => ids[k] is not null).ToArray();
        if (known.Length == 0)
        {
            return chunks;
        }

        await using var command = new NpgsqlCommand(tier is null
            ? """
              SELECT k.i, c."Start", c."Count", c."Payload"
              FROM unnest(@ids) WITH ORDINALITY AS k(id, i)
              JOIN "SeriesChunks" c ON c."SeriesId" = k.id AND c."Start" >= @first AND c."Start" < @to
              ORDER BY k.i, c."Start"
              """
            : """
              SELECT k.i, r."Start", r."Count", r."Payload"
              FROM unnest(@ids) WITH ORDINALITY AS k(id, i)
              JOIN "SeriesRollups" r ON r."SeriesId" = k.id AND r."Tier" = @tier AND r."Start" >= @first AND r."Start" < @to
              ORDER BY k.i, r."Start"
              """, connection);
        command.Parameters.Add(new NpgsqlParameter<int>("tier", NpgsqlDbType.Integer) { TypedValue = tier ?? 0 });
        command.Parameters.Add(new NpgsqlParameter<long[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. known.Select(k => ids[k]!.Value)] });
        command.Parameters.Add(new NpgsqlParameter<long>("first", NpgsqlDbType.Bigint) { TypedValue = ChunkDays.StartOf(from) });
        command.Parameters.Add(new NpgsqlParameter<long>("to", NpgsqlDbType.Bigint) { TypedValue = to });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var current = -1;
        var offset = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = known[(int)reader.GetInt64(0) - 1];
            if (key != current)
            {
                current = key;
                offset = 0;
            }
            var count = reader.GetInt32(2);
            chunks.Add(new StoredChunk(key, reader.GetInt64(1), count, offset, reader.GetFieldValue<byte[]>(3)));
            offset += count;
        }
        return chunks;
    }

    public async Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The oldest day chunk of each series is one seek on the chunks' key (SeriesId, Start); no payload is read.
        await using var command = new NpgsqlCommand("""
            SELECT MIN((SELECT c."Start" FROM "SeriesChunks" c WHERE c."SeriesId" = s."Id" ORDER BY c."Start" LIMIT 1))
            FROM "Series" s WHERE s."EndpointName" = @endpoint
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("endpoint", NpgsqlDbType.Text) { TypedValue = endpointName });
        return await command.ExecuteScalarAsync(cancellationToken) is long start ? start : null;
    }
}
