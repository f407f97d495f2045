namespace Dashboard.Core.Notifications;

/// <summary>Wakes the webhook dispatcher when deliveries are queued, so they go out at once instead of at the next poll.</summary>
public sealed class DeliverySignal
{
    private readonly SemaphoreSlim _queued = new(0, 1);

    public void Set()
    {
        // Several signals before the dispatcher wakes are one wake-up.
        try
        {
            _queued.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    /// <summary>Waits until <see cref="Set"/> or until <paramref name="timeout"/> passes on <paramref name="timeProvider"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = _queued.WaitAsync(stop.Token);
        var elapsed = Task.Delay(timeout, timeProvider, stop.Token);
        await Task.WhenAny(signalled, elapsed);
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
