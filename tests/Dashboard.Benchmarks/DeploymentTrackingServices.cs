using Dashboard.Core.Alarms;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Comparison;
using Dashboard.Core.Deployments;
using Dashboard.Core.Overview;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks;

public static class DeploymentTrackingServices
{
    /// <summary>The deployment tracker and what it is made of, as the dashboard composes them (Web's DashboardServices), with default options.</summary>
    public static IServiceCollection AddDeploymentTracking(this IServiceCollection services) => services
        .AddSingleton(Options.Create(new AlarmOptions()))
        .AddSingleton(Options.Create(new OverviewOptions()))
        .AddSingleton<IAlarmMirror, CloudWatchAlarmMirror>()
        .AddSingleton<ExternalAlarms>()
        .AddSingleton<AlarmService>()
        .AddSingleton<VariantComparer>()
        .AddSingleton<RollbackAlarms>()
        .AddSingleton<DeployWindows>()
        .AddSingleton<DeploymentLauncher>()
        .AddSingleton<GatedCanaryDriver>()
        .AddSingleton<OutsideDeployments>()
        .AddSingleton<DeploymentAlarmCleanup>()
        .AddSingleton<DeploymentSignal>();
}
