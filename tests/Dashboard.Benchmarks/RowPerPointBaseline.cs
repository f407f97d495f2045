using Dashboard.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace Dashboard.Benchmarks;

/// <summary>
/// The comparison point: a plain prepared single-row INSERT into (SeriesId, Time, Value) WITHOUT ROWID, one
/// transaction per batch, with the same pragmas (WAL, synchronous=NORMAL) as the real store.
/// </summary>
public sealed class RowPerPointBaseline : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<SeriesKey, long> _ids = [];

    public RowPerPointBaseline(string path)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS Points (SeriesId INTEGER NOT NULL, Time INTEGER NOT NULL, Value REAL NOT NULL,
                PRIMARY KEY (SeriesId, Time)) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    public int Write(IReadOnlyList<SeriesPoints> batches)
    {
        using var transaction = _connection.BeginTransaction();
        using var insert = _connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR REPLACE INTO Points (SeriesId, Time, Value) VALUES ($s, $t, $v)";
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var t = insert.Parameters.Add("$t", SqliteType.Integer);
        var v = insert.Parameters.Add("$v", SqliteType.Real);
        insert.Prepare();
        var written = 0;
        foreach (var batch in batches)
        {
            if (!_ids.TryGetValue(batch.Key, out var id))
            {
                _ids[batch.Key] = id = _ids.Count + 1;
            }
            s.Value = id;
            foreach (var point in batch.Points)
            {
                t.Value = point.Time;
                v.Value = point.Value;
                insert.ExecuteNonQuery();
                written++;
            }
        }
        transaction.Commit();
        return written;
    }

    public void Dispose() => _connection.Dispose();
}
