using System.Diagnostics;
using Dashboard.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Workers;

/// <summary>
/// A background loop that runs one round every <see cref="Interval"/>. A failed round is logged and never ends the loop;
/// failures in a row wait longer (<see cref="Backoff"/>, up to <see cref="MaxBackoff"/>) and a success resets the wait;
/// <see cref="WakeUp"/> starts the next round early; stopping the host ends a wait at once.
/// </summary>
public abstract partial class PeriodicWorker(TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    private int _failures;

    /// <summary>The wait between rounds while they succeed.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>The longest wait after failures in a row.</summary>
    protected virtual TimeSpan MaxBackoff => TimeSpan.FromMinutes(5);

    /// <summary>The wait before the first round.</summary>
    protected virtual TimeSpan FirstDelay => TimeSpan.Zero;

    /// <summary>When set, ends the wait for the next round early; null: rounds run on time only.</summary>
    protected virtual WakeUpSignal? WakeUp => null;

    /// <summary>What a round does, for the log: "Polling CloudWatch" failed.</summary>
    protected abstract string Work { get; }

    protected TimeProvider Time => timeProvider;

    /// <summary>Rounds failed in a row; 0 after a success.</summary>
    public int ConsecutiveFailures => _failures;

    /// <summary>A number in [0, 1) that spreads retries (full jitter); tests pin it.</summary>
    internal Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    /// <summary>One round. Throwing counts as a failure and the next round comes after the backoff.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>After a round succeeded.</summary>
    protected virtual void OnSucceeded()
    {
    }

    /// <summary>After a round failed and the failure was logged.</summary>
    protected virtual void OnFailed(Exception exception)
    {
    }

    /// <summary>After every round that was not cancelled, with how long it took (the telemetry of a poll round).</summary>
    protected virtual void OnRoundEnded(TimeSpan duration, bool succeeded)
    {
    }

    /// <summary>Runs one round with the loop's fault handling (never throws but when cancelled); tests call it directly.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        // A trace span per round, created only while something listens (DashboardTelemetry); AWS calls nest inside it.
        using var activity = DashboardTelemetry.Tracing.StartActivity(Work);
        var started = timeProvider.GetTimestamp();
        try
        {
            await RunAsync(cancellationToken);
            _failures = 0;
            OnSucceeded();
            OnRoundEnded(timeProvider.GetElapsedTime(started), succeeded: true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _failures++;
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            LogFailed(logger, ex, Work, _failures);
            OnFailed(ex);
            OnRoundEnded(timeProvider.GetElapsedTime(started), succeeded: false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (FirstDelay > TimeSpan.Zero)
            {
                await WaitAsync(FirstDelay, stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken);
                await WaitAsync(Backoff.NextDelay(Interval, _failures, MaxBackoff, Jitter()), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        WakeUp is { } signal ? signal.WaitAsync(delay, timeProvider, cancellationToken) : Task.Delay(delay, timeProvider, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed ({Failures} in a row); trying again after a backoff")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work, int failures);
}
