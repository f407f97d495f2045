using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Dashboard.Core.Tests.Workers;

public sealed class PeriodicWorkerTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly WatchedClock _clock = new(Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_RoundsSucceed_FirstAtOnceThenOneEveryInterval()
    {
        using var worker = new TestWorker(_clock);
        await worker.StartAsync(Ct);

        Assert.Equal(Minute, await _clock.NextWaitAsync(Ct));
        Assert.Equal(1, worker.Rounds);
        _clock.Advance(Minute - Second);
        Assert.Equal(1, worker.Rounds);
        _clock.Advance(Second);
        Assert.Equal(Minute, await _clock.NextWaitAsync(Ct));
        Assert.Equal(2, worker.Rounds);
    }

    [Fact]
    public async Task Run_WithAFirstDelay_FirstRoundWaitsForIt()
    {
        using var worker = new TestWorker(_clock) { Before = Minute };
        await worker.StartAsync(Ct);

        Assert.Equal(Minute, await _clock.AdvanceThroughNextWaitAsync(Ct));
        Assert.Equal(Minute, await _clock.NextWaitAsync(Ct));
        Assert.Equal(1, worker.Rounds);
    }

    [Fact]
    public async Task Run_WokenBeforeTheInterval_RunsTheNextRoundAtOnce()
    {
        var signal = new TestSignal();
        using var worker = new TestWorker(_clock) { Every = TimeSpan.FromHours(1), Signal = signal };
        await worker.StartAsync(Ct);
        await _clock.NextWaitAsync(Ct);

        signal.Set();

        Assert.Equal(TimeSpan.FromHours(1), await _clock.NextWaitAsync(Ct));
        Assert.Equal((2, Start), (worker.Rounds, _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData(1.0, new[] { 5.0, 10, 20, 40, 40, 40 })]
    [InlineData(0.5, new[] { 2.5, 5, 10, 20, 20, 20 })]
    public async Task Run_FailuresInARow_WaitsGrowFromTheBaseAndStopAtTheCap(double jitter, double[] seconds)
    {
        using var worker = new TestWorker(_clock) { Cap = TimeSpan.FromSeconds(40), Fails = _ => true, Jitter = () => jitter };
        await worker.StartAsync(Ct);

        var waits = new List<double>();
        for (var i = 0; i < seconds.Length; i++)
        {
            waits.Add((await _clock.AdvanceThroughNextWaitAsync(Ct)).TotalSeconds);
        }

        Assert.Equal(seconds, waits);
    }

    [Fact]
    public async Task Run_SuccessAfterFailures_WaitsTheIntervalAndTheNextFailureStartsOver()
    {
        using var worker = new TestWorker(_clock) { Fails = round => round is 1 or 2 or 3 or 6, Jitter = () => 1.0 };
        await worker.StartAsync(Ct);

        var waits = new List<double>();
        for (var round = 1; round <= 6; round++)
        {
            waits.Add((await _clock.AdvanceThroughNextWaitAsync(Ct)).TotalSeconds);
        }

        Assert.Equal([5.0, 10, 20, 60, 60, 5], waits);
    }

    [Fact]
    public async Task Run_RoundThrows_FailureLoggedAndTheLoopGoesOn()
    {
        var logger = new FakeLogger();
        using var worker = new TestWorker(_clock, logger) { Fails = round => round == 1, Jitter = () => 1.0 };
        await worker.StartAsync(Ct);

        await _clock.AdvanceThroughNextWaitAsync(Ct);
        Assert.Equal(Minute, await _clock.NextWaitAsync(Ct));

        Assert.Equal((2, 0, false), (worker.Rounds, worker.ConsecutiveFailures, worker.ExecuteTask!.IsCompleted));
        var failure = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal((LogLevel.Warning, "Testing failed (1 in a row); trying again after a backoff", "round 1 failed"),
            (failure.Level, failure.Message, failure.Exception?.Message));
    }

    [Fact]
    public async Task RunOnceAsync_RoundThrows_DoesNotThrowAndCountsTheFailures()
    {
        using var worker = new TestWorker(_clock) { Fails = _ => true };

        await worker.RunOnceAsync(Ct);
        await worker.RunOnceAsync(Ct);

        Assert.Equal(2, worker.ConsecutiveFailures);
    }

    [Fact]
    public async Task Stop_WhileWaiting_EndsTheLoopWithoutTimePassing()
    {
        using var worker = new TestWorker(_clock) { Every = TimeSpan.FromHours(1), Signal = new TestSignal() };
        await worker.StartAsync(Ct);
        await _clock.NextWaitAsync(Ct);

        await worker.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct); // a hang guard, not a timing assertion

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal((1, Start), (worker.Rounds, _clock.GetUtcNow()));
    }

    [Fact]
    public async Task Stop_DuringARound_EndsTheLoopAndIsNoFailure()
    {
        var logger = new FakeLogger();
        using var worker = new TestWorker(_clock, logger) { Hangs = true };
        await worker.StartAsync(Ct);
        await worker.Started.Task.WaitAsync(Ct);

        await worker.StopAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct); // a hang guard, not a timing assertion

        Assert.True(worker.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal((1, 0, 0), (worker.Rounds, worker.ConsecutiveFailures, logger.Collector.Count));
    }
}
