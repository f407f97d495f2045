using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
namespace Dashboard.Core.Alarms.Editing;

/// <summary>
/// One evaluation pass over every alarm, as CloudWatch runs it each minute: metric, math and anomaly alarms as of the
/// newest fully fetched period, then composite alarms over the states just computed. An alarm whose last evaluation
/// is older than one period (a restart, a collector outage) is caught up period by period, so its history has no holes.
/// </summary>
public static class AlarmCycle
{
    /// <summary>At most this many periods are caught up per alarm and cycle; an older gap is skipped.</summary>
    public const int MaxCatchUp = 60;

    /// <summary>The earliest time any alarm may be evaluated as of in this cycle (what to load).</summary>
    public static long EarliestAsOf(IReadOnlyList<AlarmEntry> entries, long now) =>
        entries.Count == 0 ? now : entries.Min(e => Math.Max(e.Status.EvaluatedAsOf, now - (long)MaxCatchUp * e.Definition.Period));

    /// <summary>
    /// Evaluations to store, oldest first per alarm: each one that changes the state, and the newest. Alarms already
    /// evaluated as of their newest possible time are left out (evaluating the same minute twice changes nothing).
    /// </summary>
    public static IReadOnlyList<(string Name, AlarmEvaluation Evaluation)> Evaluate(IReadOnlyList<AlarmEntry> entries, AlarmData data, long now)
    {
        var states = new Dictionary<string, AlarmState>(entries.Count, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            states[entry.Definition.Name] = entry.Status.State;
        }

        var results = new List<(string, AlarmEvaluation)>();
        foreach (var entry in entries)
        {
            if (entry.Definition.Kind != AlarmKind.Composite)
            {
                states[entry.Definition.Name] = EvaluateMetricAlarm(entry, data, now, results);
            }
        }

        var composites = entries.Where(e => e.Definition.Kind == AlarmKind.Composite).ToList();
        var asOf = now - now % 60;
        // A composite may watch another composite: evaluate each after the composites it references.
        foreach (var entry in DependencyOrder(composites))
        {
            if (asOf <= entry.Status.EvaluatedAsOf || entry.Definition.AlarmRule is not { } rule)
            {
                continue;
            }
            var outcome = CompositeAlarmEvaluator.Evaluate(rule, name => states.TryGetValue(name, out var s) ? s : null);
            states[entry.Definition.Name] = outcome.State;
            results.Add((entry.Definition.Name, new AlarmEvaluation(asOf, outcome.State, outcome.Reason, [], 0, 0, 0)));
        }
        return results;
    }

    private static AlarmState EvaluateMetricAlarm(AlarmEntry entry, AlarmData data, long now, List<(string, AlarmEvaluation)> results)
    {
        var alarm = entry.Definition;
        var state = entry.Status.State;
        var asOf = data.AsOf(alarm, now);
        var last = entry.Status.EvaluatedAsOf;
        if (asOf <= last)
        {
            return state;
        }

        var spec = AlarmRuleSpec.From(alarm);
        var first = last == 0 ? asOf : Math.Max(last + alarm.Period, asOf - (MaxCatchUp - 1L) * alarm.Period);
        AlarmEvaluation? newest = null;
        for (var time = first; time <= asOf; time += alarm.Period)
        {
            var (from, to) = MetricAlarmEvaluator.EvaluationRange(alarm.Period, alarm.EvaluationPeriods, time);
            newest = MetricAlarmEvaluator.Evaluate(spec, data.Points(alarm, from, to), time, state);
            if (newest.State != state || time + alarm.Period > asOf)
            {
                results.Add((alarm.Name, newest));
            }
            state = newest.State;
        }
        return state;
    }

    private static List<AlarmEntry> DependencyOrder(List<AlarmEntry> composites)
    {
        var byName = composites.ToDictionary(c => c.Definition.Name, StringComparer.Ordinal);
        var ordered = new List<AlarmEntry>(composites.Count);
        var visited = new HashSet<string>(StringComparer.Ordinal);

        void Visit(AlarmEntry entry)
        {
            // Validation refuses cycles; marking before recursing keeps a stored one from looping forever.
            if (!visited.Add(entry.Definition.Name))
            {
                return;
            }
            foreach (var child in AlarmRuleParser.References(entry.Definition.AlarmRule ?? ""))
            {
                if (byName.TryGetValue(child, out var composite))
                {
                    Visit(composite);
                }
            }
            ordered.Add(entry);
        }

        foreach (var composite in composites)
        {
            Visit(composite);
        }
        return ordered;
    }
}
