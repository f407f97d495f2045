using Dashboard.Core.Live;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests;

/// <summary>
/// Components over the app's real stores on a temp SQLite database (so validation, roles and audit are the app's
/// own), with a fake clock and a live store; the database is created before each test and deleted after it.
/// </summary>
public abstract class StorageTestContext : DashboardTestContext, IAsyncLifetime
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "dashboard-web-tests");

    private readonly string _database;

    /// <param name="start">The fake clock's time.</param>
    /// <param name="configureServices">The test's own services, registered after the stores.</param>
    protected StorageTestContext(DateTimeOffset start, Action<IServiceCollection> configureServices)
        : this(Path.Combine(Folder, Guid.NewGuid().ToString("N"), "dashboard.db"), start, configureServices)
    {
    }

    private StorageTestContext(string database, DateTimeOffset start, Action<IServiceCollection> configureServices)
        : base(services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(start));
            services.AddSingleton<LiveStore>();
            services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
            services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
            services.AddDashboardStorage(database);
            services.AddSingleton<Core.Approvals.IPendingApprovalSource, Core.Traffic.TrafficApprovals>();
            configureServices(services);
        }) => _database = database;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected FakeTimeProvider Time => (FakeTimeProvider)Services.GetRequiredService<TimeProvider>();

    public virtual async ValueTask InitializeAsync() => await Services.InitializeDashboardStorageAsync(Ct);

    protected async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_database};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        var folder = Path.GetDirectoryName(_database)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
