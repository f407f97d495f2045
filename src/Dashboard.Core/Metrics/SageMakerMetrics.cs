namespace Dashboard.Core.Metrics;

/// <summary>Namespaces, metric names and the statistics the dashboard collects for SageMaker endpoints.</summary>
public static class SageMakerMetrics
{
    public const string InvocationNamespace = "AWS/SageMaker";
    public const string InstanceNamespace = "/aws/sagemaker/Endpoints";
    public const string DataQualityNamespace = "aws/sagemaker/Endpoints/data-metrics";

    public const string Invocations = "Invocations";
    public const string InvocationsPerInstance = "InvocationsPerInstance";
    public const string Invocation4XXErrors = "Invocation4XXErrors";
    public const string Invocation5XXErrors = "Invocation5XXErrors";
    public const string ModelLatency = "ModelLatency";
    public const string OverheadLatency = "OverheadLatency";
    public const string CpuUtilization = "CPUUtilization";
    public const string MemoryUtilization = "MemoryUtilization";
    public const string DiskUtilization = "DiskUtilization";
    public const string GpuUtilization = "GPUUtilization";
    public const string GpuMemoryUtilization = "GPUMemoryUtilization";

    /// <summary>Model Monitor's data-quality drift metric is "feature_baseline_drift_{feature}".</summary>
    public const string DriftPrefix = "feature_baseline_drift_";

    /// <summary>Period of invocation and utilisation metrics (seconds).</summary>
    public const int MinutePeriod = 60;

    /// <summary>Model Monitor publishes at most hourly.</summary>
    public const int HourPeriod = 3600;

    /// <summary>The statistics requested for each metric name; anything not listed is not collected.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> CollectedStats = new Dictionary<string, string[]>
    {
        [Invocations] = ["Sum"],
        [InvocationsPerInstance] = ["Sum"],
        [Invocation4XXErrors] = ["Sum"],
        [Invocation5XXErrors] = ["Sum"],
        [ModelLatency] = ["Average", "p50", "p90", "p99"],
        [OverheadLatency] = ["Average", "p50", "p90", "p99"],
        [CpuUtilization] = ["Average"],
        [MemoryUtilization] = ["Average"],
        [DiskUtilization] = ["Average"],
        [GpuUtilization] = ["Average"],
        [GpuMemoryUtilization] = ["Average"],
    };

    /// <summary>Drift metrics are collected with this statistic at <see cref="HourPeriod"/>.</summary>
    public const string DriftStat = "Maximum";

    public static bool IsLatency(string metricName) => metricName is ModelLatency or OverheadLatency;

    public static bool IsDrift(string metricName) => metricName.StartsWith(DriftPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Whether the collector polls this statistic and period of every such metric it discovers, as opposed to one it
    /// fetches only because an alarm reads it (ModelLatency p95, Invocations Average over 5 minutes): charts and the
    /// fleet overview read only these, so an alarm's extra series never stands in for them.
    /// </summary>
    public static bool IsCollectedByDefault(SeriesKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return IsDrift(key.MetricName)
            ? key.Stat == DriftStat && key.Period == HourPeriod
            : key.Period == MinutePeriod && CollectedStats.TryGetValue(key.MetricName, out var stats) && stats.Contains(key.Stat);
    }
}
