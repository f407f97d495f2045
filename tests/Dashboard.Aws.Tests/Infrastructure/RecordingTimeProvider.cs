using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Aws.Tests.Infrastructure;

/// <summary>
/// A FakeTimeProvider that also records the due time of every timer created, so a test can wait until the
/// client is really sleeping before it advances the clock (and can check the length of the sleep).
/// </summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public IReadOnlyList<TimeSpan> DueTimes => _dueTimes.ToArray();

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _dueTimes.Enqueue(dueTime);
        return Fake.CreateTimer(callback, state, dueTime, period);
    }

    public async Task WaitForTimerAsync(TimeSpan dueTime, int count = 1)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_dueTimes.Count(d => d == dueTime) < count)
        {
            await Task.Delay(10, giveUp.Token);
        }
    }
}
