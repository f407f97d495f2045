using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Workers;

/// <summary>
/// A fake clock that tells each wait started on it, so a test advances time only once a worker waits (a wait started
/// after the advance would miss it) and sees how long each wait is.
/// </summary>
internal sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    // Only turns a worker that never waits into a failed test instead of a hung run; no assertion is timed.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _waits.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The length of the next wait, once it has started.</summary>
    public async Task<TimeSpan> NextWaitAsync(CancellationToken cancellationToken) =>
        await _waits.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(HangGuard, cancellationToken);

    /// <summary>Waits for the next wait to start, then advances the clock through it; returns its length.</summary>
    public async Task<TimeSpan> AdvanceThroughNextWaitAsync(CancellationToken cancellationToken)
    {
        var wait = await NextWaitAsync(cancellationToken);
        Advance(wait);
        return wait;
    }
}
