using System.Collections.Concurrent;
using Dashboard.Aws.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Aws.Tests.Infrastructure;

/// <summary>
/// An <see cref="AwsRateLimiter"/> whose per-operation buckets hold <c>budget</c> permits and refill only in
/// <see cref="Refill"/>, which also moves a <see cref="FakeTimeProvider"/> on: waits are exact and nothing depends
/// on the wall clock.
/// </summary>
public sealed class ManualRateLimits(int budget)
{
    private readonly ConcurrentDictionary<(string Service, string Operation), ManualRateLimiter> _buckets = new();
    private readonly ConcurrentQueue<AwsRateLimit> _requested = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The table rows the limiter asked buckets for, one per operation used.</summary>
    public IReadOnlyList<AwsRateLimit> Requested => _requested.ToArray();

    public AwsRateLimiter CreateLimiter() => new(limit =>
    {
        _requested.Enqueue(limit);
        return _buckets.GetOrAdd((limit.Service, limit.Operation), _ => new ManualRateLimiter(budget));
    }, Time);

    /// <summary>Moves the clock on by <paramref name="elapsed"/>, then puts <c>budget</c> permits back.</summary>
    public void Refill(string service, string operation, TimeSpan elapsed)
    {
        Time.Advance(elapsed);
        _buckets[(service, operation)].Refill(budget);
    }

    /// <summary>Returns once <paramref name="count"/> callers wait in the operation's queue (bounded in real time).</summary>
    public async Task WaitForQueuedAsync(string service, string operation, int count = 1)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!_buckets.TryGetValue((service, operation), out var bucket) || bucket.QueuedCount < count)
        {
            await Task.Delay(5, giveUp.Token);
        }
    }
}
