using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Audit;

/// <summary>
/// Appends records one at a time, each in its own transaction. Appends from this process queue on a semaphore;
/// another process appending at the same moment makes the insert fail on the unique previous hash, and the append
/// is retried once on the new head.
/// </summary>
public sealed class AuditLog(IDbContextFactory<DashboardDbContext> contexts, TimeProvider time) : IAuditLog, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<AuditRecord> AppendAsync(Actor actor, AuditEvent change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            try
            {
                return await AppendOnceAsync(actor, change, cancellationToken);
            }
            catch (DbUpdateException e) when (ConstraintErrors.IsAny(e))
            {
                return await AppendOnceAsync(actor, change, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<AuditRecord> AppendOnceAsync(Actor actor, AuditEvent change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = await AuditAppender.AddAsync(db, actor, change, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record;
    }
}
