using Dashboard.Core.Alarms;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Overview;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Deployments;

/// <summary>
/// An alarm that can roll a deployment back: one on the endpoint already, or a recommended latency/5XX alarm the
/// dashboard creates (mirrored to CloudWatch) when the deployment is approved. <see cref="InCloudWatch"/>: SageMaker can
/// watch it (mirrored, created outside the dashboard, or to be created mirrored).
/// </summary>
public sealed record RollbackAlarmChoice(string Name, string Description, AlarmState? State, bool Recommended, bool InCloudWatch,
    AlarmDefinition? ToCreate = null)
{
    /// <summary>Reads the new fleet's own series (EndpointConfigName): for SageMaker's blue/green strategies only.</summary>
    public bool NewFleet { get; init; }
}

/// <summary>The alarms offered for a deployment's rollback, the endpoint's latency and 5XX ones first and pre-ticked.</summary>
public sealed class RollbackAlarms(IAlarmStore alarms, ExternalAlarms external, IMetricQueries metrics, IOptions<OverviewOptions> overview,
    TimeProvider timeProvider)
{
    private const int TrafficDays = 7;

    public async Task<IReadOnlyList<RollbackAlarmChoice>> ForAsync(EndpointState endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var all = await alarms.ListAsync(cancellationToken);
        var choices = all.Where(a => a.Definition.Endpoint == endpoint.Name)
            .Select(a => new RollbackAlarmChoice(a.Definition.Name, a.Definition.Description ?? "", a.Status.State,
                Watches(a.Definition.Inputs), a.Definition.MirrorToCloudWatch))
            .Concat(external.ForEndpoint(endpoint.Name).Select(a => new RollbackAlarmChoice(a.Name, "CloudWatch alarm (not managed here)",
                a.State, Recommended: false, InCloudWatch: true)))
            .ToList();
        var names = all.Select(a => a.Definition.Name).Concat(choices.Select(c => c.Name)).ToHashSet(StringComparer.Ordinal);
        var stored = await metrics.ListSeriesAsync(endpoint.Name, cancellationToken);
        var to = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var traffic = await EndpointTraffic.TypicalPerMinuteAsync(metrics, endpoint.Name, stored, to - TrafficDays * 86_400L, to, cancellationToken);
        // Endpoint-wide alarms the dashboard recommends but nobody created yet: offered, not ticked (they outlive the deployment).
        var recommended = RecommendedAlarms.For(endpoint, stored, overview.Value.DriftThreshold, traffic)
            .Where(r => Watches(r.Alarm.Inputs) && !names.Contains(r.Alarm.Name))
            .Select(r => new RollbackAlarmChoice(r.Alarm.Name, $"{r.Alarm.Description} Created (and mirrored to CloudWatch) when approved.",
                null, Recommended: false, InCloudWatch: true, r.Alarm with { MirrorToCloudWatch = true }));
        var newFleet = await NewFleetAlarms.ChoicesAsync(endpoint, metrics, to, cancellationToken);
        return newFleet.Concat(choices.OrderByDescending(c => c.Recommended).ThenBy(c => c.Name, StringComparer.Ordinal))
            .Concat(recommended.OrderBy(c => c.Name, StringComparer.Ordinal)).ToList();
    }

    /// <summary>Whether an alarm reads ModelLatency or 5XX errors, the two a bad model shows first.</summary>
    public static bool Watches(IEnumerable<SeriesKey> inputs) =>
        inputs.Any(k => k.MetricName is SageMakerMetrics.ModelLatency or SageMakerMetrics.Invocation5XXErrors);
}
