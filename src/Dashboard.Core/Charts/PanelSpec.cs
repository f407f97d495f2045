using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Charts;

public enum PanelKind
{
    /// <summary>Stored series drawn as they are (one line per variant and statistic).</summary>
    Metric,

    /// <summary>(4XX + 5XX) / Invocations × 100, derived per minute.</summary>
    ErrorRate,

    /// <summary>Model Monitor drift scores, one line per feature, against the drift threshold.</summary>
    Drift,
}

public enum CeilingKind
{
    None,
    Cpu,
    Gpu,
}

/// <summary>
/// One chart on the endpoint page. <see cref="BandStat"/> (with <see cref="BandMetric"/>) names the series whose
/// baseline band is drawn: for latency the p90, the statistic an SLO is usually written against.
/// </summary>
public sealed record PanelSpec(
    string Id,
    string Title,
    PanelKind Kind,
    string Namespace,
    IReadOnlyList<string> MetricNames,
    IReadOnlyList<string> Stats,
    string BandMetric,
    string BandStat,
    CeilingKind Ceiling = CeilingKind.None,
    bool GpuOnly = false,
    bool MultiInstanceOnly = false)
{
    public string Unit => Kind switch
    {
        PanelKind.ErrorRate => "%",
        PanelKind.Drift => "distance",
        _ => Units.DisplayUnit(MetricNames[0]),
    };

    public bool AppliesTo(EndpointState endpoint) =>
        (!GpuOnly || endpoint.Variants.Any(v => InstanceTypes.Find(v.InstanceType)?.HasGpu == true))
        && (!MultiInstanceOnly || endpoint.Variants.Any(v => Math.Max(v.CurrentInstanceCount, v.DesiredInstanceCount) > 1));

    public static readonly IReadOnlyList<PanelSpec> All =
    [
        Metric("model-latency", "ModelLatency", M.ModelLatency, ["p50", "p90", "p99"], "p90"),
        Metric("overhead-latency", "OverheadLatency", M.OverheadLatency, ["p50", "p90", "p99"], "p90"),
        Metric("invocations", "Invocations per minute", M.Invocations, ["Sum"], "Sum"),
        // With one instance per variant it repeats the invocations chart.
        Metric("invocations-per-instance", "Invocations per instance", M.InvocationsPerInstance, ["Sum"], "Sum") with { MultiInstanceOnly = true },
        new("errors", "4XX and 5XX errors per minute", PanelKind.Metric, M.InvocationNamespace,
            [M.Invocation4XXErrors, M.Invocation5XXErrors], ["Sum"], M.Invocation5XXErrors, "Sum"),
        new("error-rate", "Error rate (4XX + 5XX)", PanelKind.ErrorRate, M.InvocationNamespace,
            [M.Invocations, M.Invocation4XXErrors, M.Invocation5XXErrors], ["Sum"], "", "Sum"),
        Instance("cpu", "CPU utilisation (per instance, 100 % per vCPU)", M.CpuUtilization, CeilingKind.Cpu),
        Instance("memory", "Memory utilisation", M.MemoryUtilization),
        Instance("disk", "Disk utilisation", M.DiskUtilization),
        Instance("gpu", "GPU utilisation (per instance, 100 % per GPU)", M.GpuUtilization, CeilingKind.Gpu, gpuOnly: true),
        Instance("gpu-memory", "GPU memory utilisation (100 % per GPU)", M.GpuMemoryUtilization, CeilingKind.Gpu, gpuOnly: true),
        new("drift", "Feature drift (Model Monitor, hourly)", PanelKind.Drift, M.DataQualityNamespace, [], [M.DriftStat], "", M.DriftStat),
    ];

    private static PanelSpec Metric(string id, string title, string metric, string[] stats, string bandStat) =>
        new(id, title, PanelKind.Metric, M.InvocationNamespace, [metric], stats, metric, bandStat);

    private static PanelSpec Instance(string id, string title, string metric, CeilingKind ceiling = CeilingKind.None, bool gpuOnly = false) =>
        new(id, title, PanelKind.Metric, M.InstanceNamespace, [metric], ["Average"], metric, "Average", ceiling, gpuOnly);
}
