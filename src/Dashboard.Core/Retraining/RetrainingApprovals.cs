using Dashboard.Core.Approvals;
using Dashboard.Core.Security;

namespace Dashboard.Core.Retraining;

/// <summary>Proposed retraining runs, as changes waiting for an Operator other than their proposer (DecideCutover).</summary>
public sealed class RetrainingApprovals(IRetrainingStore store) : IPendingApprovalSource
{
    public async Task<IReadOnlyList<PendingApproval>> ListPendingAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync([RetrainingStatus.Proposed], 200, cancellationToken))
            .Select(r => new PendingApproval(ApprovalKind.Retraining, r.Id, r.Endpoint,
                $"Retrain with {r.Pipeline} — {RetrainingRun.FindingText(r.FindingKind).ToLowerInvariant()}: {r.Finding}", r.Reason, r.ProposedBy,
                r.ProposedAt, Permission.DecideCutover))
            .ToList();
}
