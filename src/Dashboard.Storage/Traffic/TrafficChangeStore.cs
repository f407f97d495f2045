using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Traffic;

/// <summary>Traffic changes in SQLite; each step and its audit record share one transaction.</summary>
public sealed class TrafficChangeStore(IDbContextFactory<DashboardDbContext> contexts) : ITrafficChangeStore
{
    private static readonly string Proposed = nameof(TrafficChangeStatus.Proposed);

    public async Task<TrafficChange> AddAsync(TrafficChange proposal, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // BEGIN IMMEDIATE: no other writer can add a second open proposal between this check and the commit.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var open = await db.TrafficChanges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Endpoint == proposal.Endpoint && c.Status == Proposed, cancellationToken);
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
            Status = Proposed,
            ProposedBy = proposal.ProposedBy,
            ProposedAt = proposal.ProposedAt.ToUnixTimeSeconds(),
        };
        db.TrafficChanges.Add(row);
        // The audit record names the change by its id, which SQLite assigns on insert.
        await db.SaveChangesAsync(cancellationToken);
        var stored = ToChange(row);
        await AuditAppender.AddAsync(db, actor, TrafficAudit.ToEvent(stored), proposal.ProposedAt, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<TrafficChange> DecideAsync(TrafficChange decided, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decided);
        ArgumentNullException.ThrowIfNull(actor);
        if (decided.Status == TrafficChangeStatus.Proposed || decided.DecidedAt is not { } decidedAt)
        {
            throw new ArgumentException("A decision has a final status and a time.", nameof(decided));
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.TrafficChanges.SingleOrDefaultAsync(c => c.Id == decided.Id, cancellationToken)
            ?? throw new TrafficConflictException($"There is no traffic change #{decided.Id}.");
        if (row.Status != Proposed)
        {
            throw new TrafficConflictException($"Traffic change #{row.Id} was already {row.Status.ToLowerInvariant()} by {row.DecidedBy ?? row.ProposedBy}.");
        }
        row.Status = decided.Status.ToString();
        row.DecidedBy = decided.DecidedBy;
        row.DecidedAt = decidedAt.ToUnixTimeSeconds();
        row.DecisionNote = decided.DecisionNote;
        row.AppliedAt = decided.AppliedAt?.ToUnixTimeSeconds();
        row.Error = decided.Error;
        var stored = ToChange(row);
        await AuditAppender.AddAsync(db, actor, TrafficAudit.ToEvent(stored), decidedAt, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stored;
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
