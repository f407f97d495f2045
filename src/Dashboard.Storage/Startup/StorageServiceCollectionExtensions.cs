using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Baselines;
using Dashboard.Core.Drift;
using Dashboard.Core.Notifications;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;
using Dashboard.Core.Workers;
using Dashboard.Storage.Alarms;
using Dashboard.Storage.Audit;
using Dashboard.Storage.Baselines;
using Dashboard.Storage.Drift;
using Dashboard.Storage.Fleet;
using Dashboard.Storage.Metrics;
using Dashboard.Storage.Notifications;
using Dashboard.Storage.Postgres;
using Dashboard.Storage.Postgres.Live;
using Dashboard.Storage.Replicas;
using Dashboard.Storage.Sqlite;
using Dashboard.Storage.Traffic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dashboard.Storage.Startup;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the stores over the SQLite file at <paramref name="databasePath"/>.</summary>
    public static IServiceCollection AddDashboardStorage(this IServiceCollection services, string databasePath,
        Action<StorageOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        return services.AddDashboardStorage(new StorageOptions { DatabasePath = Path.GetFullPath(databasePath) }, configure);
    }

    /// <summary>Registers the stores over the database <paramref name="options"/> names. Call
    /// <see cref="InitializeDashboardStorageAsync"/> before use.</summary>
    public static IServiceCollection AddDashboardStorage(this IServiceCollection services, StorageOptions options,
        Action<StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        configure?.Invoke(options);

        services.AddSingleton(options);
        services.AddSingleton<SeriesCatalog>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            AddPostgres(services, options);
        }
        else
        {
            AddSqlite(services);
        }
        services.AddSingleton<MetricQueries>();
        services.AddSingleton<IMetricQueries>(provider => provider.GetRequiredService<MetricQueries>());
        services.AddSingleton<ICoverageQueries>(provider => provider.GetRequiredService<MetricQueries>());
        services.AddSingleton<FleetStore>();
        services.AddSingleton<IFleetStore>(provider => provider.GetRequiredService<FleetStore>());
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditLog>(provider => provider.GetRequiredService<AuditLog>());
        services.AddSingleton<IAuditQueries, AuditQueries>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AlarmStore>();
        services.AddSingleton<IAlarmStore>(provider => provider.GetRequiredService<AlarmStore>());
        services.AddSingleton<IBaselinePinStore, BaselinePinStore>();
        services.AddSingleton<IDriftStore, DriftStore>();
        services.AddSingleton<IDriftBaselineStore, DriftBaselineStore>();
        services.AddSingleton<IDriftSettingStore, DriftSettingStore>();
        services.AddSingleton<IMuteWindowStore, MuteWindowStore>();
        services.AddSingleton<IWebhookStore, WebhookStore>();
        services.AddSingleton<Core.DeploymentNotices.IDeploymentNoticeStore, DeploymentNotices.DeploymentNoticeStore>();
        services.AddSingleton<ITrafficChangeStore, TrafficChangeStore>();
        services.AddSingleton<Core.Deployments.IDeploymentStore, Deployments.DeploymentStore>();
        services.AddSingleton<Core.Deployments.IDeployWindowStore, Deployments.DeployWindowStore>();
        services.AddSingleton<Core.Deployments.IEndpointSightingStore, Deployments.EndpointSightingStore>();
        services.AddSingleton<Core.Retraining.IRetrainingStore, Retraining.RetrainingStore>();
        services.AddSingleton<Core.Replicas.IReplicaStore, ReplicaStore>();
        return services;
    }

    private static void AddSqlite(IServiceCollection services)
    {
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddDbContextFactory<DashboardDbContext>((provider, builder) =>
        {
            var connections = provider.GetRequiredService<SqliteConnectionFactory>();
            builder.UseSqlite(connections.ConnectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrations))
                .AddInterceptors(new SqlitePragmaInterceptor(connections.Pragmas));
        });
        services.AddSingleton<SqliteMetricWriter>();
        services.AddSingleton<IMetricWriter>(provider => provider.GetRequiredService<SqliteMetricWriter>());
        services.AddSingleton<IChunkSource, SqliteChunkSource>();
        services.AddSingleton<IStorageInitializer, SqliteInitializer>();
        // One process per SQLite file by design: the worker lease is always this process's.
        services.AddSingleton<IWorkerLeaseLock, LocalWorkerLeaseLock>();
    }

    private static void AddPostgres(IServiceCollection services, StorageOptions options)
    {
        services.AddSingleton(_ => PostgresDataSource.Create(options));
        services.AddDbContextFactory<DashboardDbContext>((provider, builder) =>
            builder.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsAssembly(PostgresMigrations)));
        services.AddSingleton<PostgresMetricWriter>();
        services.AddSingleton<IMetricWriter>(provider => provider.GetRequiredService<PostgresMetricWriter>());
        services.AddSingleton<IChunkSource, PostgresChunkSource>();
        services.AddSingleton<IStorageInitializer, PostgresInitializer>();
        services.AddSingleton<IWorkerLeaseLock>(_ => new PostgresWorkerLeaseLock(options));
    }

    /// <summary>
    /// Carries the changes published to this process's LiveStore (which must be registered) to every other replica on the
    /// same PostgreSQL database and back (LISTEN/NOTIFY), so pages update on every replica, not only on the one that polls.
    /// Both workers run on every replica. SQLite has one process and needs none of it.
    /// </summary>
    public static IServiceCollection AddPostgresLiveRelay(this IServiceCollection services)
    {
        services.AddSingleton<LiveNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveNotifier>());
        services.AddSingleton<LiveListener>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveListener>());
        return services;
    }

    /// <summary>The assemblies that hold each provider's migrations (one project per provider, as EF Core recommends).</summary>
    public const string SqliteMigrations = "Dashboard.Migrations.Sqlite";

    public const string PostgresMigrations = "Dashboard.Migrations.Postgres";

    /// <summary>Makes the database ready (file or server reachable, migrations applied); throws <see cref="StorageStartupException"/>.</summary>
    public static Task InitializeDashboardStorageAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken);
}
