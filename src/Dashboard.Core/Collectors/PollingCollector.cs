using Dashboard.Core.Live;
using Dashboard.Core.Telemetry;
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

    protected override void OnSucceeded() => live.ReportSuccess(Source);

    protected override void OnFailed(Exception exception) => live.ReportFailure(Source, Describe(exception));

    protected override void OnRoundEnded(TimeSpan duration, bool succeeded) =>
        DashboardTelemetry.PollDuration.Record(duration.TotalSeconds,
            new KeyValuePair<string, object?>("source", Source), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    private static string Describe(Exception ex) => ex switch
    {
        AwsServiceException aws => $"{aws.ErrorCode}: {aws.Message}",
        _ => ex.Message,
    };
}
