using Dashboard.Core.Metrics;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage.Metrics;

/// <summary>A prepared "id of this key" query, reused for every key of one operation.</summary>
internal sealed class SeriesLookup : IDisposable
{
    private readonly SqliteCommand _select;

    public SeriesLookup(SqliteConnection connection, SqliteTransaction? transaction)
    {
        _select = connection.CreateCommand();
        _select.Transaction = transaction;
        _select.CommandText = """
            SELECT Id FROM Series
            WHERE Namespace = $ns AND MetricName = $name AND Dimensions = $dims AND Stat = $stat AND Period = $period
            """;
        SeriesParameters.Add(_select);
    }

    public long? Find(SeriesKey key)
    {
        SeriesParameters.Set(_select, key);
        return _select.ExecuteScalar() is long id ? id : null;
    }

    public void Dispose() => _select.Dispose();
}

internal static class SeriesParameters
{
    public static void Add(SqliteCommand command)
    {
        command.Parameters.Add("$ns", SqliteType.Text);
        command.Parameters.Add("$name", SqliteType.Text);
        command.Parameters.Add("$dims", SqliteType.Text);
        command.Parameters.Add("$stat", SqliteType.Text);
        command.Parameters.Add("$period", SqliteType.Integer);
    }

    public static void Set(SqliteCommand command, SeriesKey key)
    {
        command.Parameters["$ns"].Value = key.Namespace;
        command.Parameters["$name"].Value = key.MetricName;
        command.Parameters["$dims"].Value = key.Dimensions;
        command.Parameters["$stat"].Value = key.Stat;
        command.Parameters["$period"].Value = key.Period;
    }
}
