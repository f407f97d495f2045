using Dashboard.Core.Security;

namespace Dashboard.Core.Approvals;

/// <summary>What kind of change waits for a second person; each kind has its own place to decide it.</summary>
public enum ApprovalKind
{
    TrafficChange,
    Deployment,
    Retraining,
}

/// <summary>
/// A change to production that waits for a second person's decision: what it is, on which endpoint, who proposed it and
/// when, and the permission a person needs to decide it (the proposer never may).
/// </summary>
public sealed record PendingApproval(
    ApprovalKind Kind,
    long Id,
    string Endpoint,
    string Summary,
    string Reason,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    Permission DecidedWith)
{
    /// <summary>Whether <paramref name="actor"/> is one who may decide it: has the permission and did not propose it.</summary>
    public bool CanBeDecidedBy(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Can(DecidedWith) && !string.Equals(actor.UserName, ProposedBy, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>One kind of change that can wait for approval (traffic changes today; rollouts and retraining later).</summary>
public interface IPendingApprovalSource
{
    Task<IReadOnlyList<PendingApproval>> ListPendingAsync(CancellationToken cancellationToken);
}
