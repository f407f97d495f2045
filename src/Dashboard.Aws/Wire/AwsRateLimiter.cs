using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Dashboard.Aws.Wire;

/// <summary>
/// One rate limiter per service operation, shared by every client in the process, taken before each attempt
/// (retries included) so the dashboard stays under the quotas of <see cref="AwsRateLimits"/> instead of
/// learning them from Throttling errors. An empty bucket means waiting, never failing.
/// </summary>
public sealed class AwsRateLimiter : IDisposable
{
    private readonly Func<AwsRateLimit, RateLimiter> _createLimiter;
    private readonly TimeProvider _clock;
    // Lazy: GetOrAdd may run the factory twice under contention, and a discarded limiter would keep its timer.
    private readonly ConcurrentDictionary<(string Service, string Operation), Lazy<RateLimiter>> _limiters = new();

    /// <summary>The default table with real-time token buckets.</summary>
    public AwsRateLimiter() : this(AwsRateLimits.CreateTokenBucket, TimeProvider.System)
    {
    }

    /// <param name="createLimiter">Builds the limiter of one operation on its first call.</param>
    /// <param name="clock">The clock the limiters refill on; it measures the waits reported in <see cref="AwsCallStats"/>.</param>
    public AwsRateLimiter(Func<AwsRateLimit, RateLimiter> createLimiter, TimeProvider clock)
    {
        _createLimiter = createLimiter;
        _clock = clock;
    }

    /// <summary>Waits for a permit; returns how long that took, or null when one was free at once.</summary>
    internal async ValueTask<TimeSpan?> WaitAsync(string service, string operation, CancellationToken cancellationToken)
    {
        var limiter = _limiters.GetOrAdd((service, operation),
            key => new Lazy<RateLimiter>(() => _createLimiter(AwsRateLimits.For(key.Service, key.Operation)))).Value;
        var started = _clock.GetTimestamp();
        var pending = limiter.AcquireAsync(1, cancellationToken);
        var waited = !pending.IsCompleted;
        using var lease = await pending;
        if (!lease.IsAcquired)
        {
            // Only a limiter with a bounded queue (a replacement, not the default) can refuse.
            throw new InvalidOperationException($"The rate limiter of {service}.{operation} refused a permit.");
        }
        return waited ? _clock.GetElapsedTime(started) : null;
    }

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values.Where(l => l.IsValueCreated))
        {
            limiter.Value.Dispose();
        }
    }
}
