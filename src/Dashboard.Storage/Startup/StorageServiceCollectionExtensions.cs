using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Baselines;
using Dashboard.Core.Drift;
using Dashboard.Core.Notifications;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;
using Dashboard.Storage.Alarms;
using Dashboard.Storage.Audit;
using Dashboard.Storage.Baselines;
using Dashboard.Storage.Drift;
using Dashboard.Storage.Fleet;
using Dashboard.Storage.Metrics;
using Dashboard.Storage.Notifications;
using Dashboard.Storage.Sqlite;
using Dashboard.Storage.Traffic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Startup;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Registers the SQLite-backed stores. Call <see cref="InitializeDashboardStorageAsync"/> before use.</summary>
    public static IServiceCollection AddDashboardStorage(this IServiceCollection services, string databasePath,
        Action<StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);

        var options = new StorageOptions { DatabasePath = Path.GetFullPath(databasePath) };
        configure?.Invoke(options);

        services.AddSingleton(options);
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<SeriesCatalog>();
        services.AddDbContextFactory<DashboardDbContext>((provider, builder) =>
        {
            var connections = provider.GetRequiredService<SqliteConnectionFactory>();
            builder.UseSqlite(connections.ConnectionString).AddInterceptors(new SqlitePragmaInterceptor(connections.Pragmas));
        });
        services.AddSingleton<SqliteMetricWriter>();
        services.AddSingleton<IMetricWriter>(provider => provider.GetRequiredService<SqliteMetricWriter>());
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
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>Creates the folder and file if needed, applies migrations and sets WAL; throws <see cref="StorageStartupException"/>.</summary>
    public static Task InitializeDashboardStorageAsync(this IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
}
