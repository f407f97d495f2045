namespace Dashboard.Core.Workers;

/// <summary>
/// The wait before a worker's next round: the interval while rounds succeed; after failures, exponential growth
/// from the interval with full jitter, capped, so many replicas do not retry in step. Resets on success.
/// </summary>
public static class Backoff
{
    public static TimeSpan NextDelay(TimeSpan interval, int consecutiveFailures, TimeSpan cap, double random01)
    {
        if (consecutiveFailures <= 0)
        {
            return interval;
        }
        var baseDelay = TimeSpan.FromSeconds(Math.Min(interval.TotalSeconds, 5));
        var exponential = baseDelay * Math.Pow(2, Math.Min(consecutiveFailures - 1, 16));
        var capped = exponential < cap ? exponential : cap;
        // Never retry immediately: at least one second between attempts.
        return TimeSpan.FromSeconds(Math.Max(1, capped.TotalSeconds * random01));
    }
}
