namespace Dashboard.Core.Approvals;

/// <summary>Every change waiting for a second person, of every kind, oldest first: what has waited longest is decided first.</summary>
public sealed class PendingApprovals(IEnumerable<IPendingApprovalSource> sources)
{
    public async Task<IReadOnlyList<PendingApproval>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<PendingApproval>();
        foreach (var source in sources)
        {
            all.AddRange(await source.ListPendingAsync(cancellationToken));
        }
        return all.OrderBy(a => a.ProposedAt).ThenBy(a => a.Kind).ThenBy(a => a.Id).ToList();
    }
}
