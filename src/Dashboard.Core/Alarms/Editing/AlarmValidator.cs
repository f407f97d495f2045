using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Input;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms.Editing;

/// <summary>A problem with one property of an <see cref="AlarmDefinition"/>; <see cref="Field"/> is the property name.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// What validation needs to know beyond the alarm: the other alarms (names, and composite rules by name, for references
/// and cycles) and which series the dashboard stores (an alarm reads stored history, so it must be reproducible from it,
/// or be a series the collector can start fetching).
/// </summary>
public sealed record AlarmValidationContext(
    IReadOnlyCollection<string> ExistingAlarmNames,
    IReadOnlyDictionary<string, string> CompositeRules,
    SeriesSources Stored,
    int CollectedPeriod = SageMakerMetrics.MinutePeriod);

/// <summary>
/// CloudWatch's limits for PutMetricAlarm / PutCompositeAlarm (user guide "Using Amazon CloudWatch alarms", quotas page,
/// API reference), plus the dashboard's own rule that an alarm must be computable exactly from stored data.
/// </summary>
public static class AlarmValidator
{
    public const int MaxNameLength = Names.MaxAlarmNameLength;
    public const int MaxDescriptionLength = 1024;
    public const int MaxEvaluationSeconds = 86_400;

    /// <summary>The field of a metric alarm's statistic (part of <see cref="AlarmDefinition.Metric"/>, typed on its own).</summary>
    public const string StatField = "Stat";

    /// <summary>
    /// A threshold, in the stored unit (latency in µs): CloudWatch takes any double, but a threshold past a trillion compares
    /// with no SageMaker metric, and the evaluation (and its text) must never meet an infinite one.
    /// </summary>
    public static readonly NumberRule ThresholdRule = new(-1e12, 1e12);

    /// <summary>How many robust deviations the band reaches either side of the baseline.</summary>
    public static readonly NumberRule BandWidthRule = new(0.1, 100);

    /// <summary>N of "M of N": at least 1, and (checked with the period) at most a day's worth of periods.</summary>
    public static readonly NumberRule EvaluationPeriodsRule = new(1, MaxEvaluationSeconds / 60, Decimals: 0);

    /// <summary>M of "M of N": at least 1 and at most N (checked with N).</summary>
    public static readonly NumberRule DatapointsToAlarmRule = new(1, MaxEvaluationSeconds / 60, Decimals: 0);

    /// <summary>The namespaces of series the dashboard computes itself (drift, quality).</summary>
    public const string DashboardNamespacePrefix = "Dashboard/";

    public static IReadOnlyList<FieldError> Validate(AlarmDefinition alarm, AlarmValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<FieldError>();
        void Add(string field, string message) => errors.Add(new FieldError(field, message));

        if (Names.AlarmNameError(alarm.Name) is { } nameError)
            Add(nameof(AlarmDefinition.Name), nameError);
        if (alarm.Description is { Length: > MaxDescriptionLength })
            Add(nameof(AlarmDefinition.Description), $"The description can be at most {MaxDescriptionLength} characters long.");

        if (alarm.Kind == AlarmKind.Composite)
        {
            ValidateComposite(alarm, context, Add);
            return errors;
        }

        ValidateEvaluation(alarm, context, Add);
        // The drift reader's series (Dashboard/…) exist only in the dashboard's database: CloudWatch has nothing to evaluate.
        if (alarm.MirrorToCloudWatch && alarm.Inputs.Any(k => k.Namespace.StartsWith(DashboardNamespacePrefix, StringComparison.Ordinal)))
            Add(nameof(AlarmDefinition.MirrorToCloudWatch), "This alarm watches the dashboard's own drift or quality series, which CloudWatch does not have; it can't be mirrored.");
        var anomaly = MetricAlarmEvaluator.IsAnomalyOperator(alarm.Comparison);
        if (alarm.Kind == AlarmKind.AnomalyDetection)
        {
            if (!anomaly)
                Add(nameof(AlarmDefinition.Comparison), "An anomaly-detection alarm compares with its band: use outside the band, below it or above it.");
            if (BandWidthRule.Check(alarm.BandWidth) is { } bandError)
                Add(nameof(AlarmDefinition.BandWidth), bandError);
        }
        else
        {
            if (anomaly)
                Add(nameof(AlarmDefinition.Comparison), "Band comparisons are only for anomaly-detection alarms; compare with a threshold.");
            if (ThresholdRule.Check(alarm.Threshold) is { } thresholdError)
                Add(nameof(AlarmDefinition.Threshold), thresholdError);
        }

        if (alarm.Kind == AlarmKind.MetricMath)
            ValidateMath(alarm, context, Add);
        else if (alarm.Metric is not { } metric)
            Add(nameof(AlarmDefinition.Metric), "Choose the metric the alarm watches.");
        else if (Statistics.Validate(metric.Stat) is { } statError)
            Add(StatField, statError);
        else if (metric.Period != alarm.Period)
            Add(nameof(AlarmDefinition.Metric), $"The metric's period ({metric.Period} s) must be the alarm's period ({alarm.Period} s).");
        else if (IsValidPeriod(alarm.Period) && Reproducible(metric, context) is { } message)
            Add(nameof(AlarmDefinition.Metric), message);
        return errors;
    }

    // Period × evaluation periods is at most a day, so no period is longer than a day either.
    private static bool IsValidPeriod(int period) => period is > 0 and <= MaxEvaluationSeconds && period % 60 == 0;

    private static void ValidateEvaluation(AlarmDefinition alarm, AlarmValidationContext context, Action<string, string> add)
    {
        if (alarm.Period is 10 or 20 or 30)
            add(nameof(AlarmDefinition.Period), $"SageMaker publishes these metrics once a minute, so a {alarm.Period}-second "
                + $"(high-resolution) period would never have data; use {context.CollectedPeriod} seconds or a multiple.");
        else if (!IsValidPeriod(alarm.Period))
            add(nameof(AlarmDefinition.Period), $"The period must be a multiple of 60 seconds from 60 to {NumberRule.Words(MaxEvaluationSeconds)} (one day).");

        var periodsError = EvaluationPeriodsRule.Check(alarm.EvaluationPeriods);
        if (periodsError is not null)
            add(nameof(AlarmDefinition.EvaluationPeriods), periodsError);
        else if (IsValidPeriod(alarm.Period) && (long)alarm.Period * alarm.EvaluationPeriods > MaxEvaluationSeconds)
            add(nameof(AlarmDefinition.EvaluationPeriods), $"Period × evaluation periods is {(long)alarm.Period * alarm.EvaluationPeriods:N0} s; "
                + $"CloudWatch allows at most one day ({MaxEvaluationSeconds:N0} s), so at most {MaxEvaluationSeconds / alarm.Period} periods of {alarm.Period} s.");

        // M is compared with N only when N itself is a count, so a wrong N is reported once, at its own field.
        if (DatapointsToAlarmRule.Check(alarm.DatapointsToAlarm) is { } datapointsError)
            add(nameof(AlarmDefinition.DatapointsToAlarm), datapointsError);
        else if (periodsError is null && alarm.DatapointsToAlarm > alarm.EvaluationPeriods)
            add(nameof(AlarmDefinition.DatapointsToAlarm), $"Datapoints to alarm must be between 1 and the evaluation periods ({alarm.EvaluationPeriods}).");
    }

    private static void ValidateMath(AlarmDefinition alarm, AlarmValidationContext context, Action<string, string> add)
    {
        const string metrics = nameof(AlarmDefinition.Metrics);
        if (alarm.Metrics.Count == 0)
            add(metrics, "Add the metrics the expression uses.");
        else if (alarm.Metrics.Count > MetricMath.MaxMetrics)
            add(metrics, $"An expression can use at most {MetricMath.MaxMetrics} metrics; this one has {alarm.Metrics.Count}.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in alarm.Metrics)
        {
            if (!MetricMath.IsValidId(m.Id))
                add(metrics, $"'{m.Id}' is not a valid id: start with a lowercase letter, then letters, digits or underscores.");
            else if (!ids.Add(m.Id))
                add(metrics, $"The id '{m.Id}' is used twice.");
            if (m.Series.Period != alarm.Period)
                add(metrics, $"{m.Id} has a period of {m.Series.Period} s; every metric of the expression must use the alarm's period ({alarm.Period} s).");
            else if (Statistics.Validate(m.Series.Stat) is { } statError)
                add(metrics, $"{m.Id}: {statError}");
            else if (IsValidPeriod(alarm.Period) && Reproducible(m.Series, context) is { } message)
                add(metrics, $"{m.Id}: {message}");
        }

        if (string.IsNullOrWhiteSpace(alarm.Expression))
            add(nameof(AlarmDefinition.Expression), "Write the expression the alarm watches, for example 100 * m1 / m2.");
        else if (MetricMath.Parse(alarm.Expression, ids).Error is { } error)
            add(nameof(AlarmDefinition.Expression), error.Message);
    }

    /// <summary>
    /// Null when the series is stored, folds exactly from a stored one, or is one the collector starts fetching from
    /// CloudWatch once the alarm needs it (<see cref="SeriesSources.CanCollect"/>); otherwise why not.
    /// </summary>
    private static string? Reproducible(SeriesKey series, AlarmValidationContext context)
    {
        if (context.Stored.Resolve(series) is not null || context.Stored.CanCollect(series))
            return null;
        var (stats, period) = Collected(series.MetricName, context.CollectedPeriod);
        if (stats.Length == 0)
            return $"{series.MetricName} is not collected by the dashboard, so an alarm can't read its history.";
        if (series.Period % period != 0)
            return $"{series.MetricName} is published {(period == SageMakerMetrics.HourPeriod ? "each hour" : "each minute")}; the period must be a multiple of {period} seconds.";
        return $"No {series.MetricName} series is stored for {series.Dimensions.Replace("|", ", ")} yet.";
    }

    private static (string[] Stats, int Period) Collected(string metricName, int collectedPeriod) =>
        SageMakerMetrics.CollectedStats.TryGetValue(metricName, out var stats) ? (stats, collectedPeriod)
        : SageMakerMetrics.IsDrift(metricName) ? ([SageMakerMetrics.DriftStat], SageMakerMetrics.HourPeriod)
        : ([], collectedPeriod);

    private static void ValidateComposite(AlarmDefinition alarm, AlarmValidationContext context, Action<string, string> add)
    {
        const string field = nameof(AlarmDefinition.AlarmRule);
        if (string.IsNullOrWhiteSpace(alarm.AlarmRule))
        {
            add(field, "Write the rule, for example ALARM(\"high-latency\") AND NOT ALARM(\"deploying\").");
            return;
        }
        var parsed = AlarmRuleParser.Parse(alarm.AlarmRule);
        if (parsed.Rule is not { } rule)
        {
            add(field, parsed.Error!.Message);
            return;
        }
        var children = AlarmRuleParser.References(rule);
        if (children.Count > AlarmRuleParser.MaxChildren)
            add(field, $"A composite alarm can watch at most {AlarmRuleParser.MaxChildren} alarms; this rule names {children.Count}.");
        var existing = context.ExistingAlarmNames as ISet<string> ?? new HashSet<string>(context.ExistingAlarmNames, StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (child == alarm.Name)
                add(field, $"The rule can't refer to the alarm itself ('{child}').");
            else if (!existing.Contains(child))
                add(field, $"There is no alarm named '{child}'.");
        }

        // Follow the rules reachable from this alarm (with its new rule) and report a loop back through it.
        var graph = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal) { [alarm.Name] = children };
        var pending = new Queue<string>(children);
        while (pending.TryDequeue(out var name))
        {
            if (graph.ContainsKey(name) || !context.CompositeRules.TryGetValue(name, out var childRule))
                continue;
            var refs = AlarmRuleParser.References(childRule);
            graph[name] = refs;
            foreach (var r in refs)
                pending.Enqueue(r);
        }
        if (!children.Contains(alarm.Name) && CompositeAlarmEvaluator.FindCycle(graph) is { } cycle && cycle.Contains(alarm.Name))
            add(field, $"The rule makes a cycle of composite alarms: {string.Join(" → ", Rotate(cycle, alarm.Name))}.");
    }

    /// <summary>The cycle written from <paramref name="start"/> back to it.</summary>
    private static IEnumerable<string> Rotate(IReadOnlyList<string> cycle, string start)
    {
        var loop = cycle.Take(cycle.Count - 1).ToList();
        var at = loop.IndexOf(start);
        return loop.Skip(at).Concat(loop.Take(at)).Append(start);
    }
}
