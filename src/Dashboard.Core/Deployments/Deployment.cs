namespace Dashboard.Core.Deployments;

/// <summary>
/// Where a deployment stands. <see cref="Proposed"/> waits for a second person; <see cref="Approved"/> is decided and
/// waits to start (for its deploy window, or for SageMaker to show the update began); <see cref="Deploying"/> and
/// <see cref="RollingBack"/> are tracked from what SageMaker shows; the rest are final.
/// </summary>
public enum DeploymentStatus
{
    Proposed,
    Approved,
    Deploying,
    RollingBack,
    Succeeded,
    RolledBack,
    RollbackFailed,
    TimedOut,
    Failed,
    Rejected,
    Withdrawn,
}

/// <summary>Where one step of a deployment's timeline stands.</summary>
public enum StepState
{
    Pending,
    Running,
    WaitingForApproval,
    Done,
    Failed,
}

/// <summary>
/// One step of a deployment's timeline: provisioning the new fleet, a traffic share held for <see cref="HoldSeconds"/>,
/// or promoting. <see cref="Share"/> is the new model's share of traffic in percent once the step is reached.
/// </summary>
public sealed record DeploymentStep(int Index, string Name, double Share, int HoldSeconds, StepState State = StepState.Pending,
    DateTimeOffset? StartedAt = null, DateTimeOffset? EndedAt = null, string? Note = null)
{
    /// <summary>When the step's hold ends, once it has started.</summary>
    public DateTimeOffset? HoldEndsAt => StartedAt?.AddSeconds(HoldSeconds);
}

/// <summary>
/// A deployment of new models to an endpoint: proposed by one person, approved by another Operator (four eyes), started
/// by the dashboard (or seen started outside it), tracked step by step, and settled from what SageMaker shows.
/// </summary>
public sealed record Deployment(long Id, DeploymentPlan Plan, string Reason, DeploymentStatus Status, string ProposedBy,
    DateTimeOffset ProposedAt, IReadOnlyList<DeploymentStep> Steps)
{
    public string Endpoint => Plan.Endpoint;

    /// <summary>Seen on the endpoint rather than started here (console, CLI, CI/CD).</summary>
    public bool StartedOutside { get; init; }

    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecisionNote { get; init; }

    /// <summary>The endpoint config serving when the deployment was approved (or seen), and the one it deploys.</summary>
    public string? OldConfig { get; init; }
    public string? NewConfig { get; init; }

    /// <summary>Set when CreateEndpointConfig succeeded (or found the name taken by this deployment's own earlier call).</summary>
    public DateTimeOffset? ConfigCreatedAt { get; init; }

    /// <summary>Stored before UpdateEndpoint is called, so a restart never calls it twice.</summary>
    public DateTimeOffset? UpdateRequestedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The outcome in plain words: which alarm tripped, who aborted, SageMaker's FailureReason, what to do.</summary>
    public string? Outcome { get; init; }

    /// <summary>
    /// The alarm the dashboard creates for this deployment and sets to ALARM to make SageMaker roll back; stored before any
    /// alarm is created, so it also marks a deployment that has CloudWatch alarms of its own to delete when it is over.
    /// </summary>
    public string? AbortAlarm { get; init; }

    /// <summary>When the alarms created for it were deleted from CloudWatch (<see cref="DeploymentAlarmCleanup"/>).</summary>
    public DateTimeOffset? AlarmsDeletedAt { get; init; }

    public string? AbortedBy { get; init; }
    public DateTimeOffset? AbortedAt { get; init; }

    public bool IsOpen => Status is DeploymentStatus.Proposed or DeploymentStatus.Approved or DeploymentStatus.Deploying
        or DeploymentStatus.RollingBack;

    public bool IsFinished => !IsOpen;

    public bool AwaitsDecision => Status == DeploymentStatus.Proposed;

    /// <summary>The step in progress, if any.</summary>
    public DeploymentStep? CurrentStep => Steps.FirstOrDefault(s => s.State is StepState.Running or StepState.WaitingForApproval);

    /// <summary>
    /// The deployment over with <paramref name="status"/> and <paramref name="outcome"/>; unless it succeeded, the step in
    /// progress (running or waiting for approval) failed then.
    /// </summary>
    public Deployment Finish(DeploymentStatus status, string outcome, DateTimeOffset now) => this with
    {
        Status = status,
        Outcome = outcome,
        FinishedAt = now,
        Steps = status == DeploymentStatus.Succeeded ? Steps
            : Steps.Select(s => s.State is StepState.Running or StepState.WaitingForApproval ? s with { State = StepState.Failed, EndedAt = now } : s).ToList(),
    };

    /// <summary>Why someone who expected it to be Proposed can't act on it any more.</summary>
    public string Decided => $"Deployment #{Id} is already {StatusText(Status).ToLowerInvariant()}"
        + (DecidedBy is null ? "." : $" ({DecidedBy}).");

    public static string StatusText(DeploymentStatus status) => status switch
    {
        DeploymentStatus.Proposed => "Waiting for approval",
        DeploymentStatus.Approved => "Approved",
        DeploymentStatus.Deploying => "Deploying",
        DeploymentStatus.RollingBack => "Rolling back",
        DeploymentStatus.Succeeded => "Succeeded",
        DeploymentStatus.RolledBack => "Rolled back",
        DeploymentStatus.RollbackFailed => "Failed to roll back",
        DeploymentStatus.TimedOut => "Timed out",
        DeploymentStatus.Failed => "Failed",
        DeploymentStatus.Rejected => "Rejected",
        _ => "Withdrawn",
    };
}

/// <summary>The deployment is not in the state the caller expected, or another change is open on the endpoint; nothing was stored.</summary>
public sealed class DeploymentConflictException(string message) : Exception(message);
