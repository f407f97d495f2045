using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;
using Dashboard.Web.Hosting;

namespace Dashboard.Web.Alarms;

/// <summary>Alarm evaluation, the alarm service, backtests and mirroring to CloudWatch.</summary>
public static class AlarmServices
{
    /// <summary>Needs the Alarms settings registered (AddDashboardSettings).</summary>
    public static IServiceCollection AddDashboardAlarms(this IServiceCollection services)
    {
        services.AddSingleton<AlarmInputs>();
        services.AddSingleton<AlarmBacktest>();
        services.AddSingleton<AlarmService>();
        services.AddLeaseWorker<AlarmCollector>();

        // Mirroring to CloudWatch (the simulator in the embedded default) and the read-only list of others' alarms.
        services.AddSingleton<CloudWatchAlarmMirror>();
        services.AddSingleton<IAlarmMirror>(provider => provider.GetRequiredService<CloudWatchAlarmMirror>());
        services.AddSingleton<ExternalAlarms>();
        services.AddLeaseWorker<AlarmMirrorCollector>();
        return services;
    }
}
