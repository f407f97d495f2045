using Dashboard.Core.Live;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Collectors;

/// <summary>
/// A background loop that polls one source: it never lets a fault escape (the dashboard stays up and keeps its
/// last good data), reports each outcome to the live store, and backs off with jitter while the source fails.
/// </summary>
public abstract class PollingCollector(LiveStore live, TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    private int _failures;

    /// <summary>The source name shown on pages ("SageMaker", "CloudWatch").</summary>
    protected abstract string Source { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract TimeSpan MaxBackoff { get; }

    protected LiveStore Live => live;

    protected TimeProvider Time => timeProvider;

    /// <summary>One poll. Throwing marks the source as failing; the next poll retries.</summary>
    protected abstract Task PollAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await PollOnceAsync(stoppingToken);
            var delay = Backoff.NextDelay(Interval, _failures, MaxBackoff, Random.Shared.NextDouble());
            try
            {
                await Task.Delay(delay, timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs one poll with the fault handling of the loop; tests call it directly.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PollAsync(cancellationToken);
            _failures = 0;
            live.ReportSuccess(Source);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _failures++;
            live.ReportFailure(Source, Describe(ex));
            logger.LogWarning(ex, "Polling {Source} failed ({Failures} in a row); keeping the last good data and retrying with backoff",
                Source, _failures);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        AwsServiceException aws => $"{aws.ErrorCode}: {aws.Message}",
        _ => ex.Message,
    };
}
