using Dashboard.Core.Alarms;

namespace Dashboard.Web.Components.Alarms;

/// <summary>One line of the Alarms page: the alarm, its status and its recent datapoints in display units.</summary>
public sealed record AlarmRow(AlarmEntry Entry, IReadOnlyList<double> Recent, double? Threshold)
{
    public AlarmDefinition Alarm => Entry.Definition;

    public AlarmStatus Status => Entry.Status;

    /// <summary>True when CloudWatch's own state of a mirrored alarm is known and differs from ours.</summary>
    public bool DisagreesWithCloudWatch => Alarm.MirrorToCloudWatch && Status.CloudWatch?.State is { } theirs && theirs != Status.State;

    /// <summary>Builds the rows: <paramref name="data"/> holds the alarms' history over [from, to).</summary>
    public static IReadOnlyList<AlarmRow> Build(IReadOnlyList<AlarmEntry> entries, AlarmData? data, long from, long to) =>
        entries.Select(e =>
        {
            var alarm = e.Definition;
            var recent = data is null || alarm.Kind == AlarmKind.Composite
                ? []
                : data.Points(alarm, from, to).Select(p => AlarmText.ForDisplay(alarm, p.Value)).ToList();
            var threshold = alarm.Kind is AlarmKind.Metric or AlarmKind.MetricMath ? AlarmText.ForDisplay(alarm, alarm.Threshold) : (double?)null;
            return new AlarmRow(e, recent, threshold);
        }).ToList();
}
