using Dashboard.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage.Metrics;

/// <summary>The writer's prepared statements, created once per transaction and rebound for every row.</summary>
internal sealed class ChunkCommands : IDisposable
{
    private readonly SqliteCommand _insertSeries;
    private readonly SqliteCommand _selectChunk;
    private readonly SqliteCommand _upsertChunk;
    private readonly SqliteCommand _upsertRollup;
    private readonly SqliteCommand _advanceLastTime;
    private readonly SqliteCommand _setCoverage;

    public ChunkCommands(SqliteConnection connection, SqliteTransaction transaction)
    {
        Lookup = new SeriesLookup(connection, transaction);

        _insertSeries = Create(connection, transaction, """
            INSERT INTO Series (Namespace, MetricName, Dimensions, Stat, Period, EndpointName, VariantName)
            VALUES ($ns, $name, $dims, $stat, $period, $endpoint, $variant)
            RETURNING Id
            """);
        SeriesParameters.Add(_insertSeries);
        _insertSeries.Parameters.Add("$endpoint", SqliteType.Text);
        _insertSeries.Parameters.Add("$variant", SqliteType.Text);

        _selectChunk = Create(connection, transaction, "SELECT Payload FROM SeriesChunks WHERE SeriesId = $id AND Start = $start");
        _selectChunk.Parameters.Add("$id", SqliteType.Integer);
        _selectChunk.Parameters.Add("$start", SqliteType.Integer);

        _upsertChunk = Create(connection, transaction, """
            INSERT INTO SeriesChunks (SeriesId, Start, Count, Payload) VALUES ($id, $start, $count, $payload)
            ON CONFLICT (SeriesId, Start) DO UPDATE SET Count = excluded.Count, Payload = excluded.Payload
            """);
        _upsertChunk.Parameters.Add("$id", SqliteType.Integer);
        _upsertChunk.Parameters.Add("$start", SqliteType.Integer);
        _upsertChunk.Parameters.Add("$count", SqliteType.Integer);
        _upsertChunk.Parameters.Add("$payload", SqliteType.Blob);

        _upsertRollup = Create(connection, transaction, """
            INSERT INTO SeriesRollups (SeriesId, Tier, Start, Count, Payload) VALUES ($id, $tier, $start, $count, $payload)
            ON CONFLICT (SeriesId, Tier, Start) DO UPDATE SET Count = excluded.Count, Payload = excluded.Payload
            """);
        _upsertRollup.Parameters.Add("$id", SqliteType.Integer);
        _upsertRollup.Parameters.Add("$tier", SqliteType.Integer);
        _upsertRollup.Parameters.Add("$start", SqliteType.Integer);
        _upsertRollup.Parameters.Add("$count", SqliteType.Integer);
        _upsertRollup.Parameters.Add("$payload", SqliteType.Blob);

        _advanceLastTime = Create(connection, transaction,
            "UPDATE Series SET LastTime = max(coalesce(LastTime, $time), $time) WHERE Id = $id");
        _advanceLastTime.Parameters.Add("$id", SqliteType.Integer);
        _advanceLastTime.Parameters.Add("$time", SqliteType.Integer);

        _setCoverage = Create(connection, transaction, "UPDATE Series SET CoverageFrom = $from, CoverageTo = $to WHERE Id = $id");
        _setCoverage.Parameters.Add("$id", SqliteType.Integer);
        _setCoverage.Parameters.Add("$from", SqliteType.Integer);
        _setCoverage.Parameters.Add("$to", SqliteType.Integer);
    }

    public SeriesLookup Lookup { get; }

    public long InsertSeries(SeriesKey key)
    {
        SeriesParameters.Set(_insertSeries, key);
        _insertSeries.Parameters["$endpoint"].Value = (object?)key.EndpointName ?? DBNull.Value;
        _insertSeries.Parameters["$variant"].Value = (object?)key.VariantName ?? DBNull.Value;
        return (long)_insertSeries.ExecuteScalar()!;
    }

    public byte[]? ReadChunk(long seriesId, long start)
    {
        _selectChunk.Parameters["$id"].Value = seriesId;
        _selectChunk.Parameters["$start"].Value = start;
        return _selectChunk.ExecuteScalar() as byte[];
    }

    public void WriteChunk(long seriesId, long start, int count, byte[] payload)
    {
        _upsertChunk.Parameters["$id"].Value = seriesId;
        _upsertChunk.Parameters["$start"].Value = start;
        _upsertChunk.Parameters["$count"].Value = count;
        _upsertChunk.Parameters["$payload"].Value = payload;
        _upsertChunk.ExecuteNonQuery();
    }

    public void WriteRollup(long seriesId, long start, DayRollup rollup)
    {
        _upsertRollup.Parameters["$id"].Value = seriesId;
        _upsertRollup.Parameters["$tier"].Value = rollup.Tier;
        _upsertRollup.Parameters["$start"].Value = start;
        _upsertRollup.Parameters["$count"].Value = rollup.Count;
        _upsertRollup.Parameters["$payload"].Value = rollup.Payload;
        _upsertRollup.ExecuteNonQuery();
    }

    public void AdvanceLastTime(long seriesId, long time)
    {
        _advanceLastTime.Parameters["$id"].Value = seriesId;
        _advanceLastTime.Parameters["$time"].Value = time;
        _advanceLastTime.ExecuteNonQuery();
    }

    public void SetCoverage(long seriesId, FetchedRange coverage)
    {
        _setCoverage.Parameters["$id"].Value = seriesId;
        _setCoverage.Parameters["$from"].Value = coverage.From;
        _setCoverage.Parameters["$to"].Value = coverage.To;
        _setCoverage.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _setCoverage.Dispose();
        Lookup.Dispose();
        _insertSeries.Dispose();
        _selectChunk.Dispose();
        _upsertChunk.Dispose();
        _upsertRollup.Dispose();
        _advanceLastTime.Dispose();
    }

    private static SqliteCommand Create(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
