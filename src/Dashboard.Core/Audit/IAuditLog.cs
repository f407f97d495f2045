using Dashboard.Core.Security;

namespace Dashboard.Core.Audit;

/// <summary>Appends to the tamper-evident audit trail. Records are never updated or deleted.</summary>
public interface IAuditLog
{
    Task<AuditRecord> AppendAsync(Actor actor, AuditEvent change, CancellationToken cancellationToken = default);
}
