using Dashboard.Core.Fleet;

namespace Dashboard.Core.Health;

/// <summary>
/// The numbers the health rules read, filled by the collector or a query from the latest ~10 minutes of an endpoint's
/// metrics. Null means "not measured" (no traffic, no GPU, no monitoring schedule, no baseline yet) and skips the rule.
/// </summary>
/// <param name="ErrorRatePercent">(4XX + 5XX) / invocations × 100, see <see cref="Metrics.Units.ErrorRatePercent"/>.</param>
/// <param name="P90LatencyMs">p90 ModelLatency in milliseconds (CloudWatch reports microseconds).</param>
/// <param name="P90LatencyBaselineMs">Median of the p90 ModelLatency baseline band for the current hour, for the reason text.</param>
/// <param name="LatencyZ">Robust z of the p90 latency against its band (<see cref="Baselines.Deviation.RobustZ"/>); null without a band.</param>
/// <param name="CpuPercentOfCapacity">CPUUtilization divided by the instance type's ceiling (vCPUs × 100 %), in percent; see <see cref="CpuShareOfCapacity"/>.</param>
/// <param name="MaxDriftScore">Largest feature_baseline_drift_* value of the latest monitoring run.</param>
/// <param name="DriftFeature">The feature that has <paramref name="MaxDriftScore"/>.</param>
/// <param name="DriftThreshold">Drift above this is reported.</param>
/// <param name="DataAsOf">Time of the newest metric point received for the endpoint.</param>
/// <param name="Now">The assessment time (from the injected TimeProvider).</param>
/// <param name="StaleAfter">Data older than this counts as delayed.</param>
public sealed record HealthSignals(
    double? ErrorRatePercent,
    double? P90LatencyMs,
    double? P90LatencyBaselineMs,
    double? LatencyZ,
    double? CpuPercentOfCapacity,
    double? MemoryPercent,
    double? GpuMemoryPercent,
    double? MaxDriftScore,
    string? DriftFeature,
    double DriftThreshold,
    DateTimeOffset? DataAsOf,
    DateTimeOffset Now,
    TimeSpan StaleAfter)
{
    /// <summary>
    /// Invocations behind <see cref="ErrorRatePercent"/>: when set, the error-rate rule asks whether the rate is surely
    /// above its limit given that traffic (see <see cref="HealthThresholds.Confidence"/>), not merely above it.
    /// </summary>
    public double? ErrorRateInvocations { get; init; }

    /// <summary>The dashboard's own drift: the feature furthest over its own threshold in a recent hour; null without one.</summary>
    public OwnDriftSignal? OwnDrift { get; init; }

    /// <summary>The headline quality metric over the last day against the baseline's; null without labels.</summary>
    public QualitySignal? Quality { get; init; }

    /// <summary>
    /// CloudWatch reports CPUUtilization as up to 100 % per vCPU, so 180 % on a 2-vCPU instance is 90 % of capacity.
    /// Null for instance types the catalogue does not know: guessing the ceiling would raise false alarms.
    /// </summary>
    public static double? CpuShareOfCapacity(double cpuUtilizationPercent, string? instanceType)
    {
        var type = InstanceTypes.Find(instanceType);
        return type is null || type.VCpus <= 0 ? null : 100.0 * cpuUtilizationPercent / type.CpuCeilingPercent;
    }
}

/// <summary>A feature's drift score as the dashboard computes it from captured data, with the feature's own threshold.</summary>
public sealed record OwnDriftSignal(string Feature, double Score, double Threshold);

/// <summary>
/// A quality metric over the last day with its 95 % interval [<paramref name="Low"/>, <paramref name="High"/>], the
/// baseline's value and how many labelled predictions it rests on.
/// </summary>
public sealed record QualitySignal(string Metric, double Value, double Low, double High, double Baseline, bool HigherIsBetter, long Labelled)
{
    /// <summary>The whole interval lies on the worse side of the baseline: worse beyond chance, not merely lower.</summary>
    public bool Worse => double.IsFinite(Low) && double.IsFinite(High) && double.IsFinite(Baseline) && (HigherIsBetter ? High < Baseline : Low > Baseline);
}
