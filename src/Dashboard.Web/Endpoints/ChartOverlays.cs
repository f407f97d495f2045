using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Charts;
using Dashboard.Core.Deployments;
using Dashboard.Core.Metrics;
using Dashboard.Web.Alarms.Editor;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Endpoints;

/// <summary>
/// What the endpoint page draws over its charts: each alarm's threshold and the periods it was in ALARM on the panel
/// that shows its metric, the endpoint's deployments (start, steps, end) on every panel, and (when asked) the endpoint's
/// changes from the audit trail as vertical markers.
/// </summary>
public sealed class ChartOverlays
{
    public const string ThresholdColor = "#e65100";
    public const string AlarmShade = "#e53935";
    public const string ChangeColor = "#6a1b9a";
    private const int MaxLabel = 40;

    private readonly IReadOnlyList<(AlarmDefinition Alarm, IReadOnlyList<ChartRange> Spans)> _alarms;
    private readonly IReadOnlyList<ChartMarker> _changes;
    private readonly IReadOnlyList<ChartMarker> _deployments;

    public ChartOverlays(IReadOnlyList<(AlarmDefinition Alarm, IReadOnlyList<ChartRange> Spans)> alarms, IReadOnlyList<ChartMarker> changes,
        IReadOnlyList<ChartMarker>? deployments = null)
    {
        _alarms = alarms;
        _changes = changes;
        _deployments = deployments ?? [];
    }

    public static ChartOverlays None { get; } = new([], []);

    /// <summary>
    /// Reads the endpoint's alarms, their transitions in [<paramref name="from"/>, <paramref name="to"/>) (Unix seconds)
    /// and its deployments' markers, and, with <paramref name="withChanges"/>, the audit trail's markers for the same range.
    /// </summary>
    public static async Task<ChartOverlays> LoadAsync(IAlarmStore alarms, IAuditQueries audit, IDeploymentStore deployments, string endpoint,
        long from, long to, bool withChanges, CancellationToken cancellationToken)
    {
        var entries = (await alarms.ListAsync(cancellationToken)).Where(e => e.Definition.Endpoint == endpoint && e.Definition.Kind != AlarmKind.Composite).ToList();
        var history = entries.Count == 0 ? []
            : await alarms.HistoryAsync(new AlarmHistoryFilter { Endpoint = endpoint, From = from, To = to, Limit = 2000 }, cancellationToken);
        var spans = entries.Select(e => (e.Definition, (IReadOnlyList<ChartRange>)AlarmSpans(e, history, from, to))).ToList();
        var changes = withChanges
            ? Markers(await audit.AnnotationsAsync(endpoint, DateTimeOffset.FromUnixTimeSeconds(from), DateTimeOffset.FromUnixTimeSeconds(to), 200, cancellationToken))
            : [];
        return new ChartOverlays(spans, changes, await DeploymentMarkers.LoadAsync(deployments, endpoint, from, to, cancellationToken));
    }

    /// <summary>
    /// One marker per burst of changes: changes less than two minutes apart (nine recommended alarms created in one
    /// click) share a line, labelled with how many they are of each kind ("11 changes: 6 deployment, 5 alarm"), instead
    /// of piling up labels on top of each other.
    /// </summary>
    public static IReadOnlyList<ChartMarker> Markers(IReadOnlyList<AuditAnnotation> changes)
    {
        var markers = new List<ChartMarker>();
        var burst = new List<AuditAnnotation>();
        void Flush()
        {
            if (burst.Count > 0)
            {
                var label = burst.Count == 1 ? Shorten(burst[0].Label) : Shorten($"{burst.Count} changes: {Kinds(burst)}");
                markers.Add(new ChartMarker(burst[0].Time.ToUnixTimeMilliseconds(), label, ChangeColor));
                burst.Clear();
            }
        }
        foreach (var change in changes.OrderBy(c => c.Time))
        {
            if (burst.Count > 0 && change.Time - burst[^1].Time > TimeSpan.FromMinutes(2))
            {
                Flush();
            }
            burst.Add(change);
        }
        Flush();
        return markers;
    }

    /// <summary>How many of each kind of change a burst holds, most first: an audit label starts with its action, "alarm.create …".</summary>
    private static string Kinds(IEnumerable<AuditAnnotation> burst) => string.Join(", ", burst
        .GroupBy(c => c.Label.Split('.', ' ')[0])
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Count()} {g.Key}"));

    /// <summary>
    /// The stretches of [<paramref name="from"/>, <paramref name="to"/>) the alarm spent in ALARM. The state at the start is
    /// the first transition's old state, or (with no transition in the range) the current state if it began before the end.
    /// </summary>
    public static IReadOnlyList<ChartRange> AlarmSpans(AlarmEntry entry, IReadOnlyList<AlarmTransition> history, long from, long to)
    {
        var transitions = history.Where(t => t.AlarmName == entry.Definition.Name && t.Time >= from && t.Time < to).OrderBy(t => t.Time).ThenBy(t => t.Id).ToList();
        var state = transitions.Count > 0 ? transitions[0].OldState
            : entry.Status.Since < to ? entry.Status.State
            : AlarmState.InsufficientData;
        var spans = new List<StateSpan>();
        var start = from;
        foreach (var t in transitions)
        {
            spans.Add(new StateSpan(start, t.Time, state));
            state = t.NewState;
            start = t.Time;
        }
        var last = new StateSpan(start, to, state);
        spans.Add(last);
        return spans.Where(s => s.State == AlarmState.Alarm && s.To > s.From)
            .Select(s => new ChartRange(s.From * 1000, s.To * 1000, "", AlarmShade, Open: s == last)).ToList();
    }

    /// <summary>The model with the thresholds and ALARM periods of the alarms watching its panel's metrics, and the change markers.</summary>
    public ChartModel Apply(ChartModel model, PanelSpec spec)
    {
        var thresholds = new List<ChartAnnotation>();
        var ranges = new List<ChartRange>();
        foreach (var (alarm, spans) in _alarms.Where(a => Watches(a.Alarm, spec)))
        {
            if (alarm.Kind != AlarmKind.AnomalyDetection && double.IsFinite(alarm.Threshold))
            {
                var metric = alarm.Kind == AlarmKind.Metric ? alarm.Metric?.MetricName : null;
                var value = AlarmForm.ToDisplay(metric, alarm.Threshold);
                thresholds.Add(new ChartAnnotation(value, Shorten($"{alarm.Name} {AlarmWords.Number(value)}"), ThresholdColor));
            }
            ranges.AddRange(spans);
        }
        if (thresholds.Count == 0 && ranges.Count == 0 && _changes.Count == 0 && _deployments.Count == 0)
        {
            return model;
        }
        return model with
        {
            Annotations = model.Annotations.Concat(thresholds).ToList(),
            Ranges = model.Ranges.Concat(ranges).ToList(),
            Markers = model.Markers.Concat(_deployments).Concat(_changes).ToList(),
        };
    }

    /// <summary>
    /// A metric or anomaly alarm belongs on the panel showing its metric; a math alarm on the narrowest panel that shows
    /// every metric it uses (an error-rate expression over Invocations and 5XX errors lands on the error-rate panel).
    /// </summary>
    public static bool Watches(AlarmDefinition alarm, PanelSpec spec)
    {
        var metrics = alarm.Inputs.Select(k => k.MetricName).Distinct().ToList();
        if (metrics.Count == 0)
        {
            return false;
        }
        if (alarm.Kind != AlarmKind.MetricMath)
        {
            var metric = metrics[0];
            return spec.Kind == PanelKind.Drift ? SageMakerMetrics.IsDrift(metric) : spec.Kind == PanelKind.Metric && spec.MetricNames.Contains(metric);
        }
        bool Covers(PanelSpec p) => p.Kind != PanelKind.Drift && metrics.All(p.MetricNames.Contains);
        return Covers(spec) && PanelSpec.All.Where(Covers).MinBy(p => p.MetricNames.Count) == spec;
    }

    private static string Shorten(string label, int max = MaxLabel) => label.Length <= max ? label : label[..(max - 1)] + "…";
}
