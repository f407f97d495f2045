using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Audit;

/// <summary>
/// Adds an audit record to a context the caller owns, inside the caller's open transaction, so a change and its record
/// commit together or not at all (usage: docs/audit-trail.md).
/// </summary>
internal static class AuditAppender
{
    public static async Task<AuditRecord> AddAsync(DashboardDbContext db, Actor actor, AuditEvent change, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Begin a transaction on the context before adding an audit record, so the chain head cannot move under it.");
        }

        var (sequence, hash) = await HeadAsync(db, cancellationToken);
        var record = AuditChain.Seal(sequence, hash, now, actor, change);
        db.AuditRecords.Add(AuditMapping.ToStored(record));
        return record;
    }

    /// <summary>
    /// The usual shape of an audited change: a new context and transaction, <paramref name="change"/> makes the change,
    /// the rows are saved (so generated ids exist), then the continuation it returned gives the result and the event to
    /// record (null: nothing changed, nothing recorded); the change and its record commit together or not at all.
    /// </summary>
    public static async Task<T> SaveAsync<T>(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time, Actor actor,
        Func<DashboardDbContext, DateTimeOffset, Task<Func<(T Result, AuditEvent? Change)>>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var saved = await change(db, now);
        await db.SaveChangesAsync(cancellationToken);
        var (result, audit) = saved();
        if (audit is not null)
        {
            await AddAsync(db, actor, audit, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The PostgreSQL advisory lock (transaction-scoped) that makes appends from several processes take turns.</summary>
    private const long AppendLock = 0x6175646974; // "audit"

    private static async Task<(long Sequence, string Hash)> HeadAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        // Records added to this context but not yet saved are ahead of the stored head.
        var pending = db.ChangeTracker.Entries<StoredAuditRecord>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .MaxBy(r => r.Sequence);
        if (pending is not null)
        {
            return (pending.Sequence, pending.Hash);
        }
        // Appends from other processes wait here until this transaction ends. SQLite needs no lock: it has one writer at a time.
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLock})", cancellationToken);
        }
        var head = await db.AuditRecords.AsNoTracking()
            .OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        return head is null ? (0, AuditChain.GenesisHash) : (head.Sequence, head.Hash);
    }
}
