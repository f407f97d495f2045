namespace Dashboard.Core.Workers;

/// <summary>
/// The lock behind the worker lease: a PostgreSQL advisory lock shared by every replica on the database, or, on SQLite
/// (one process by design), a lock this process always gets. Kept narrow so the gate is tested with a fake.
/// </summary>
public interface IWorkerLeaseLock
{
    /// <summary>
    /// Waits up to <paramref name="wait"/> for the lease; null when another replica holds it. Throws when the database
    /// cannot be reached (the caller tries again).
    /// </summary>
    Task<IWorkerLeaseHandle?> TryAcquireAsync(TimeSpan wait, CancellationToken cancellationToken);
}

/// <summary>The lease while held: <see cref="Lost"/> fires when it is gone (its connection broke); disposing gives it up.</summary>
public interface IWorkerLeaseHandle : IAsyncDisposable
{
    CancellationToken Lost { get; }
}
