using Dashboard.Core.Drift;
using Dashboard.Core.Storage;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Retraining;

/// <summary>
/// The drift rule: every <see cref="RetrainingOptions.RuleInterval"/>, for each endpoint with captured data, judges the
/// stored drift series (<see cref="DriftRule"/>) and, when it holds, proposes the endpoint's retraining pipeline with its
/// default parameters as the system — at most one open run per endpoint, none within the cooldown of the last proposal.
/// </summary>
public sealed partial class RetrainingRuleWorker(RetrainingService service, IRetrainingStore store, IFleetStore fleet, DriftQueries drift,
    DriftReadBoard board, IOptions<RetrainingOptions> options, TimeProvider timeProvider, ILogger<RetrainingRuleWorker> logger)
    : PeriodicWorker(timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.RuleInterval;

    // The drift reader's first pass writes the scores; judging waits a round for it.
    protected override TimeSpan FirstDelay => TimeSpan.FromSeconds(30);

    protected override string Work => "Judging the drift rule for retraining";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AutoPropose != true)
        {
            return;
        }
        var now = Time.GetUtcNow();
        foreach (var endpoint in await fleet.ListAsync(cancellationToken))
        {
            if (board.SourceOf(endpoint.Name)?.Capture is null)
            {
                continue;
            }
            var recent = await store.ListAsync(endpoint.Name, 1, cancellationToken);
            if (recent.Count > 0 && (recent[0].IsOpen || now - recent[0].ProposedAt < options.Value.RuleCooldown))
            {
                continue;
            }
            var overview = await drift.LoadAsync(endpoint.Name, cancellationToken, trendDays: 1);
            if (DriftRule.Finding(overview.Features, now, options.Value.DriftHours) is not { } finding)
            {
                continue;
            }
            var proposal = await service.ProposeAutomaticallyAsync(endpoint.Name, finding, cancellationToken);
            if (proposal.Run is { } run)
            {
                LogProposed(logger, run.Id, run.Endpoint, finding);
            }
            else
            {
                LogNotProposed(logger, endpoint.Name, string.Join(" ", proposal.Errors.Select(e => e.Message)));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The drift rule proposed retraining #{Id} of {Endpoint}: {Finding}")]
    private static partial void LogProposed(ILogger logger, long id, string endpoint, string finding);

    [LoggerMessage(Level = LogLevel.Information, Message = "The drift rule holds for {Endpoint} but nothing was proposed: {Why}")]
    private static partial void LogNotProposed(ILogger logger, string endpoint, string why);
}
