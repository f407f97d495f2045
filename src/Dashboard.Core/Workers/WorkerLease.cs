using Dashboard.Core.Replicas;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Workers;

/// <summary>
/// The one place that decides whether this replica runs the leader-only workers (<see cref="LeaseGatedWorker"/>): it
/// waits for the worker lease, starts them all when it is gained, and stops them all at once when it is lost (the
/// lock's connection broke) or the host stops, before the lease is given up, so two replicas never run them together.
/// Workers resume from what they stored, so whichever replica takes over carries on where the last holder stopped.
/// </summary>
public sealed partial class WorkerLease(IWorkerLeaseLock leaseLock, IEnumerable<LeaseGatedWorker> workers, IReplicaStore replicas,
    ReplicaIdentity replica, TimeProvider timeProvider, ILogger<WorkerLease> logger) : BackgroundService, IWorkerLeaseState
{
    /// <summary>How long each attempt waits for the lease on the server: a freed lease is taken at once, not at the next attempt.</summary>
    public static readonly TimeSpan AcquireWait = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<LeaseGatedWorker> _workers = workers.ToList();
    private volatile LeaseView _view = new(false, null, null);

    public bool HeldHere => _view.HeldHere;

    public string? Holder => _view.Holder;

    public DateTimeOffset? Since => _view.Since;

    /// <summary>The workers this lease starts and stops, for tests and the log.</summary>
    public IReadOnlyList<LeaseGatedWorker> Workers => _workers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            IWorkerLeaseHandle? handle;
            try
            {
                handle = await leaseLock.TryAcquireAsync(AcquireWait, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                LogUnreachable(logger, ex, failures);
                if (!await WaitAsync(Backoff.NextDelay(AcquireWait, failures, MaxBackoff, Random.Shared.NextDouble()), stoppingToken))
                {
                    return;
                }
                continue;
            }
            if (handle is null)
            {
                await LearnHolderAsync(stoppingToken);
                continue;
            }
            await HoldAsync(handle, stoppingToken);
        }
    }

    private async Task HoldAsync(IWorkerLeaseHandle handle, CancellationToken stoppingToken)
    {
        try
        {
            await HoldUntilLostAsync(handle, stoppingToken);
        }
        finally
        {
            // Releasing a lock whose connection is gone (a database restart) fails; the server freed it with the session.
            try
            {
                await handle.DisposeAsync();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogReleaseFailed(logger, ex);
            }
        }
    }

    private async Task HoldUntilLostAsync(IWorkerLeaseHandle handle, CancellationToken stoppingToken)
    {
        var since = timeProvider.GetUtcNow();
        LogGained(logger, replica.Id, _workers.Count);
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, handle.Lost);
        await RecordAsync(() => replicas.ClaimLeaseAsync(replica, since, held.Token), "claim");
        await StartWorkersAsync(held.Token);
        // Held here means the workers run: said once they are started, unsaid before they are stopped.
        _view = new LeaseView(true, replica.Id, since);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, timeProvider, held.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _view = new LeaseView(false, null, null);
        await StopWorkersAsync();
        if (stoppingToken.IsCancellationRequested)
        {
            LogReleased(logger, replica.Id);
        }
        else
        {
            LogLost(logger, replica.Id);
        }
        using var release = new CancellationTokenSource(TimeSpan.FromSeconds(5), timeProvider);
        await RecordAsync(() => replicas.ReleaseLeaseAsync(replica, release.Token), "release");
    }

    private async Task StartWorkersAsync(CancellationToken held)
    {
        foreach (var worker in _workers)
        {
            try
            {
                // Linked to the lease: a lost lease cancels the worker's rounds even before StopAsync reaches it.
                await worker.Service.StartAsync(held);
            }
            catch (OperationCanceledException) when (held.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogStartFailed(logger, ex, worker.Name);
            }
        }
    }

    private async Task StopWorkersAsync()
    {
        // Every worker is told to stop before any is waited for: nothing leader-only keeps going while another waits.
        using var timeout = new CancellationTokenSource(StopWait, timeProvider);
        await Task.WhenAll(_workers.Select(async worker =>
        {
            try
            {
                await worker.Service.StopAsync(timeout.Token);
            }
            catch (Exception ex)
            {
                LogStopFailed(logger, ex, worker.Name);
            }
        }));
    }

    /// <summary>Who holds the lease, from the replicas' rows (the holder marks its own when it gains it).</summary>
    private async Task LearnHolderAsync(CancellationToken stoppingToken)
    {
        try
        {
            var now = timeProvider.GetUtcNow();
            var holder = (await replicas.ListAsync(stoppingToken)).FirstOrDefault(r => r.HoldsLeaseSince is not null && !r.IsGone(now));
            _view = new LeaseView(false, holder?.Id, holder?.HoldsLeaseSince);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogHolderUnknown(logger, ex);
        }
    }

    private async Task RecordAsync(Func<Task> write, string what)
    {
        try
        {
            await write();
        }
        catch (Exception ex)
        {
            // The mark is for people; the lock decides. The next holder's claim overwrites a stale mark.
            LogMarkFailed(logger, ex, what);
        }
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record LeaseView(bool HeldHere, string? Holder, DateTimeOffset? Since);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker lease gained by replica {Replica}: starting {Count} leader-only workers")]
    private static partial void LogGained(ILogger logger, string replica, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Worker lease lost by replica {Replica} (its database connection broke): leader-only workers stopped")]
    private static partial void LogLost(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker lease released by replica {Replica}: leader-only workers stopped")]
    private static partial void LogReleased(ILogger logger, string replica);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot ask the database for the worker lease ({Failures} in a row); trying again after a backoff")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "Leader-only worker {Worker} did not start")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string worker);

    [LoggerMessage(Level = LogLevel.Error, Message = "Leader-only worker {Worker} did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception, string worker);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cannot read which replica holds the worker lease")]
    private static partial void LogHolderUnknown(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot record the worker lease's {What} in the replicas table")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing the worker lease failed (its connection is gone; the server frees the lock with it)")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);
}
