namespace Dashboard.Core.DeploymentNotices;

/// <summary>What a deployment notice announces.</summary>
public enum DeploymentNoticeKind
{
    Proposed,
    StartedOutside,
    Approved,
    StepReached,
    WaitingForApproval,
    RollingBack,
    Succeeded,
    RolledBack,
    RollbackFailed,
    TimedOut,
    Failed,
    Rejected,
    Withdrawn,
}

/// <summary>
/// One thing that happened to a deployment, told once: in the bell and to every enabled webhook. <see cref="Key"/> is
/// unique per deployment ("approved", "step:2", "waiting:2", "final"), so a notice derived again after a restart is
/// recognised as told. <see cref="Id"/> is 0 until stored.
/// </summary>
public sealed record DeploymentNotice(long DeploymentId, string Endpoint, string Key, DeploymentNoticeKind Kind, DateTimeOffset Time,
    string Headline, string? Detail)
{
    public long Id { get; init; }

    /// <summary>The deployment's page, relative to the dashboard.</summary>
    public string Path => $"/deployments/{DeploymentId}";

    /// <summary>Kinds that end a deployment badly: shown in red.</summary>
    public bool IsBad => Kind is DeploymentNoticeKind.RolledBack or DeploymentNoticeKind.RollbackFailed or DeploymentNoticeKind.TimedOut
        or DeploymentNoticeKind.Failed or DeploymentNoticeKind.RollingBack;

    /// <summary>Kinds that ask someone to act.</summary>
    public bool WantsAction => Kind is DeploymentNoticeKind.Proposed or DeploymentNoticeKind.WaitingForApproval or DeploymentNoticeKind.RollbackFailed;
}
