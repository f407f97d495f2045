using Dashboard.Core.Alarms;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Alarms;

/// <summary>
/// An alarm whose state the simulated fleet fixes: every minute of churn-prod has requests, so Invocations &gt; 0 for
/// 3 of 3 minutes is ALARM throughout (here and in the simulator's own evaluation).
/// </summary>
internal static class BusyAlarm
{
    public const string Name = "churn-busy";

    public static async Task<AlarmDefinition> CreateAsync(DashboardHost host, CancellationToken ct, bool mirror = false)
    {
        var coverage = await host.Services.GetRequiredService<ICoverageQueries>().GetCoverageAsync(ct);
        var invocations = coverage.Keys.First(k => k.EndpointName == "churn-prod" && k.MetricName == "Invocations" && k.Stat == "Sum");
        return new AlarmDefinition
        {
            Name = Name,
            Kind = AlarmKind.Metric,
            Metric = invocations,
            Period = invocations.Period,
            EvaluationPeriods = 3,
            DatapointsToAlarm = 3,
            Comparison = ComparisonOperator.GreaterThanThreshold,
            Threshold = 0,
            MirrorToCloudWatch = mirror,
        };
    }
}
