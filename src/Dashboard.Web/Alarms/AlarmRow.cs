using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms.Mirror;
using Dashboard.Core.Alarms;

namespace Dashboard.Web.Alarms;

/// <summary>One line of the Alarms page: the alarm, its status and its recent datapoints in display units.</summary>
public sealed record AlarmRow(AlarmEntry Entry, IReadOnlyList<double> Recent, double? Threshold)
{
    public AlarmDefinition Alarm => Entry.Definition;

    public AlarmStatus Status => Entry.Status;

    /// <summary>Whether CloudWatch's state of a mirrored alarm differs from ours beyond the grace period, and why.</summary>
    public (bool Disagrees, string Explanation) Agreement => MirrorAgreement.Compare(Status, Alarm.Kind);

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
