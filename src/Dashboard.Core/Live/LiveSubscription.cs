namespace Dashboard.Core.Live;

/// <summary>A throttled subscription: merges bursts of changes so a page redraws at most once per interval.</summary>
internal sealed class LiveSubscription : IDisposable
{
    private readonly LiveStore _store;
    private readonly Func<LiveChange, Task> _onChange;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private ITimer? _timer;
    private LiveChange? _pending;
    private DateTimeOffset _lastRun = DateTimeOffset.MinValue;
    private bool _disposed;

    public LiveSubscription(LiveStore store, Func<LiveChange, Task> onChange, TimeSpan minInterval, TimeProvider timeProvider)
    {
        _store = store;
        _onChange = onChange;
        _minInterval = minInterval;
        _timeProvider = timeProvider;
    }

    public void Signal(LiveChange change)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            var scheduled = _pending is not null;
            _pending = Merge(_pending, change);
            if (scheduled)
            {
                return;
            }
            var wait = _lastRun + _minInterval - _timeProvider.GetUtcNow();
            _timer?.Dispose();
            _timer = _timeProvider.CreateTimer(_ => _ = RunAsync(), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RunAsync()
    {
        LiveChange? change;
        lock (_lock)
        {
            change = _pending;
            _pending = null;
            _lastRun = _timeProvider.GetUtcNow();
        }
        if (change is null || _disposed)
        {
            return;
        }
        try
        {
            await _onChange(change);
        }
        catch (Exception)
        {
            // A subscriber's failure (e.g. a closed browser tab) must never reach the collectors.
        }
    }

    private static LiveChange Merge(LiveChange? pending, LiveChange change)
    {
        if (pending is null)
        {
            return change;
        }
        return new LiveChange(pending.Kind | change.Kind, pending.Endpoints.Union(change.Endpoints).ToArray());
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
        }
        _store.Remove(this);
    }
}
