using System.Threading.RateLimiting;

namespace Dashboard.Aws.Tests.Infrastructure;

/// <summary>
/// A bucket of permits that refills only when a test says so. TokenBucketRateLimiter cannot stand in: its manual
/// TryReplenish adds permits in proportion to the real time elapsed, so it would tie the tests to the wall clock.
/// </summary>
public sealed class ManualRateLimiter(int permits) : RateLimiter
{
    private readonly object _lock = new();
    private readonly Queue<Waiter> _queue = new();
    private int _available = permits;

    public override TimeSpan? IdleDuration => null;

    public int QueuedCount
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count(w => !w.Completion.Task.IsCompleted);
            }
        }
    }

    public void Refill(int count)
    {
        var granted = new List<Waiter>();
        lock (_lock)
        {
            _available += count;
            while (_available > 0 && _queue.TryDequeue(out var waiter))
            {
                if (!waiter.Completion.Task.IsCompleted)
                {
                    _available--;
                    granted.Add(waiter);
                }
            }
        }
        // Outside the lock: completing a waiter runs the caller's continuation.
        foreach (var waiter in granted)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(new Lease(true));
        }
    }

    public override RateLimiterStatistics GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = _available, CurrentQueuedCount = QueuedCount };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            if (_available >= permitCount && _queue.Count == 0)
            {
                _available -= permitCount;
                return new Lease(true);
            }
            return new Lease(false);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_available >= permitCount && _queue.Count == 0)
            {
                _available -= permitCount;
                return ValueTask.FromResult<RateLimitLease>(new Lease(true));
            }
            var completion = new TaskCompletionSource<RateLimitLease>(TaskCreationOptions.RunContinuationsAsynchronously);
            var registration = cancellationToken.Register(() => completion.TrySetCanceled(cancellationToken));
            _queue.Enqueue(new Waiter(completion, registration));
            return new ValueTask<RateLimitLease>(completion.Task);
        }
    }

    private sealed record Waiter(TaskCompletionSource<RateLimitLease> Completion, CancellationTokenRegistration Registration);

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
