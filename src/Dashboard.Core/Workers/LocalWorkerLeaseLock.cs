namespace Dashboard.Core.Workers;

/// <summary>
/// The lease of a dashboard that is the only process on its database (SQLite): always this process's, never lost.
/// </summary>
public sealed class LocalWorkerLeaseLock : IWorkerLeaseLock
{
    public Task<IWorkerLeaseHandle?> TryAcquireAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        Task.FromResult<IWorkerLeaseHandle?>(new Held());

    private sealed class Held : IWorkerLeaseHandle
    {
        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
