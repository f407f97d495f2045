using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Storage;
using Dashboard.Storage.Metrics;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests;

/// <summary>A migrated database in its own temp folder, deleted on dispose.</summary>
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

    public static Task<TempDatabase> CreateAsync(ChunkEncoding encoding = ChunkEncoding.Brotli) =>
        OpenAsync(NewFolder(), deleteOnDispose: true, encoding);

    /// <summary>A separate service container (so separate caches) over the database in <paramref name="folder"/>.</summary>
    public static async Task<TempDatabase> OpenAsync(string folder, bool deleteOnDispose, ChunkEncoding encoding = ChunkEncoding.Brotli)
    {
        var services = new ServiceCollection()
            .AddDashboardStorage(System.IO.Path.Combine(folder, "dashboard.db"), o => o.ChunkEncoding = encoding)
            .BuildServiceProvider();
        var database = new TempDatabase(folder, services, deleteOnDispose);
        await services.InitializeDashboardStorageAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public static string NewFolder() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dashboard-storage-tests", Guid.NewGuid().ToString("N"));

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

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
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
