using Dashboard.Aws;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Core.Charts;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.Overview;
using Dashboard.Core.Traffic;
using Dashboard.Simulator;
using Dashboard.Storage.Startup;
using Dashboard.Web.Accounts;
using Dashboard.Web.Alarms;
using Dashboard.Web.Notifications;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>The composition root of everything but the UI: options, storage, AWS clients, collectors and queries.</summary>
public static class DashboardServices
{
    /// <summary>Every configuration section the dashboard reads, with its validation; README lists the same keys.</summary>
    public static IReadOnlyList<ConfigurationCheck.Section> Sections { get; } =
    [
        ConfigurationCheck.For(DashboardOptions.Section, new DashboardOptionsValidator()),
        ConfigurationCheck.For(AwsOptions.SectionName, new AwsOptionsValidator(new AwsEndpointResolver())),
        ConfigurationCheck.For(CollectorOptions.Section, new CollectorOptionsValidator()),
        ConfigurationCheck.For(OverviewOptions.Section, new OverviewOptionsValidator()),
        ConfigurationCheck.For(BaselineSettings.Section, new BaselineSettingsValidator()),
        ConfigurationCheck.For(NotificationOptions.Section, new NotificationOptionsValidator()),
        ConfigurationCheck.For(AlarmOptions.Section, new AlarmOptionsValidator()),
        ConfigurationCheck.For(SimulatorOptions.SectionName, new SimulatorOptionsValidator()),
        ConfigurationCheck.For(AuthOptions.Section, new AuthOptionsValidator()),
        ConfigurationCheck.For(Security.ReverseProxyOptions.Section, new Security.ReverseProxyOptionsValidator()),
    ];

    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration, SimulatedFleet? simulator)
    {
        var dashboard = configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        services.AddOptions<DashboardOptions>().Bind(configuration.GetSection(DashboardOptions.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LiveStore>();
        services.AddDashboardStorage(dashboard.DatabasePath);

        services.AddAwsClients(configuration.GetSection(AwsOptions.SectionName));
        if (simulator is not null)
        {
            // The same clients, pointed at the built-in fleet with its documented demo credentials.
            services.PostConfigure<AwsOptions>(aws =>
            {
                aws.CloudWatchServiceUrl = simulator.Address.ToString();
                aws.SageMakerServiceUrl = simulator.Address.ToString();
                aws.StsServiceUrl = simulator.Address.ToString();
                aws.Region = simulator.Options.Region;
                aws.AccessKeyId = simulator.Options.AccessKeyId;
                aws.SecretAccessKey = simulator.Options.SecretAccessKey;
            });
        }

        services.AddOptions<CollectorOptions>().Bind(configuration.GetSection(CollectorOptions.Section))
            // Against AWS every metric requested is billed, so quiet endpoints are polled every 5 minutes by default;
            // the simulated fleet costs nothing and stays lively.
            .PostConfigure(o => o.QuietMetricInterval ??= simulator is null ? TimeSpan.FromMinutes(5) : o.MetricInterval);
        services.AddOptions<OverviewOptions>().Bind(configuration.GetSection(OverviewOptions.Section));
        var baseline = configuration.GetSection(BaselineSettings.Section).Get<BaselineSettings>() ?? new BaselineSettings();
        services.AddSingleton(baseline.ToOptions());

        services.AddSingleton<FleetCollector>();
        services.AddSingleton<MetricCollector>();
        services.AddHostedService(provider => provider.GetRequiredService<FleetCollector>());
        services.AddHostedService(provider => provider.GetRequiredService<MetricCollector>());

        services.AddDashboardAlarms(configuration);
        services.AddDashboardNotifications(configuration);
        services.AddSingleton<TrafficService>();
        services.AddHostedService<TrafficSettler>();
        services.AddHostedService<Core.Audit.AuditHeadWitness>();

        services.AddSingleton<Core.Connection.ConnectionTester>();
        services.AddSingleton<FleetOverviewService>();
        services.AddSingleton(provider => new EndpointCharts(
            provider.GetRequiredService<Core.Storage.IMetricQueries>(),
            provider.GetRequiredService<Core.Baselines.BaselineOptions>(),
            provider.GetRequiredService<IOptions<OverviewOptions>>().Value.DriftThreshold));
        return services;
    }
}
