using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Retraining;

/// <summary>
/// Where a retraining run stands. <see cref="Proposed"/> waits for a second person; <see cref="Approved"/> is decided and
/// waits for StartPipelineExecution to answer; <see cref="Running"/> is followed from SageMaker; the rest are final.
/// </summary>
public enum RetrainingStatus
{
    Proposed,
    Approved,
    Running,
    Succeeded,
    Failed,
    Rejected,
    Withdrawn,
}

/// <summary>What a proposal comes from: a drift or quality finding on the drift tab, an alarm, or something else said in words.</summary>
public enum FindingKind
{
    Drift,
    Quality,
    Alarm,
    Other,
}

/// <summary>One step of the pipeline's execution as ListPipelineExecutionSteps last showed it.</summary>
public sealed record RetrainingStep(string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? FailureReason = null);

/// <summary>
/// A run of an endpoint's retraining pipeline: proposed by a person (or by the drift rule, as the system), approved by a
/// different Operator, started by the dashboard with a token derived from the proposal, followed step by step, and — when
/// it succeeds — the model it created recorded as a deployment candidate.
/// </summary>
public sealed record RetrainingRun(long Id, string Endpoint, string Pipeline, IReadOnlyList<PipelineParameter> Parameters, FindingKind FindingKind,
    string Finding, string Reason, RetrainingStatus Status, string ProposedBy, DateTimeOffset ProposedAt)
{
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionNote { get; init; }

    /// <summary>Stored before the first StartPipelineExecution call; once set, a retry first looks for the execution it may have started.</summary>
    public DateTimeOffset? StartRequestedAt { get; init; }

    public string? ExecutionArn { get; init; }
    public string? ExecutionStatus { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public IReadOnlyList<RetrainingStep> Steps { get; init; } = [];

    /// <summary>Why it failed (SageMaker's reasons, the failing step's first), or what it made.</summary>
    public string? Outcome { get; init; }

    /// <summary>The model the run created, once it succeeded; offered in the rollout form.</summary>
    public string? ModelName { get; init; }

    public bool IsOpen => Status is RetrainingStatus.Proposed or RetrainingStatus.Approved or RetrainingStatus.Running;

    public bool AwaitsDecision => Status == RetrainingStatus.Proposed;

    /// <summary>Proposed by the drift rule rather than a person.</summary>
    public bool IsAutomatic => string.Equals(ProposedBy, Input.Names.SystemActor, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// StartPipelineExecution's ClientRequestToken: the same for every attempt of this run (retries, restarts, other
    /// replicas), so SageMaker starts it once; the proposal time keeps a reused id (a new database) from matching an old run.
    /// </summary>
    public string ClientRequestToken => $"dashboard-retraining-{Id}-{ProposedAt.ToUnixTimeSeconds()}";

    /// <summary>The execution's display name, by which a run whose answer was lost is found in ListPipelineExecutions.</summary>
    public string DisplayName => $"dashboard-retraining-{Id}";

    /// <summary>Why someone who expected it to be Proposed can't act on it any more.</summary>
    public string Decided => $"Retraining #{Id} is already {StatusText(Status).ToLowerInvariant()}" + (DecidedBy is null ? "." : $" ({DecidedBy}).");

    public static string StatusText(RetrainingStatus status) => status switch
    {
        RetrainingStatus.Proposed => "Waiting for approval",
        RetrainingStatus.Approved => "Approved, starting",
        RetrainingStatus.Running => "Running",
        RetrainingStatus.Succeeded => "Succeeded",
        RetrainingStatus.Failed => "Failed",
        RetrainingStatus.Rejected => "Rejected",
        _ => "Withdrawn",
    };

    public static string FindingText(FindingKind kind) => kind switch
    {
        FindingKind.Drift => "Drift",
        FindingKind.Quality => "Model quality",
        FindingKind.Alarm => "Alarm",
        _ => "Other",
    };
}

/// <summary>The run is not in the state the caller expected, or the endpoint has an open run already; nothing was stored.</summary>
public sealed class RetrainingConflictException(string message) : Exception(message);
