namespace Dashboard.Simulator.Scenario;

/// <summary>The daily/weekly traffic pattern of an endpoint (all in UTC).</summary>
public enum LoadShape
{
    /// <summary>Weekday afternoon peaks, quiet nights, quieter weekends.</summary>
    BusinessHours,

    /// <summary>Always busy (machine-to-machine traffic), with a mild daily swing.</summary>
    Steady,

    /// <summary>Batch-like: near zero at night and at weekends.</summary>
    NightQuiet,
}

/// <summary>A window in which a share of requests fail with 5XX.</summary>
public sealed record ErrorBurst(DateTimeOffset Start, DateTimeOffset End, double Rate5xx)
{
    public bool Covers(DateTimeOffset time) => time >= Start && time < End;
}

/// <summary>Model latency multiplied by 1 + <see cref="PerDay"/> per day since <see cref="Start"/>, capped at <see cref="MaxFactor"/>.</summary>
public sealed record LatencyTrend(DateTimeOffset Start, double PerDay, double MaxFactor);

/// <summary>
/// A monitored feature's drift distance: about <see cref="Baseline"/>, rising linearly from <see cref="RiseStart"/>
/// so that it reaches <see cref="RiseTo"/> at the scenario's anchor (and keeps rising a little after it).
/// </summary>
public sealed record DriftFeature(string Name, double Baseline, DateTimeOffset? RiseStart = null, double RiseTo = 0);

/// <summary>A Model Monitor data-quality schedule that publishes hourly drift metrics for some features.</summary>
public sealed record DriftMonitor(string ScheduleName, IReadOnlyList<DriftFeature> Features);

/// <summary>One production variant of a simulated endpoint and the knobs that shape its metrics.</summary>
public sealed record VariantProfile
{
    public required string Name { get; init; }
    public required string InstanceType { get; init; }
    public required string ModelName { get; init; }
    public float CurrentWeight { get; init; } = 1f;
    public float? DesiredWeight { get; init; }
    public required int MinInstances { get; init; }
    public int? MaxInstances { get; init; }

    /// <summary>When set, DescribeEndpoint reports this as DesiredInstanceCount (an update in flight).</summary>
    public int? DesiredInstanceCount { get; init; }

    /// <summary>Requests per minute one instance serves when fully busy; load / capacity drives utilisation and queueing.</summary>
    public required double CapacityPerInstance { get; init; }

    /// <summary>Median ModelLatency at light load, µs.</summary>
    public required double ModelLatencyMicros { get; init; }

    /// <summary>Lognormal shape of ModelLatency: p99/p50 = e^(2.33σ).</summary>
    public double LatencySigma { get; init; } = 0.35;

    /// <summary>Median OverheadLatency, µs.</summary>
    public double OverheadMicros { get; init; } = 2_000;

    public double Error4xxRate { get; init; } = 0.004;
    public double Error5xxRate { get; init; } = 0.0005;

    /// <summary>MemoryUtilization at idle, percent.</summary>
    public double MemoryPercent { get; init; } = 40;

    /// <summary>GPU memory in use per GPU, percent (GPU types only).</summary>
    public double GpuMemoryPercent { get; init; } = 50;

    public int MaxInstanceCount => Math.Max(MinInstances, MaxInstances ?? MinInstances);

    public bool AutoScales => MaxInstanceCount > MinInstances;
}

/// <summary>A simulated endpoint: what SageMaker describes, plus the traffic and events that shape its metrics.</summary>
public sealed record EndpointProfile
{
    public required string Name { get; init; }
    public required string ConfigName { get; init; }
    public string Status { get; init; } = "InService";
    public required DateTimeOffset CreationTime { get; init; }
    public required DateTimeOffset LastModifiedTime { get; init; }

    /// <summary>Requests per minute across all variants at the busiest hour of a weekday.</summary>
    public required double PeakRequestsPerMinute { get; init; }

    public LoadShape Shape { get; init; } = LoadShape.BusinessHours;
    public required IReadOnlyList<VariantProfile> Variants { get; init; }

    /// <summary>What this endpoint is in the fleet to show (for people reading the scenario, and the README).</summary>
    public required string Demonstrates { get; init; }

    public int? DataCaptureSamplingPercent { get; init; }

    /// <summary>What the data capture holds (set whenever <see cref="DataCaptureSamplingPercent"/> is).</summary>
    public CaptureProfile? Capture { get; init; }

    public DriftMonitor? Monitor { get; init; }
    public IReadOnlyList<ErrorBurst> Bursts { get; init; } = [];
    public LatencyTrend? LatencyTrend { get; init; }
}
