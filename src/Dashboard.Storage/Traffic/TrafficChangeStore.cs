using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Traffic;

/// <summary>
/// Traffic changes in SQLite; each step and its audit record share one transaction. The database itself keeps the two
/// rules four eyes rests on, whoever writes: a unique index allows one open change per endpoint, and a trigger lets a
/// change leave Proposed once and Applying once (migration TrafficAndAccountInvariants).
/// </summary>
public sealed class TrafficChangeStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : ITrafficChangeStore
{
    /// <summary>The partial unique index on Endpoint over the open statuses.</summary>
    public const string OpenIndex = "IX_TrafficChanges_OneOpenPerEndpoint";

    /// <summary>The trigger's refusal of a move that is not Proposed → decided or Applying → outcome.</summary>
    public const string DecidedOnce = "traffic change already decided";


    private static readonly string[] Open = [nameof(TrafficChangeStatus.Proposed), nameof(TrafficChangeStatus.Applying)];

    public async Task<TrafficChange> AddAsync(TrafficChange proposal, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        try
        {
            return await InsertAsync(proposal, actor, cancellationToken);
        }
        catch (DbUpdateException e) when (ConstraintErrors.IsUnique(e, "TrafficChanges.Endpoint", OpenIndex)
            || ConstraintErrors.IsRefusal(e, Deployments.DeploymentStore.OpenChange))
        {
            // The endpoint has an open change (however recently another writer committed it): the index refused this one.
            throw new TrafficConflictException(await OpenConflictAsync(proposal.Endpoint, cancellationToken));
        }
    }

    private Task<TrafficChange> InsertAsync(TrafficChange proposal, Actor actor, CancellationToken cancellationToken) =>
        AuditAppender.SaveAsync<TrafficChange>(contexts, timeProvider, actor, (db, _) =>
        {
            var row = new StoredTrafficChange
            {
                Endpoint = proposal.Endpoint,
                Weights = TrafficAudit.Serialize(proposal.Weights),
                Before = TrafficAudit.Serialize(proposal.Before),
                Reason = proposal.Reason,
                Status = nameof(TrafficChangeStatus.Proposed),
                ProposedBy = proposal.ProposedBy,
                ProposedAt = proposal.ProposedAt.ToUnixTimeSeconds(),
            };
            db.TrafficChanges.Add(row);
            // The audit record names the change by its id, which SQLite assigns on insert.
            return Task.FromResult<Func<(TrafficChange, AuditEvent?)>>(() =>
            {
                var stored = ToChange(row);
                return (stored, TrafficAudit.ToEvent(stored));
            });
        }, cancellationToken);

    public async Task<TrafficChange> MoveAsync(TrafficChange next, TrafficChangeStatus from, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Status == TrafficChangeStatus.Proposed || next.DecidedAt is null)
        {
            throw new ArgumentException("A change moves on from a proposal with a decision time.", nameof(next));
        }
        try
        {
            return await UpdateAsync(next, from, actor, cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException
            || ConstraintErrors.IsRefusal(e, DecidedOnce))
        {
            // Not (or no longer) in `from`: the conditional update changed no row, or the trigger refused the move.
            throw new TrafficConflictException((await FindAsync(next.Id, cancellationToken))?.Decided ?? $"There is no traffic change #{next.Id}.");
        }
    }

    private Task<TrafficChange> UpdateAsync(TrafficChange next, TrafficChangeStatus from, Actor actor, CancellationToken cancellationToken) =>
        AuditAppender.SaveAsync<TrafficChange>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.TrafficChanges.SingleOrDefaultAsync(c => c.Id == next.Id, cancellationToken)
                ?? throw new TrafficConflictException($"There is no traffic change #{next.Id}.");
            // UPDATE … WHERE Id = @id AND Status = @from: the move applies only to a change still in `from` when it is
            // written, whatever was read (Status is the concurrency token).
            db.Entry(row).Property(c => c.Status).OriginalValue = from.ToString();
            row.Status = next.Status.ToString();
            row.DecidedBy = next.DecidedBy;
            row.DecidedAt = next.DecidedAt?.ToUnixTimeSeconds();
            row.DecisionNote = next.DecisionNote;
            row.AppliedAt = next.AppliedAt?.ToUnixTimeSeconds();
            row.Error = next.Error;
            var stored = ToChange(row);
            return () => (stored, TrafficAudit.ToEvent(stored));
        }, cancellationToken);

    public async Task<IReadOnlyList<TrafficChange>> ListAsync(TrafficChangeStatus status, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = status.ToString();
        var rows = await db.TrafficChanges.AsNoTracking().Where(c => c.Status == name).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return rows.Select(ToChange).ToList();
    }

    public async Task<TrafficChange?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.TrafficChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return row is null ? null : ToChange(row);
    }

    public async Task<IReadOnlyList<TrafficChange>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.TrafficChanges.AsNoTracking().Where(c => c.Endpoint == endpoint)
            .OrderByDescending(c => c.ProposedAt).ThenByDescending(c => c.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.Select(ToChange).ToList();
    }

    private async Task<string> OpenConflictAsync(string endpoint, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.TrafficChanges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Endpoint == endpoint && Open.Contains(c.Status), cancellationToken);
        if (open is not null)
        {
            return OpenMessage(open);
        }
        var deployment = await db.Deployments.AsNoTracking().OrderByDescending(d => d.Id).FirstOrDefaultAsync(d => d.Endpoint == endpoint, cancellationToken);
        return deployment is not null && Deployments.DeploymentStore.OpenStatuses.Contains(deployment.Status)
            ? $"Deployment #{deployment.Id} is still open on {endpoint}; weights can change once it has finished."
            : $"Another change for {endpoint} was proposed at the same moment.";
    }

    private static string OpenMessage(StoredTrafficChange open) =>
        $"{open.ProposedBy} has already proposed a change for {open.Endpoint} that is still open.";

    private static TrafficChange ToChange(StoredTrafficChange row) => new(
        row.Id, row.Endpoint, TrafficAudit.Deserialize(row.Weights), TrafficAudit.Deserialize(row.Before), row.Reason,
        Enum.Parse<TrafficChangeStatus>(row.Status), row.ProposedBy, DateTimeOffset.FromUnixTimeSeconds(row.ProposedAt),
        row.DecidedBy, row.DecidedAt is { } decided ? DateTimeOffset.FromUnixTimeSeconds(decided) : null, row.DecisionNote,
        row.AppliedAt is { } applied ? DateTimeOffset.FromUnixTimeSeconds(applied) : null, row.Error);
}
