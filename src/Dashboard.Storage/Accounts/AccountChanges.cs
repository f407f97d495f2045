using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Audit;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Accounts;

/// <summary>
/// Changes of local accounts, made through ASP.NET Core Identity on a scope's <see cref="DashboardDbContext"/>, in one
/// immediate transaction with their audit record: a change is stored with its record or not at all. The database keeps
/// at least one administrator (triggers of migration TrafficAndAccountInvariants): removing the last Admin role, or
/// deleting the user who holds it, fails inside that transaction however many administrators act at once.
/// </summary>
public static class AccountChanges
{
    /// <summary>The triggers' refusal, as SQLite reports it.</summary>
    public const string LastAdministrator = "the last administrator must stay";


    /// <summary>
    /// Runs <paramref name="change"/> in a transaction on <paramref name="db"/>; commits it with the audit record it
    /// returns, or rolls everything back when it returns none (a refusal after a partial step stores nothing).
    /// </summary>
    public static async Task<T> SaveAsync<T>(DashboardDbContext db, TimeProvider time, Actor actor,
        Func<Task<(T Result, AuditEvent? Change)>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (result, audit) = await change();
        if (audit is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return result;
        }
        await AuditAppender.AddAsync(db, actor, audit, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Whether the database refused a change because it would leave no administrator.</summary>
    public static bool IsLastAdministrator(Exception exception) =>
        ConstraintErrors.IsUpdateRefusal(exception, LastAdministrator);
}
