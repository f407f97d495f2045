using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Traffic;

/// <summary>Traffic changes in SQLite; each step and its audit record share one transaction.</summary>
public sealed class TrafficChangeStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider timeProvider) : ITrafficChangeStore
{
    private static readonly string[] Open = [nameof(TrafficChangeStatus.Proposed), nameof(TrafficChangeStatus.Applying)];

    public Task<TrafficChange> AddAsync(TrafficChange proposal, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        // The transaction is BEGIN IMMEDIATE: no other writer can add a second open change between this check and the commit.
        return AuditAppender.SaveAsync<TrafficChange>(contexts, timeProvider, actor, async (db, _) =>
        {
            var open = await db.TrafficChanges.AsNoTracking()
                .FirstOrDefaultAsync(c => c.Endpoint == proposal.Endpoint && Open.Contains(c.Status), cancellationToken);
            if (open is not null)
            {
                throw new TrafficConflictException($"{open.ProposedBy} has already proposed a change for {open.Endpoint} that is still open.");
            }
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
            return () =>
            {
                var stored = ToChange(row);
                return (stored, TrafficAudit.ToEvent(stored));
            };
        }, cancellationToken);
    }

    public Task<TrafficChange> MoveAsync(TrafficChange next, TrafficChangeStatus from, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Status == TrafficChangeStatus.Proposed || next.DecidedAt is null)
        {
            throw new ArgumentException("A change moves on from a proposal with a decision time.", nameof(next));
        }
        return AuditAppender.SaveAsync<TrafficChange>(contexts, timeProvider, actor, async (db, _) =>
        {
            var row = await db.TrafficChanges.SingleOrDefaultAsync(c => c.Id == next.Id, cancellationToken)
                ?? throw new TrafficConflictException($"There is no traffic change #{next.Id}.");
            if (row.Status != from.ToString())
            {
                throw new TrafficConflictException(ToChange(row).Decided);
            }
            row.Status = next.Status.ToString();
            row.DecidedBy = next.DecidedBy;
            row.DecidedAt = next.DecidedAt?.ToUnixTimeSeconds();
            row.DecisionNote = next.DecisionNote;
            row.AppliedAt = next.AppliedAt?.ToUnixTimeSeconds();
            row.Error = next.Error;
            var stored = ToChange(row);
            return () => (stored, TrafficAudit.ToEvent(stored));
        }, cancellationToken);
    }

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

    private static TrafficChange ToChange(StoredTrafficChange row) => new(
        row.Id, row.Endpoint, TrafficAudit.Deserialize(row.Weights), TrafficAudit.Deserialize(row.Before), row.Reason,
        Enum.Parse<TrafficChangeStatus>(row.Status), row.ProposedBy, DateTimeOffset.FromUnixTimeSeconds(row.ProposedAt),
        row.DecidedBy, row.DecidedAt is { } decided ? DateTimeOffset.FromUnixTimeSeconds(decided) : null, row.DecisionNote,
        row.AppliedAt is { } applied ? DateTimeOffset.FromUnixTimeSeconds(applied) : null, row.Error);
}
