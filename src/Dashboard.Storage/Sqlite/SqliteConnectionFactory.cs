using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;

namespace Dashboard.Storage.Sqlite;

/// <summary>Opens pooled connections to the dashboard database with the per-connection pragmas applied.</summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _pragmas;

    public SqliteConnectionFactory(StorageOptions options)
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _pragmas = SqlitePragmas.PerConnection(options.BusyTimeout);
    }

    public string ConnectionString { get; }

    internal string Pragmas => _pragmas;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            SqlitePragmas.Apply(connection, _pragmas);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
