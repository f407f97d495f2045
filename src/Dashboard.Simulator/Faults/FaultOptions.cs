using System.Text.Json.Serialization;

namespace Dashboard.Simulator.Faults;

/// <summary>
/// Configuration section "Simulator:Faults", and the body of <c>PUT /_simulator/faults</c>: which misbehaviour the
/// simulator injects into its AWS replies. Every rate is a fraction of requests; the four rates share one draw per
/// request, so together they must not exceed 1.
/// </summary>
public sealed class FaultOptions
{
    public const string SectionName = "Faults";

    /// <summary>Answered 400 ThrottlingException "Rate exceeded" (CloudWatch query code Throttling).</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Answered 500 InternalFailure (CloudWatch: InternalServiceError).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Held for <see cref="FaultInjector.Hold"/> (or until the client gives up) before the normal reply.</summary>
    public double TimeoutRate { get; set; }

    /// <summary>Answered 200 with the reply cut short, so the body is not valid JSON.</summary>
    public double MalformedRate { get; set; }

    /// <summary>Added before every answer (on the simulator's clock).</summary>
    public TimeSpan SlowResponse { get; set; }

    /// <summary>Every request is answered 400 ExpiredTokenException, as if the caller's session had ended.</summary>
    public bool ExpiredCredentials { get; set; }

    /// <summary>Absolute UTC windows [Start, End) during which every request gets 503 ServiceUnavailable.</summary>
    public List<FaultOutage> Outages { get; set; } = [];

    /// <summary>The services faults apply to; the other one answers normally.</summary>
    public FaultServices Services { get; set; } = FaultServices.Both;

    /// <summary>
    /// Bad input for data-capture readers (it changes S3 data, not how requests are answered): one capture file per
    /// variant-hour of the endpoint so named holds a line that is not JSON and a record whose CSV input has one field
    /// too many. Null (the default): none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MalformedCaptureEndpoint { get; set; }

    /// <summary>The next deployment rollback ends in UpdateRollbackFailed (then this switch turns itself off).</summary>
    public bool FailNextRollback { get; set; }

    /// <summary>Rollbacks end InService on the old config with an empty FailureReason, as SageMaker sometimes reports them.</summary>
    public bool SilentRollbacks { get; set; }

    /// <summary>The next pipeline execution started fails at its training step (then this switch turns itself off).</summary>
    public bool FailNextPipelineExecution { get; set; }

    /// <summary>Seeds the per-request draw; null uses Simulator:Seed. Same seed and request order ⇒ same faults.</summary>
    public int? Seed { get; set; }

    /// <summary>True when no request is affected (the rollback and pipeline switches change deployments and executions, not requests).</summary>
    [JsonIgnore]
    public bool IsEmpty =>
        ThrottleRate == 0 && ServerErrorRate == 0 && TimeoutRate == 0 && MalformedRate == 0 && SlowResponse == TimeSpan.Zero
        && !ExpiredCredentials && (Outages?.Count ?? 0) == 0;

    /// <summary>A deep copy, so settings handed to <see cref="SimulatorFaults"/> cannot change under it.</summary>
    public FaultOptions Clone() => new()
    {
        ThrottleRate = ThrottleRate,
        ServerErrorRate = ServerErrorRate,
        TimeoutRate = TimeoutRate,
        MalformedRate = MalformedRate,
        SlowResponse = SlowResponse,
        ExpiredCredentials = ExpiredCredentials,
        Outages = (Outages ?? []).Select(o => new FaultOutage { Start = o.Start, End = o.End }).ToList(),
        Services = Services,
        MalformedCaptureEndpoint = MalformedCaptureEndpoint,
        Seed = Seed,
        FailNextRollback = FailNextRollback,
        SilentRollbacks = SilentRollbacks,
        FailNextPipelineExecution = FailNextPipelineExecution,
    };
}

/// <summary>One outage window, in absolute UTC time on the simulator's clock.</summary>
public sealed class FaultOutage
{
    public DateTimeOffset? Start { get; set; }

    public DateTimeOffset? End { get; set; }

    public bool Contains(DateTimeOffset time) => time >= Start && time < End;
}

[Flags]
public enum FaultServices
{
    None = 0,
    CloudWatch = 1,
    SageMaker = 2,
    Both = CloudWatch | SageMaker,
}
