using Dashboard.Core.Metrics;
using Dashboard.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage.Metrics;

/// <summary>The chunk (and tier) scan on SQLite: a prepared statement per key inside one read transaction.</summary>
public sealed class SqliteChunkSource(SqliteConnectionFactory connections, SeriesCatalog catalog) : IChunkSource
{
    public async Task<List<StoredChunk>> ReadAsync(SeriesKey[] keys, long from, long to, int? tier, CancellationToken cancellationToken)
    {
        var chunks = new List<StoredChunk>();
        if (keys.Length == 0 || from >= to)
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
        select.Parameters.AddWithValue("$tier", tier ?? 0);
        select.Parameters.AddWithValue("$first", ChunkDays.StartOf(from));
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

    public async Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken)
    {
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
}
