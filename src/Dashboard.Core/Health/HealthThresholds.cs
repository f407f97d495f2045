using System.Globalization;

namespace Dashboard.Core.Health;

/// <summary>
/// The limits behind each health rule and how the fleet page holds a level; the defaults are what the fleet page shows
/// unless configured. A metric rule must hold for <see cref="EnterMinutes"/> consecutive minutes before the level
/// rises, and the level falls only after <see cref="ClearMinutes"/> minutes below the clearing limits (error rate and
/// latency limits × <see cref="ClearFraction"/>, utilisation limits − <see cref="ClearUtilisationPoints"/>), so an
/// endpoint sitting on a limit does not flap.
/// </summary>
public sealed record HealthThresholds(
    double ErrorRateCriticalPercent = 5,
    double ErrorRateDegradedPercent = 1,
    double LatencyZCritical = 6,
    double LatencyZDegraded = 3,
    double LatencyDegradedMs = 1000,
    double CpuDegradedPercentOfCapacity = 90,
    double MemoryDegradedPercent = 90,
    double GpuMemoryDegradedPercent = 90,
    double Confidence = 0.99,
    int EnterMinutes = 5,
    int ClearMinutes = 10,
    double ClearFraction = 0.8,
    double ClearUtilisationPoints = 5)
{
    public static HealthThresholds Default { get; } = new();

    /// <summary>The limits a level already reached is held against until it clears.</summary>
    public HealthThresholds Clearing() => this with
    {
        ErrorRateCriticalPercent = ErrorRateCriticalPercent * ClearFraction,
        ErrorRateDegradedPercent = ErrorRateDegradedPercent * ClearFraction,
        LatencyZCritical = LatencyZCritical * ClearFraction,
        LatencyZDegraded = LatencyZDegraded * ClearFraction,
        LatencyDegradedMs = LatencyDegradedMs * ClearFraction,
        CpuDegradedPercentOfCapacity = CpuDegradedPercentOfCapacity - ClearUtilisationPoints,
        MemoryDegradedPercent = MemoryDegradedPercent - ClearUtilisationPoints,
        GpuMemoryDegradedPercent = GpuMemoryDegradedPercent - ClearUtilisationPoints,
    };

    /// <summary>Every rule as a sentence, in the order they are checked, for the health legend.</summary>
    public IReadOnlyList<string> Describe() =>
    [
        "Critical: endpoint status Failed, UpdateRollbackFailed or OutOfService.",
        "Degraded: endpoint status Creating, Updating, SystemUpdating, RollingBack or Deleting (a change is in progress), or a status the dashboard does not know.",
        Format($"Critical: 5XX+4XX error rate above {ErrorRateCriticalPercent:0.##} % of invocations with {Confidence * 100:0.#} % confidence (the exact binomial interval of the errors among the calls lies above it)."),
        Format($"Degraded: 5XX+4XX error rate above {ErrorRateDegradedPercent:0.##} % of invocations with {Confidence * 100:0.#} % confidence, so 1 failure among 60 calls is not enough."),
        Format($"Critical: p90 model latency more than {LatencyZCritical:0.##} robust standard deviations above its baseline (when a baseline exists)."),
        Format($"Degraded: p90 model latency more than {LatencyZDegraded:0.##} robust standard deviations above its baseline (when a baseline exists)."),
        Format($"Degraded: p90 model latency above {LatencyDegradedMs:N0} ms."),
        Format($"Degraded: CPU above {CpuDegradedPercentOfCapacity:0.##} % of the instance's capacity (all vCPUs)."),
        Format($"Degraded: memory above {MemoryDegradedPercent:0.##} %."),
        Format($"Degraded: GPU memory above {GpuMemoryDegradedPercent:0.##} %."),
        "Degraded: a feature's drift score at or above its own threshold in the last 3 hours (the dashboard's drift from captured data), or else a Model Monitor drift metric above the monitoring threshold; one finding either way.",
        "Degraded: model quality over the last day worse than the baseline's beyond its 95 % interval (F1 for classifiers, RMSE for regressors, against ground truth).",
        "Degraded: no metric data within the staleness limit.",
        Format($"Each metric rule is judged on every minute over the window before it; the level rises only when a rule held for {EnterMinutes} consecutive minutes, and falls only after {ClearMinutes} minutes below {ClearFraction * 100:0.#} % of the error-rate and latency limits ({ClearUtilisationPoints:0.#} points below the utilisation limits). Status and missing data count at once."),
        "Healthy: none of the above.",
    ];

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
