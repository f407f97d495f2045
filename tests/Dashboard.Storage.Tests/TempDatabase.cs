using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Storage;
using Dashboard.Storage.Metrics;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests;

/// <summary>
/// A migrated database of its own, deleted on dispose: a SQLite file in a temp folder, or (in the PostgreSQL twin of
/// this project, built with POSTGRES) a database of its own on the test server (<see cref="PostgresServer"/>).
/// <see cref="Folder"/> names where it lives: the folder, or the database's connection string.
/// </summary>
public sealed class TempDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _deleteOnDispose;

    private TempDatabase(string folder, ServiceProvider services, bool deleteOnDispose)
    {
        Folder = folder;
        _services = services;
        _deleteOnDispose = deleteOnDispose;
    }

    public string Folder { get; }
    public string Path => System.IO.Path.Combine(Folder, "dashboard.db");
    public IServiceProvider Services => _services;
    public IMetricWriter Writer => _services.GetRequiredService<IMetricWriter>();
    public IMetricQueries Queries => _services.GetRequiredService<IMetricQueries>();
    public ICoverageQueries Coverage => _services.GetRequiredService<ICoverageQueries>();
    public IFleetStore Fleet => _services.GetRequiredService<IFleetStore>();
    public IAlarmStore Alarms => _services.GetRequiredService<IAlarmStore>();

#if POSTGRES
    public const bool IsPostgres = true;
#else
    public const bool IsPostgres = false;
#endif

    public static Task<TempDatabase> CreateAsync(ChunkEncoding encoding = ChunkEncoding.Brotli) =>
        OpenAsync(NewFolder(), deleteOnDispose: true, encoding);

    /// <summary>A separate service container (so separate caches) over the database in <paramref name="folder"/>.</summary>
    public static async Task<TempDatabase> OpenAsync(string folder, bool deleteOnDispose, ChunkEncoding encoding = ChunkEncoding.Brotli)
    {
#if POSTGRES
        var storage = new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = folder };
#else
        var storage = new StorageOptions { DatabasePath = System.IO.Path.Combine(folder, "dashboard.db") };
#endif
        var services = new ServiceCollection().AddDashboardStorage(storage, o => o.ChunkEncoding = encoding).BuildServiceProvider();
        var database = new TempDatabase(folder, services, deleteOnDispose);
        await services.InitializeDashboardStorageAsync(TestContext.Current.CancellationToken);
        return database;
    }

#if POSTGRES
    /// <summary>A new database copied from one migrated once per test run: copying is much faster than migrating.</summary>
    public static string NewFolder() =>
        PostgresServer.CreateDatabaseAsync(template: MigratedTemplate.Value.GetAwaiter().GetResult()).GetAwaiter().GetResult();

    private static readonly Lazy<Task<string>> MigratedTemplate = new(async () =>
    {
        var database = await PostgresServer.CreateDatabaseAsync();
        await using (var services = new ServiceCollection()
            .AddDashboardStorage(new StorageOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database }).BuildServiceProvider())
        {
            await services.InitializeDashboardStorageAsync(CancellationToken.None);
        }
        // A template may have no open connection while it is copied.
        Npgsql.NpgsqlConnection.ClearAllPools();
        return database;
    });
#else
    public static string NewFolder() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dashboard-storage-tests", Guid.NewGuid().ToString("N"));
#endif

    /// <summary>Runs SQL written as for SQLite (PascalCase names unquoted); on PostgreSQL those names are quoted.</summary>
    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = OpenRaw();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Sql(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    /// <summary>Runs the statement written for this provider.</summary>
    public async Task ExecuteAsync(string sqlite, string postgres)
    {
        await using var connection = OpenRaw();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = IsPostgres ? postgres : sqlite;
        await command.ExecuteNonQueryAsync();
    }

#if POSTGRES
    public System.Data.Common.DbConnection OpenRaw() => new Npgsql.NpgsqlConnection(Folder);
#else
    public System.Data.Common.DbConnection OpenRaw() => new SqliteConnection($"Data Source={Path};Pooling=False");
#endif

    /// <summary>SQL written as for SQLite, for this provider: on PostgreSQL "SELECT count(*) FROM Deliveries WHERE Kind = 'Alarm'"
    /// becomes the same with "Deliveries" and "Kind" quoted (text inside single quotes is left as it is).</summary>
    public static string Sql(string sql) => !IsPostgres ? sql : string.Concat(sql.Split('\'').Select((part, i) => i % 2 == 1
        ? $"'{part}'"
        : System.Text.RegularExpressions.Regex.Replace(part, @"\b([A-Z][a-z][A-Za-z0-9]*)\b", "\"$1\"")));

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_deleteOnDispose)
        {
            DeleteFolder(Folder);
        }
    }

    public static void DeleteFolder(string folder)
    {
#if POSTGRES
        PostgresServer.DropDatabaseAsync(folder).GetAwaiter().GetResult();
#else
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
#endif
    }
}
