using System.Globalization;

namespace Dashboard.Core.Health;

/// <summary>The limits behind each health rule; the defaults are what the fleet page shows unless configured.</summary>
public sealed record HealthThresholds(
    double ErrorRateCriticalPercent = 5,
    double ErrorRateDegradedPercent = 1,
    double LatencyZCritical = 6,
    double LatencyZDegraded = 3,
    double LatencyDegradedMs = 1000,
    double CpuDegradedPercentOfCapacity = 90,
    double MemoryDegradedPercent = 90,
    double GpuMemoryDegradedPercent = 90)
{
    public static HealthThresholds Default { get; } = new();

    /// <summary>Every rule as a sentence, in the order they are checked, for the health legend.</summary>
    public IReadOnlyList<string> Describe() =>
    [
        "Critical: endpoint status Failed, UpdateRollbackFailed or OutOfService.",
        "Degraded: endpoint status Creating, Updating, SystemUpdating, RollingBack or Deleting (a change is in progress), or a status the dashboard does not know.",
        Format($"Critical: 5XX+4XX error rate above {ErrorRateCriticalPercent:0.##} % of invocations."),
        Format($"Degraded: 5XX+4XX error rate above {ErrorRateDegradedPercent:0.##} % of invocations."),
        Format($"Critical: p90 model latency more than {LatencyZCritical:0.##} robust standard deviations above its baseline (when a baseline exists)."),
        Format($"Degraded: p90 model latency more than {LatencyZDegraded:0.##} robust standard deviations above its baseline (when a baseline exists)."),
        Format($"Degraded: p90 model latency above {LatencyDegradedMs:N0} ms."),
        Format($"Degraded: CPU above {CpuDegradedPercentOfCapacity:0.##} % of the instance's capacity (all vCPUs)."),
        Format($"Degraded: memory above {MemoryDegradedPercent:0.##} %."),
        Format($"Degraded: GPU memory above {GpuMemoryDegradedPercent:0.##} %."),
        "Degraded: data drift score of a feature above the monitoring threshold.",
        "Degraded: no metric data within the staleness limit.",
        "Healthy: none of the above.",
    ];

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
