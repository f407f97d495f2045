using Dashboard.Core.Metrics;

namespace Dashboard.Simulator.Scenario;

public enum MetricKind
{
    Invocations,
    InvocationsPerInstance,
    Invocation4XXErrors,
    Invocation5XXErrors,
    ModelLatency,
    OverheadLatency,
    CpuUtilization,
    MemoryUtilization,
    DiskUtilization,
    GpuUtilization,
    GpuMemoryUtilization,
    Drift,
}

public static class MetricKinds
{
    public static readonly MetricKind[] InvocationKinds =
    [
        MetricKind.Invocations, MetricKind.InvocationsPerInstance, MetricKind.Invocation4XXErrors,
        MetricKind.Invocation5XXErrors, MetricKind.ModelLatency, MetricKind.OverheadLatency,
    ];

    public static readonly MetricKind[] CpuKinds = [MetricKind.CpuUtilization, MetricKind.MemoryUtilization, MetricKind.DiskUtilization];

    public static readonly MetricKind[] GpuKinds = [MetricKind.GpuUtilization, MetricKind.GpuMemoryUtilization];

    public static string MetricName(MetricKind kind) => kind switch
    {
        MetricKind.Invocations => SageMakerMetrics.Invocations,
        MetricKind.InvocationsPerInstance => SageMakerMetrics.InvocationsPerInstance,
        MetricKind.Invocation4XXErrors => SageMakerMetrics.Invocation4XXErrors,
        MetricKind.Invocation5XXErrors => SageMakerMetrics.Invocation5XXErrors,
        MetricKind.ModelLatency => SageMakerMetrics.ModelLatency,
        MetricKind.OverheadLatency => SageMakerMetrics.OverheadLatency,
        MetricKind.CpuUtilization => SageMakerMetrics.CpuUtilization,
        MetricKind.MemoryUtilization => SageMakerMetrics.MemoryUtilization,
        MetricKind.DiskUtilization => SageMakerMetrics.DiskUtilization,
        MetricKind.GpuUtilization => SageMakerMetrics.GpuUtilization,
        MetricKind.GpuMemoryUtilization => SageMakerMetrics.GpuMemoryUtilization,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Drift metric names carry the feature."),
    };

    public static string Namespace(MetricKind kind) => kind switch
    {
        MetricKind.Drift => SageMakerMetrics.DataQualityNamespace,
        MetricKind.CpuUtilization or MetricKind.MemoryUtilization or MetricKind.DiskUtilization
            or MetricKind.GpuUtilization or MetricKind.GpuMemoryUtilization => SageMakerMetrics.InstanceNamespace,
        _ => SageMakerMetrics.InvocationNamespace,
    };

    /// <summary>The CloudWatch unit the data is stored with (a query naming another unit gets nothing back).</summary>
    public static string Unit(MetricKind kind) => kind switch
    {
        MetricKind.ModelLatency or MetricKind.OverheadLatency => "Microseconds",
        MetricKind.CpuUtilization or MetricKind.MemoryUtilization or MetricKind.DiskUtilization
            or MetricKind.GpuUtilization or MetricKind.GpuMemoryUtilization => "Percent",
        _ => "None",
    };

    /// <summary>Rounds a statistic to the precision CloudWatch users would expect of this metric.</summary>
    public static double Round(MetricKind kind, in Statistic statistic, double value)
    {
        if (statistic.Kind == StatisticKind.SampleCount)
        {
            return Math.Round(value, 4);
        }
        return kind switch
        {
            MetricKind.ModelLatency or MetricKind.OverheadLatency => Math.Round(value),
            MetricKind.Invocations or MetricKind.Invocation4XXErrors or MetricKind.Invocation5XXErrors =>
                statistic.Kind == StatisticKind.Sum ? Math.Round(value) : Math.Round(value, 6),
            MetricKind.InvocationsPerInstance => Math.Round(value, statistic.Kind == StatisticKind.Sum ? 2 : 6),
            MetricKind.Drift => Math.Round(value, 4),
            _ => Math.Round(value, 2),
        };
    }
}
