using Dashboard.Storage.Startup;
using Npgsql;

namespace Dashboard.Benchmarks;

/// <summary>
/// A database of its own on the PostgreSQL server named by DASHBOARD_BENCH_POSTGRES (else DASHBOARD_TEST_POSTGRES, the
/// tests' server): a connection string with the right to create databases. Dropped on dispose.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    public const string EnvironmentVariable = "DASHBOARD_BENCH_POSTGRES";

    private readonly string _server;

    private BenchPostgres(string server, string connectionString)
    {
        _server = server;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public StorageOptions Storage => new() { Provider = DatabaseProvider.Postgres, ConnectionString = ConnectionString };

    /// <summary>Whether a server is named: modes that also run on SQLite add PostgreSQL only then.</summary>
    public static bool IsConfigured => Server is not null;

    private static string? Server => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } bench ? bench
        : Environment.GetEnvironmentVariable("DASHBOARD_TEST_POSTGRES") is { Length: > 0 } test ? test
        : null;

    public static async Task<BenchPostgres> CreateAsync(string name)
    {
        var server = Server
            ?? throw new InvalidOperationException($"Set {EnvironmentVariable} to a PostgreSQL connection string that may create databases.");
        var database = $"bench_{name}_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE \"{database}\"");
        return new BenchPostgres(server, new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString());
    }

    /// <summary>What the database takes on disk (tables, indexes, TOAST).</summary>
    public async Task<long> SizeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("VACUUM FULL", connection);
        await command.ExecuteNonQueryAsync();
        command.CommandText = "SELECT pg_database_size(current_database())";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
