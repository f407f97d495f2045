namespace Dashboard.Simulator.Faults;

/// <summary>What the simulator did to one request.</summary>
public enum FaultKind
{
    None,
    Outage,
    ExpiredCredentials,
    Throttle,
    ServerError,
    Timeout,
    Malformed,
}

/// <summary>How many requests met each fault since the current settings took effect (set, replaced or cleared).</summary>
public sealed record FaultCounts
{
    /// <summary>Requests to a service the faults apply to that got past the outage check and authentication.</summary>
    public long Requests { get; init; }

    public long Outages { get; init; }

    public long ExpiredCredentials { get; init; }

    public long Throttled { get; init; }

    public long ServerErrors { get; init; }

    public long Timeouts { get; init; }

    public long Malformed { get; init; }

    /// <summary>Requests delayed by SlowResponse.</summary>
    public long Slowed { get; init; }
}
