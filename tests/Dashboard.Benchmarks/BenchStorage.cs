using Dashboard.Core.Storage;
using Dashboard.Storage.Metrics;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>A migrated storage stack over a temp file, as the app wires it.</summary>
public sealed class BenchStorage : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchStorage(string path, ServiceProvider services)
    {
        Path = path;
        _services = services;
    }

    public string Path { get; }
    public IMetricWriter Writer => _services.GetRequiredService<IMetricWriter>();
    public IMetricQueries Queries => _services.GetRequiredService<IMetricQueries>();

    public static Task<BenchStorage> CreateAsync(string path, ChunkEncoding encoding = ChunkEncoding.Brotli) =>
        CreateAsync(new StorageOptions { DatabasePath = System.IO.Path.GetFullPath(path), ChunkEncoding = encoding });

    /// <summary>The stack over any storage, e.g. a PostgreSQL database (<see cref="BenchPostgres"/>); Path names it.</summary>
    public static async Task<BenchStorage> CreateAsync(StorageOptions options)
    {
        var services = new ServiceCollection().AddDashboardStorage(options).BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(CancellationToken.None);
        return new BenchStorage(options.DisplayName, services);
    }

    public static string TempPath(string name)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dashboard-bench");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, $"{name}-{Guid.NewGuid():N}.db");
        return path;
    }

    /// <summary>File size after a checkpoint and VACUUM: what the data really takes on disk.</summary>
    public static long VacuumedSize(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        return new FileInfo(path).Length;
    }

    /// <summary>Total payload bytes of a chunk or tier table: what each layout adds before SQLite's own overhead.</summary>
    public static long PayloadBytes(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT coalesce(sum(length(Payload)), 0) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
