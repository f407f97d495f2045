using Dashboard.Core.Approvals;
using Dashboard.Core.Security;

namespace Dashboard.Core.Deployments;

/// <summary>Proposed deployments, as changes waiting for an Operator other than their proposer.</summary>
public sealed class DeploymentApprovals(IDeploymentStore store) : IPendingApprovalSource
{
    public async Task<IReadOnlyList<PendingApproval>> ListPendingAsync(CancellationToken cancellationToken) =>
        (await store.ListAsync([DeploymentStatus.Proposed], 200, cancellationToken))
            .Select(d => new PendingApproval(ApprovalKind.Deployment, d.Id, d.Endpoint,
                $"Deploy {d.Plan.Models()} — {d.Plan.StrategyName}", d.Reason, d.ProposedBy, d.ProposedAt, Permission.DecideCutover))
            .ToList();
}
