namespace Dashboard.Simulator;

/// <summary>Configuration section "Simulator".</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Seeds every noise stream: the same seed and anchor give byte-identical answers.</summary>
    public int Seed { get; set; } = 42;

    public string AccountId { get; set; } = "123456789012";

    public string Region { get; set; } = "us-east-1";

    /// <summary>The access key a SigV4 verifier will expect (verification is not enforced yet).</summary>
    public string AccessKeyId { get; set; } = "AKIDSIMULATOR";

    /// <summary>The secret a SigV4 verifier will expect. A documented, public demo value, not a secret.</summary>
    public string SecretAccessKey { get; set; } = "simulator-secret";

    /// <summary>
    /// The moment scenario events (the 5XX burst, drift, latency degradation) are placed relative to.
    /// Default: the start time floored to the hour.
    /// </summary>
    public DateTimeOffset? Anchor { get; set; }

    /// <summary>Metrics per ListMetrics page (AWS: 500). Lower it to exercise a client's pagination.</summary>
    public int ListMetricsPageSize { get; set; } = 500;
}
