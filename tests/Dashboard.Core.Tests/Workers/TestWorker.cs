using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Core.Tests.Workers;

/// <summary>A worker whose rounds count themselves and fail, or hang until stopped, as the test says.</summary>
internal sealed class TestWorker(TimeProvider time, ILogger? logger = null) : PeriodicWorker(time, logger ?? NullLogger.Instance)
{
    private int _rounds;

    /// <summary>Rounds started so far.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan Cap { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan Before { get; init; } = TimeSpan.Zero;

    public WakeUpSignal? Signal { get; init; }

    /// <summary>Whether round n (from 1) throws.</summary>
    public Func<int, bool> Fails { get; init; } = _ => false;

    /// <summary>Rounds wait until the worker stops.</summary>
    public bool Hangs { get; init; }

    /// <summary>Completed when the first round starts.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override TimeSpan Interval => Every;

    protected override TimeSpan MaxBackoff => Cap;

    protected override TimeSpan FirstDelay => Before;

    protected override WakeUpSignal? WakeUp => Signal;

    protected override string Work => "Testing";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var round = Interlocked.Increment(ref _rounds);
        Started.TrySetResult();
        if (Hangs)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        if (Fails(round))
        {
            throw new InvalidOperationException($"round {round} failed");
        }
    }
}

internal sealed class TestSignal : WakeUpSignal;
