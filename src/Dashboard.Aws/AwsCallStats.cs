using System.Collections.Concurrent;
using Dashboard.Core.Telemetry;

namespace Dashboard.Aws;

/// <summary>Counters for one operation, as shown on the Connection page.</summary>
public sealed record AwsOperationStats(string Service, string Operation, long Calls, long Retries, long Throttles,
    long Failures, string? LastErrorCode, DateTimeOffset? LastFailureAt, long RateLimitedAttempts = 0,
    TimeSpan RateLimitWait = default);

/// <summary>
/// Process-wide call counters per service operation. "Calls" counts logical calls (not attempts), "Retries" the
/// extra attempts, "Throttles" every throttled attempt, "Failures" calls that ended in an exception,
/// "RateLimitedAttempts" the attempts that waited for the client-side rate limiter and "RateLimitWait" how long.
/// The same events go to <see cref="DashboardTelemetry"/>'s AWS instruments, so an exporter sees what the page shows.
/// </summary>
public sealed class AwsCallStats
{
    private readonly ConcurrentDictionary<(string Service, string Operation), Counters> _counters = new();

    public IReadOnlyList<AwsOperationStats> Snapshot() =>
        _counters
            .Select(pair => pair.Value.ToStats(pair.Key.Service, pair.Key.Operation))
            .OrderBy(s => s.Service, StringComparer.Ordinal)
            .ThenBy(s => s.Operation, StringComparer.Ordinal)
            .ToList();

    public AwsOperationStats? Get(string service, string operation) =>
        _counters.TryGetValue((service, operation), out var counters) ? counters.ToStats(service, operation) : null;

    internal void RecordCall(string service, string operation)
    {
        Interlocked.Increment(ref For(service, operation).Calls);
        DashboardTelemetry.AwsCalls.Add(1, DashboardTelemetry.AwsTags(service, operation));
    }

    internal void RecordRetry(string service, string operation)
    {
        Interlocked.Increment(ref For(service, operation).Retries);
        DashboardTelemetry.AwsRetries.Add(1, DashboardTelemetry.AwsTags(service, operation));
    }

    internal void RecordThrottle(string service, string operation)
    {
        Interlocked.Increment(ref For(service, operation).Throttles);
        DashboardTelemetry.AwsThrottles.Add(1, DashboardTelemetry.AwsTags(service, operation));
    }

    internal void RecordRateLimitWait(string service, string operation, TimeSpan waited)
    {
        var counters = For(service, operation);
        Interlocked.Increment(ref counters.RateLimitedAttempts);
        Interlocked.Add(ref counters.RateLimitWaitTicks, waited.Ticks);
    }

    internal void RecordFailure(string service, string operation, string errorCode, DateTimeOffset at)
    {
        var counters = For(service, operation);
        Interlocked.Increment(ref counters.Failures);
        var tags = DashboardTelemetry.AwsTags(service, operation);
        tags.Add("error.type", errorCode);
        DashboardTelemetry.AwsFailures.Add(1, tags);
        // The last error is informational; a lock keeps code and time consistent with each other.
        lock (counters)
        {
            counters.LastErrorCode = errorCode;
            counters.LastFailureAt = at;
        }
    }

    private Counters For(string service, string operation) => _counters.GetOrAdd((service, operation), _ => new Counters());

    private sealed class Counters
    {
        public long Calls;
        public long Retries;
        public long Throttles;
        public long Failures;
        public long RateLimitedAttempts;
        public long RateLimitWaitTicks;
        public string? LastErrorCode;
        public DateTimeOffset? LastFailureAt;

        public AwsOperationStats ToStats(string service, string operation)
        {
            lock (this)
            {
                return new AwsOperationStats(service, operation, Interlocked.Read(ref Calls), Interlocked.Read(ref Retries),
                    Interlocked.Read(ref Throttles), Interlocked.Read(ref Failures), LastErrorCode, LastFailureAt,
                    Interlocked.Read(ref RateLimitedAttempts), TimeSpan.FromTicks(Interlocked.Read(ref RateLimitWaitTicks)));
            }
        }
    }
}
