using Dashboard.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Fills the tiers of history written before they existed, once, at start-up before any writer or reader runs. The
/// writer stores a day's tiers with its chunk, so tiers can be missing only in a database upgraded with history and no
/// tier row yet; the whole fill is one transaction, so a start that dies half-way leaves no tier rows and the next
/// start fills them all again. Decoding each stored day and encoding its tiers costs about a second per 10,000 days
/// of series history.
/// </summary>
public static class RollupBackfill
{
    /// <summary>Returns the number of (series, day) chunks whose tiers were filled; 0 when nothing was missing.</summary>
    public static async Task<int> RunAsync(SqliteConnectionFactory connections, ChunkEncoding encoding, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        await using var connection = await connections.OpenAsync(cancellationToken);
        using var transaction = connection.BeginTransaction(deferred: false);
        if (!Exists(connection, transaction, "SELECT 1 FROM SeriesChunks LIMIT 1")
            || Exists(connection, transaction, "SELECT 1 FROM SeriesRollups LIMIT 1"))
        {
            return 0;
        }

        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT SeriesId, Start, Payload FROM SeriesChunks ORDER BY SeriesId, Start";
        using var commands = new ChunkCommands(connection, transaction);
        var filled = 0;
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var seriesId = reader.GetInt64(0);
                var start = reader.GetInt64(1);
                var points = ChunkCodec.Decode((byte[])reader.GetValue(2), start);
                foreach (var rollup in DayRollups.For(points, start, encoding))
                {
                    commands.WriteRollup(seriesId, start, rollup);
                }
                filled++;
            }
        }
        transaction.Commit();
        return filled;
    }

    private static bool Exists(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar() is not null;
    }
}
