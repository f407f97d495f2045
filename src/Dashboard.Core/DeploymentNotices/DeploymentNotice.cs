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
    Started,
}

/// <summary>What a notice is about: a deployment, or a retraining run (whose id <see cref="DeploymentNotice.DeploymentId"/> then holds).</summary>
public enum NoticeSubject
{
    Deployment,
    Retraining,
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

    public NoticeSubject Subject { get; init; } = NoticeSubject.Deployment;

    /// <summary>The deployment's (or retraining run's) page, relative to the dashboard.</summary>
    public string Path => Subject == NoticeSubject.Retraining ? $"/retraining/{DeploymentId}" : $"/deployments/{DeploymentId}";

    /// <summary>Kinds that end a deployment badly: shown in red.</summary>
    public bool IsBad => Kind is DeploymentNoticeKind.RolledBack or DeploymentNoticeKind.RollbackFailed or DeploymentNoticeKind.TimedOut
        or DeploymentNoticeKind.Failed or DeploymentNoticeKind.RollingBack;

    /// <summary>Kinds that ask someone to act.</summary>
    public bool WantsAction => Kind is DeploymentNoticeKind.Proposed or DeploymentNoticeKind.WaitingForApproval or DeploymentNoticeKind.RollbackFailed;
}
