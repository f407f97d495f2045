using Dashboard.Core.Approvals;
using Dashboard.Core.Security;

namespace Dashboard.Core.Traffic;

/// <summary>Proposed traffic changes, as changes waiting for an operator other than their proposer.</summary>
public sealed class TrafficApprovals(ITrafficChangeStore store) : IPendingApprovalSource
{
    public async Task<IReadOnlyList<PendingApproval>> ListPendingAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync(TrafficChangeStatus.Proposed, cancellationToken))
            .Select(c => new PendingApproval(ApprovalKind.TrafficChange, c.Id, c.Endpoint,
                $"Traffic split {TrafficService.Split(c.Weights)} (now {TrafficService.Split(c.Before)})",
                c.Reason, c.ProposedBy, c.ProposedAt, Permission.ApplyTrafficChange))
            .ToList();
}
