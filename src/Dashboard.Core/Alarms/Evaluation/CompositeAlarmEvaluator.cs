using System.Text;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Alarms.Evaluation;

/// <summary>A composite alarm's state and why: the children whose states made the rule true (or false).</summary>
public sealed record CompositeEvaluation(AlarmState State, string Reason, IReadOnlyList<string> DecidingAlarms);

/// <summary>
/// Evaluates composite alarms. A composite is ALARM when its rule is true and OK otherwise: CloudWatch documents that
/// INSUFFICIENT_DATA is only a composite's state right after creation, before its first evaluation (PutCompositeAlarm).
/// A child in INSUFFICIENT_DATA therefore only makes INSUFFICIENT_DATA(child) true and ALARM(child)/OK(child) false;
/// a child the lookup does not know (deleted, not evaluated yet) counts as INSUFFICIENT_DATA.
/// </summary>
public static class CompositeAlarmEvaluator
{
    public static CompositeEvaluation Evaluate(RuleNode rule, Func<string, AlarmState?> stateOf)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(stateOf);
        var deciding = new List<string>();
        var value = Eval(rule, stateOf, deciding);
        var state = value ? AlarmState.Alarm : AlarmState.Ok;

        var sb = new StringBuilder(value ? "The rule is true" : "The rule is false");
        if (deciding.Count > 0)
        {
            sb.Append(": ");
            for (var i = 0; i < deciding.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(deciding[i]).Append(" is ").Append((stateOf(deciding[i]) ?? AlarmState.InsufficientData).ToWire());
            }
        }
        sb.Append('.');
        return new CompositeEvaluation(state, sb.ToString(), deciding);
    }

    /// <summary>Parses and evaluates; a rule that does not parse throws <see cref="FormatException"/>.</summary>
    public static CompositeEvaluation Evaluate(string rule, Func<string, AlarmState?> stateOf)
    {
        var parsed = AlarmRuleParser.Parse(rule);
        return parsed.Rule is { } node ? Evaluate(node, stateOf) : throw new FormatException(parsed.Error!.Message);
    }

    // Short-circuits like the rule reads, and records the children whose state decided the outcome.
    private static bool Eval(RuleNode node, Func<string, AlarmState?> stateOf, List<string> deciding)
    {
        switch (node)
        {
            case RuleConstant c:
                return c.Value;
            case RuleStateCheck check:
                if (!deciding.Contains(check.AlarmName))
                    deciding.Add(check.AlarmName);
                return (stateOf(check.AlarmName) ?? AlarmState.InsufficientData) == check.State;
            case RuleNot not:
                return !Eval(not.Operand, stateOf, deciding);
            case RuleAnd and:
                {
                    var mark = deciding.Count;
                    if (!Eval(and.Left, stateOf, deciding))
                        return false;
                    var left = deciding.GetRange(mark, deciding.Count - mark);
                    deciding.RemoveRange(mark, deciding.Count - mark);
                    if (!Eval(and.Right, stateOf, deciding))
                        return false; // only the false side explains a false AND
                    deciding.InsertRange(mark, left.Where(n => !deciding.Contains(n)));
                    return true;
                }
            case RuleOr or:
                {
                    var mark = deciding.Count;
                    if (Eval(or.Left, stateOf, deciding))
                        return true;
                    var left = deciding.GetRange(mark, deciding.Count - mark);
                    deciding.RemoveRange(mark, deciding.Count - mark);
                    if (Eval(or.Right, stateOf, deciding))
                        return true; // only the true side explains a true OR
                    deciding.InsertRange(mark, left.Where(n => !deciding.Contains(n)));
                    return false;
                }
            default:
                throw new InvalidOperationException(node.GetType().Name);
        }
    }

    /// <summary>
    /// A cycle among composite alarms (name → names its rule references), as the path that closes it
    /// ["a", "b", "a"]; null when there is none. Names that are not composites end a path.
    /// </summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyCollection<string>> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);

        List<string>? Visit(string name)
        {
            if (onPath.Contains(name))
            {
                var cycle = path.Skip(path.IndexOf(name)).ToList();
                cycle.Add(name);
                return cycle;
            }
            if (!done.Add(name) || !references.TryGetValue(name, out var children))
                return null;
            path.Add(name);
            onPath.Add(name);
            foreach (var child in children)
                if (Visit(child) is { } found)
                    return found;
            path.RemoveAt(path.Count - 1);
            onPath.Remove(name);
            return null;
        }

        foreach (var name in references.Keys.Order(StringComparer.Ordinal))
            if (Visit(name) is { } cycle)
                return cycle;
        return null;
    }
}
