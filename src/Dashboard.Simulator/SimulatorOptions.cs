using Dashboard.Simulator.Faults;

namespace Dashboard.Simulator;

/// <summary>Configuration section "Simulator".</summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulator";

    /// <summary>Seeds every noise stream: the same seed and anchor give byte-identical answers.</summary>
    public int Seed { get; set; } = 42;

    public string AccountId { get; set; } = "123456789012";

    public string Region { get; set; } = "us-east-1";

    /// <summary>The access key SigV4 signatures must name.</summary>
    public string AccessKeyId { get; set; } = "AKIDSIMULATOR";

    /// <summary>The secret SigV4 signatures are checked with. A documented, public demo value, not a secret.</summary>
    public string SecretAccessKey { get; set; } = "simulator-secret";

    /// <summary>
    /// The session token requests must carry in x-amz-security-token (temporary credentials). Null: long-term
    /// credentials, and a request carrying any token is refused, as AWS refuses a token that does not belong to the key.
    /// </summary>
    public string? SessionToken { get; set; }

    /// <summary>Check SigV4 signatures (true) or accept any request, signed or not (false).</summary>
    public bool VerifySignatures { get; set; } = true;

    /// <summary>
    /// The moment scenario events (the 5XX burst, drift, latency degradation) are placed relative to.
    /// Default: the start time floored to the hour.
    /// </summary>
    public DateTimeOffset? Anchor { get; set; }

    /// <summary>Metrics per ListMetrics page (AWS: 500). Lower it to exercise a client's pagination.</summary>
    public int ListMetricsPageSize { get; set; } = 500;

    /// <summary>
    /// Endpoints in the simulated fleet (1–1000). The first ten are the hand-written scenario; beyond ten, copies of
    /// them named "{template}-{n:000}" (churn-prod-011, fraud-detector-012, …) for scale and cost runs.
    /// </summary>
    public int FleetSize { get; set; } = Scenario.FleetClones.DefaultSize;

    /// <summary>
    /// Divides every duration of a deployment (provisioning, traffic steps, waits, baking, rollback, timeout): 10 runs a
    /// 30-minute canary in 3 minutes. Must be greater than 0.
    /// </summary>
    public double DeploymentSpeed { get; set; } = 1;

    /// <summary>
    /// Divides every step duration of a pipeline execution started through StartPipelineExecution: at 1 a retraining run
    /// takes 5 minutes, at 60 five seconds. Must be greater than 0.
    /// </summary>
    public double PipelineSpeed { get; set; } = 1;

    /// <summary>The demo's CI/CD deployment of support-intent, five minutes after start (see ScheduledDeployment).</summary>
    public bool ScheduledDeployment { get; set; } = true;

    /// <summary>
    /// Captured records in an average variant-hour (each minute's share follows the variant's invocations, so busy hours
    /// hold more). 1–100,000.
    /// </summary>
    public int CaptureRecordsPerHour { get; set; } = 1_200;

    /// <summary>Days of hourly S3 files kept (capture, ground truth, Model Monitor reports): 1–31.</summary>
    public int CaptureHistoryDays { get; set; } = 8;

    /// <summary>Misbehaviour to inject (section "Simulator:Faults"); none by default. Changeable at run time.</summary>
    public FaultOptions Faults { get; set; } = new();
}
