using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Alarms.Evaluation;

/// <summary>
/// Evaluates every alarm against the stored history each minute, stores the outcomes (state changes become
/// transitions) and hands the transitions to the notifier. State lives in the database, so a restart resumes where
/// the last evaluation stopped instead of starting over from INSUFFICIENT_DATA.
/// </summary>
public sealed class AlarmCollector(
    IAlarmStore store,
    AlarmInputs inputs,
    IMuteWindowStore mutes,
    IAlarmNotifier notifier,
    LiveStore live,
    TimeProvider timeProvider,
    IOptions<AlarmOptions> options,
    ILogger<AlarmCollector> logger) : PollingCollector(live, timeProvider, logger)
{
    protected override string Source => "Alarms";

    protected override TimeSpan Interval => options.Value.EvaluationInterval;

    protected override TimeSpan MaxBackoff => TimeSpan.FromMinutes(5);

    /// <summary>Alarms evaluated by the last cycle and how long it took (for the Connection page and the benchmark).</summary>
    public (int Alarms, TimeSpan Duration) LastCycle { get; private set; }

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var entries = await store.ListForEvaluationAsync(cancellationToken);
        if (entries.Count == 0)
        {
            Live.PublishWatchedSeries(new HashSet<SeriesKey>());
            Live.PublishAlarmingEndpoints(new HashSet<string>(StringComparer.Ordinal));
            return;
        }

        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var metricAlarms = entries.Where(e => e.Definition.Kind != AlarmKind.Composite).Select(e => e.Definition).ToList();
        var data = await inputs.LoadAsync(metricAlarms, AlarmCycle.EarliestAsOf(entries, now), now, cancellationToken);
        Live.PublishWatchedSeries(data.Watched);
        var evaluations = AlarmCycle.Evaluate(entries, data, now);

        var windows = await mutes.ListAsync(cancellationToken);
        var definitions = entries.ToDictionary(e => e.Definition.Name, e => e.Definition, StringComparer.Ordinal);
        var outcomes = evaluations.Select(e => new AlarmOutcome(e.Name, e.Evaluation, MutedBy(definitions[e.Name], windows, e.Evaluation.AsOf))).ToList();
        var transitions = await store.ApplyAsync(outcomes, cancellationToken);
        Live.PublishAlarmingEndpoints(AlarmingEndpoints(entries, transitions));
        if (transitions.Count > 0)
        {
            await notifier.NotifyAsync(transitions, cancellationToken);
            Live.PublishAlarms(transitions.Select(t => t.Endpoint).OfType<string>().Distinct().ToList());
        }
        LastCycle = (entries.Count, Time.GetElapsedTime(started));
    }

    /// <summary>Endpoints with an alarm in ALARM after this cycle: the metric collector reads all their series every interval.</summary>
    private static HashSet<string> AlarmingEndpoints(IReadOnlyList<AlarmEntry> entries, IReadOnlyList<AlarmTransition> transitions)
    {
        var states = entries.ToDictionary(e => e.Definition.Name, e => e.Status.State, StringComparer.Ordinal);
        foreach (var transition in transitions.OrderBy(t => t.Id))
        {
            states[transition.AlarmName] = transition.NewState;
        }
        return entries.Where(e => e.Definition.Endpoint is not null && states[e.Definition.Name] == AlarmState.Alarm)
            .Select(e => e.Definition.Endpoint!).ToHashSet(StringComparer.Ordinal);
    }

    private static string? MutedBy(AlarmDefinition alarm, IReadOnlyList<MuteWindow> windows, long time) =>
        alarm.ActionsEnabled ? MuteWindow.MutedBy(windows, alarm.Name, alarm.Endpoint, time) : "Actions are disabled for this alarm.";
}
