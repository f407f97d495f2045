using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>Whether the form can be backtested, and if not, what to say: a backtest needs every field but the name and description.</summary>
public static class BacktestReadiness
{
    public static bool IsReady(IReadOnlyList<FieldError> errors) => !Blockers(errors).Any();

    /// <summary>
    /// "Fix the fields marked in red" only when each problem is marked at its field (<paramref name="isMarked"/>);
    /// otherwise the fields still to complete are named, since a new form's empty fields are not marked until touched.
    /// </summary>
    public static string? Blocked(IReadOnlyList<FieldError> errors, Func<string, bool> isMarked)
    {
        ArgumentNullException.ThrowIfNull(isMarked);
        var blockers = Blockers(errors).ToList();
        if (blockers.Count == 0)
        {
            return null;
        }
        var unmarked = blockers.Where(e => !isMarked(e.Field)).Select(e => Label(e.Field)).Distinct().ToList();
        return unmarked.Count == 0
            ? "Fix the fields marked in red to backtest."
            : $"To backtest, first complete: {string.Join(", ", unmarked)}.";
    }

    private static IEnumerable<FieldError> Blockers(IReadOnlyList<FieldError> errors) =>
        errors.Where(e => e.Field is not (nameof(AlarmDefinition.Name) or nameof(AlarmDefinition.Description) or nameof(AlarmDefinition.MirrorToCloudWatch)));

    /// <summary>The field's label on the form.</summary>
    public static string Label(string field) => field switch
    {
        nameof(AlarmDefinition.Metric) => "Metric",
        AlarmValidator.StatField => "Statistic",
        nameof(AlarmDefinition.Period) => "Period",
        nameof(AlarmDefinition.Threshold) => "Threshold",
        nameof(AlarmDefinition.BandWidth) => "Band width",
        nameof(AlarmDefinition.DatapointsToAlarm) => "Datapoints to alarm (M)",
        nameof(AlarmDefinition.EvaluationPeriods) => "Out of periods (N)",
        nameof(AlarmDefinition.Comparison) => "Comparison",
        nameof(AlarmDefinition.Metrics) => "the expression's metrics",
        nameof(AlarmDefinition.Expression) => "Expression",
        nameof(AlarmDefinition.AlarmRule) => "Rule",
        nameof(AlarmDefinition.TreatMissingData) => "Missing data",
        _ => field,
    };
}
