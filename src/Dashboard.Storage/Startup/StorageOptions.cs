using Dashboard.Storage.Metrics;
using Npgsql;

namespace Dashboard.Storage.Startup;

/// <summary>Which database engine holds the dashboard's data.</summary>
public enum DatabaseProvider
{
    /// <summary>One file on this machine: the embedded default, for one dashboard process.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for several dashboard replicas and managed databases (RDS, Aurora).</summary>
    Postgres,
}

public sealed class StorageOptions
{
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>Absolute path of the SQLite file (SQLite only).</summary>
    public string DatabasePath { get; init; } = "";

    /// <summary>
    /// The PostgreSQL connection string (PostgreSQL only). A password left out of it is taken from the PGPASSWORD
    /// environment variable by Npgsql, so it never has to be written in a settings file.
    /// </summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// Encoding of newly written chunks. Brotli won the measurement (tests/Dashboard.Benchmarks/README.md): as small as
    /// Deflate (~1.7 B/point of payload) but about 4× faster to decode, which is what the 30-day chart read pays for.
    /// </summary>
    public ChunkEncoding ChunkEncoding { get; set; } = ChunkEncoding.Brotli;

    /// <summary>Opens the file read-only and never creates it (the verify-audit command); the app itself writes.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>How long a connection waits for another writer's lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What messages name as the database: the SQLite file, or the server and database without credentials.</summary>
    public string DisplayName => Provider == DatabaseProvider.Sqlite ? DatabasePath : Describe(ConnectionString);

    /// <summary>Why a PostgreSQL connection string cannot be used, without repeating it (it may hold a password); null if it can.</summary>
    public static string? CheckConnectionString(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                return "it names no Host.";
            }
            return string.IsNullOrWhiteSpace(builder.Database) ? "it names no Database." : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            // Npgsql's messages name the keyword, never the value.
            return e.Message;
        }
    }

    /// <summary>"PostgreSQL database 'dashboard' on db.example:5432 as 'dashboard'": never the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as '{builder.Username}'";
        }
        catch (ArgumentException)
        {
            return "PostgreSQL (the connection string cannot be read)";
        }
    }
}
