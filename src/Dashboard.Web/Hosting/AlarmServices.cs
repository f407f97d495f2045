using Dashboard.Core.Alarms;

namespace Dashboard.Web.Hosting;

/// <summary>Alarm evaluation, the alarm service and backtests.</summary>
public static class AlarmServices
{
    public static IServiceCollection AddDashboardAlarms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlarmOptions>().Bind(configuration.GetSection(AlarmOptions.Section));
        services.AddSingleton<AlarmInputs>();
        services.AddSingleton<AlarmBacktest>();
        services.AddSingleton<AlarmService>();
        services.AddSingleton<AlarmCollector>();
        services.AddHostedService(provider => provider.GetRequiredService<AlarmCollector>());
        return services;
    }
}
