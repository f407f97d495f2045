using Dashboard.Core.Live;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Collectors;

/// <summary>
/// A worker that polls one source and reports each outcome to the live store, so pages show a failing source while
/// they keep its last good data.
/// </summary>
public abstract class PollingCollector(LiveStore live, TimeProvider timeProvider, ILogger logger) : PeriodicWorker(timeProvider, logger)
{
    /// <summary>The source name shown on pages ("SageMaker", "CloudWatch").</summary>
    protected abstract string Source { get; }

    protected override string Work => $"Polling {Source}";

    protected LiveStore Live => live;

    /// <summary>One poll. Throwing marks the source as failing; the next poll retries.</summary>
    protected abstract Task PollAsync(CancellationToken cancellationToken);

    /// <summary>One poll with the loop's fault handling: <see cref="PeriodicWorker.RunOnceAsync"/> by the collectors' name.</summary>
    public Task PollOnceAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected sealed override Task RunAsync(CancellationToken cancellationToken) => PollAsync(cancellationToken);

    protected override void OnSucceeded() => live.ReportSuccess(Source);

    protected override void OnFailed(Exception exception) => live.ReportFailure(Source, Describe(exception));

    private static string Describe(Exception ex) => ex switch
    {
        AwsServiceException aws => $"{aws.ErrorCode}: {aws.Message}",
        _ => ex.Message,
    };
}
