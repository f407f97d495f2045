using Dashboard.Aws;
using Dashboard.Core.Alarms;
using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Collectors;
using Dashboard.Core.Drift;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.Overview;
using Dashboard.Core.Traffic;
using Dashboard.Simulator;
using Dashboard.Storage.Startup;
using Dashboard.Web.Accounts;
using Dashboard.Web.Alarms;
using Dashboard.Web.Hosting.Security;
using Dashboard.Web.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>The composition root of everything but the UI: options, storage, AWS clients, collectors and queries.</summary>
public static class DashboardServices
{
    /// <summary>Every configuration section the dashboard reads, as registered; README lists the same keys.</summary>
    public static IReadOnlyList<ConfigurationCheck.Section> Sections { get; } = new ServiceCollection().AddDashboardSettings().ConfigurationSections();

    /// <summary>Each section of settings, registered the one way (<see cref="OptionsRegistration.AddDashboardOptions{TOptions}"/>).</summary>
    public static IServiceCollection AddDashboardSettings(this IServiceCollection services)
    {
        services.AddDashboardOptions(DashboardOptions.Section, new DashboardOptionsValidator());
        services.AddDashboardOptions(AwsOptions.SectionName, new AwsOptionsValidator(new AwsEndpointResolver()));
        services.AddDashboardOptions(CollectorOptions.Section, new CollectorOptionsValidator());
        services.AddDashboardOptions(OverviewOptions.Section, new OverviewOptionsValidator());
        services.AddDashboardOptions(BaselineOptions.Section, new BaselineOptionsValidator());
        services.AddDashboardOptions(NotificationOptions.Section, new NotificationOptionsValidator());
        services.AddDashboardOptions(AlarmOptions.Section, new AlarmOptionsValidator());
        services.AddDashboardOptions(DriftOptions.Section, new DriftOptionsValidator());
        services.AddDashboardOptions(Core.Retraining.RetrainingOptions.Section, new Core.Retraining.RetrainingOptionsValidator());
        services.AddDashboardOptions(SimulatorOptions.SectionName, new SimulatorOptionsValidator());
        services.AddDashboardOptions(AuthOptions.Section, new AuthOptionsValidator());
        services.AddDashboardOptions(ReverseProxyOptions.Section, new ReverseProxyOptionsValidator());
        services.AddDashboardOptions(Telemetry.TelemetryOptions.Section, new Telemetry.TelemetryOptionsValidator());
        return services;
    }

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, SimulatedFleet? simulator)
    {
        // The settings bind from this configuration (a host has registered it already; a test's container has not).
        services.TryAddSingleton(configuration);
        services.AddDashboardSettings();
        var dashboard = configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LiveStore>();
        var storage = dashboard.Storage();
        services.AddDashboardStorage(storage);
        if (storage.Provider == DatabaseProvider.Postgres)
        {
            services.AddPostgresLiveRelay();
        }

        services.AddAwsClients();
        if (simulator is not null)
        {
            // The same clients, pointed at the built-in fleet with its documented demo credentials.
            services.PostConfigure<AwsOptions>(aws =>
            {
                aws.CloudWatchServiceUrl = simulator.Address.ToString();
                aws.SageMakerServiceUrl = simulator.Address.ToString();
                aws.StsServiceUrl = simulator.Address.ToString();
                aws.S3ServiceUrl = simulator.Address.ToString();
                aws.Region = simulator.Options.Region;
                aws.AccessKeyId = simulator.Options.AccessKeyId;
                aws.SecretAccessKey = simulator.Options.SecretAccessKey;
            });
        }

        services.AddOptions<CollectorOptions>()
            // Against AWS every metric requested is billed, so quiet endpoints are read every 5 minutes (vital series) and
            // hourly (the rest) by default (PollCadence); the simulated fleet costs nothing and stays lively.
            .PostConfigure(o =>
            {
                if (simulator is not null)
                {
                    o.VitalMetricInterval ??= o.MetricInterval;
                    o.SlowMetricInterval ??= o.MetricInterval;
                }
            });
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<BaselineOptions>>().Value);

        // Everything that calls AWS, sends or moves stored state on runs in the one replica holding the worker lease.
        services.AddWorkerLease();
        services.AddLeaseWorker<FleetCollector>();
        services.AddLeaseWorker<MetricCollector>();

        services.AddDashboardAlarms();
        services.AddDashboardNotifications();
        services.AddSingleton<TrafficService>();
        services.AddSingleton<Core.Approvals.IPendingApprovalSource, TrafficApprovals>();
        services.AddSingleton<Core.Approvals.PendingApprovals>();
        services.AddScoped<Approvals.PendingApprovalsFeed>();
        services.AddLeaseWorker<TrafficSettler>();
        services.AddSingleton<Core.Deployments.RollbackAlarms>();
        services.AddSingleton<Core.Deployments.DeploymentLauncher>();
        services.AddSingleton<Core.Deployments.GatedCanaryDriver>();
        services.AddSingleton<Core.Deployments.DeployWindows>();
        services.AddSingleton<Core.Deployments.DeploymentService>();
        services.AddSingleton<Core.Deployments.OutsideDeployments>();
        services.AddSingleton<Core.Deployments.DeploymentAlarmCleanup>();
        services.AddSingleton<Core.Deployments.DeploymentSignal>();
        services.AddSingleton<Core.Approvals.IPendingApprovalSource, Core.Deployments.DeploymentApprovals>();
        services.AddLeaseWorker<Core.Deployments.DeploymentTracker>();
        services.AddLeaseWorker<Core.Audit.AuditHeadWitness>();
        services.AddSingleton<DriftSources>();
        services.AddSingleton<Core.Drift.Monitor.MonitorBaselines>();
        services.AddSingleton<DriftBaselines>();
        services.AddSingleton<Core.Drift.Monitor.MonitorResults>();
        services.AddSingleton<DriftScorer>();
        services.AddSingleton<DriftReadBoard>();
        services.AddSingleton<DriftQueries>();
        services.AddSingleton<DriftSignal>();
        services.AddSingleton<Core.Drift.DataSets.DriftDataSets>();
        services.AddLeaseWorker<DriftReader>();
        AddRetraining(services, simulator);

        services.AddSingleton<Core.Connection.ConnectionTester>();
        services.AddSingleton<FleetOverviewService>();
        services.AddSingleton(provider => new EndpointCharts(
            provider.GetRequiredService<Core.Storage.IMetricQueries>(),
            provider.GetRequiredService<Core.Baselines.BaselineOptions>(),
            provider.GetRequiredService<IOptions<OverviewOptions>>().Value.DriftThreshold));
        services.AddSingleton<Core.Charts.BlueGreenCharts>();
        // Reads stored series only: comparing variants, on pages or for canary steps, costs no GetMetricData.
        services.AddSingleton<Core.Comparison.VariantComparer>();
        return services;
    }

    private static void AddRetraining(IServiceCollection services, SimulatedFleet? simulator)
    {
        // The drift rule proposes by itself on the simulated fleet, so the demo shows it; against AWS it is opt-in.
        services.AddOptions<Core.Retraining.RetrainingOptions>().PostConfigure(o => o.AutoPropose ??= simulator is not null);
        services.AddSingleton<Core.Retraining.RetrainingPipelines>();
        services.AddSingleton<Core.Retraining.RetrainingSignal>();
        services.AddSingleton<Core.Retraining.RetrainingService>();
        services.AddSingleton<Core.Approvals.IPendingApprovalSource, Core.Retraining.RetrainingApprovals>();
        services.AddLeaseWorker<Core.Retraining.RetrainingTracker>();
        services.AddLeaseWorker<Core.Retraining.RetrainingRuleWorker>();
    }
}
