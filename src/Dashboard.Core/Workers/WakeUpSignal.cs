namespace Dashboard.Core.Workers;

/// <summary>
/// Starts a <see cref="PeriodicWorker"/>'s next round before its interval is out, e.g. when work was queued. Each worker
/// that wakes has its own subclass, so the container hands every signal to the right worker.
/// </summary>
public abstract class WakeUpSignal
{
    private readonly SemaphoreSlim _set = new(0, 1);

    public void Set()
    {
        // Several signals before the worker wakes are one wake-up.
        try
        {
            _set.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Waits until <see cref="Set"/> or until <paramref name="timeout"/> passes on <paramref name="timeProvider"/>.</summary>
    internal async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _set.WaitAsync(stop.Token);
        var elapsed = Task.Delay(timeout, timeProvider, stop.Token);
        await Task.WhenAny(signalled, elapsed);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
