using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms.Mirror;

/// <summary>
/// An alarm found in CloudWatch that the dashboard does not manage, on a metric of a fleet endpoint: shown read-only.
/// </summary>
/// <param name="Metric">"Namespace/MetricName" of the watched metric; null for composites and pure expressions.</param>
/// <param name="Condition">One line: what the alarm compares, e.g. "Invocation5XXErrors Sum (60 s) &gt; 10.5 for 3 of 5 periods".</param>
public sealed record ExternalAlarm(
    string Name,
    AlarmState? State,
    string? StateReason,
    DateTimeOffset? Updated,
    string? Endpoint,
    string? Metric,
    string Condition,
    bool IsComposite = false);

/// <summary>
/// Translates dashboard alarms into CloudWatch's PutMetricAlarm / PutCompositeAlarm requests, and CloudWatch's alarms
/// back into read-only <see cref="ExternalAlarm"/>s. Managed alarms are recognised by the marker in their description:
/// DescribeAlarms does not return tags, so the <see cref="ManagedTag"/> is for people browsing the console and for IAM
/// conditions, not for this code.
/// </summary>
public static class CloudWatchAlarmMapping
{
    public const string ManagedMarker = "Managed by the SageMaker ops dashboard";

    public static readonly Tag ManagedTag = new("dashboard:managed", "true");

    /// <summary>The id of the expression query of a math alarm.</summary>
    public const string ExpressionId = "e1";

    /// <summary>The ids of an anomaly-detection alarm's metric and band.</summary>
    public const string AnomalyMetricId = "m1", AnomalyBandId = "ad1";

    private const int MaxDescription = 1024;

    public static bool IsManaged(string? description) =>
        description is not null && description.Contains(ManagedMarker, StringComparison.Ordinal);

    /// <summary>The request that creates or overwrites <paramref name="alarm"/> (any kind but composite) in CloudWatch.</summary>
    public static PutMetricAlarmRequest ToPutMetricAlarm(AlarmDefinition alarm, AlarmOptions options)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(options);
        var request = new PutMetricAlarmRequest(alarm.Name)
        {
            AlarmDescription = Description(alarm.Description),
            ActionsEnabled = alarm.ActionsEnabled,
            AlarmActions = options.AlarmActionArns.Count > 0 ? options.AlarmActionArns.ToList() : null,
            OKActions = options.OkActionArns.Count > 0 ? options.OkActionArns.ToList() : null,
            EvaluationPeriods = alarm.EvaluationPeriods,
            DatapointsToAlarm = alarm.DatapointsToAlarm,
            ComparisonOperator = alarm.Comparison.ToString(),
            TreatMissingData = alarm.TreatMissingData.ToWire(),
            Tags = [ManagedTag],
        };
        switch (alarm.Kind)
        {
            case AlarmKind.Metric:
                var metric = Require(alarm.Metric, alarm);
                var percentile = Statistics.ParsePercentile(metric.Stat);
                return request with
                {
                    Namespace = metric.Namespace,
                    MetricName = metric.MetricName,
                    Dimensions = ToDimensions(metric),
                    Statistic = percentile is null ? metric.Stat : null,
                    ExtendedStatistic = percentile is null ? null : metric.Stat,
                    // Unit is left out: SageMaker publishes each metric in one unit, and a wrong one would match nothing.
                    Period = alarm.Period,
                    Threshold = alarm.Threshold,
                    EvaluateLowSampleCountPercentile = percentile is null ? null : LowSampleWire(alarm),
                };
            case AlarmKind.MetricMath:
                var expressionId = UniqueId(ExpressionId, alarm.Metrics.Select(m => m.Id));
                return request with
                {
                    Metrics =
                    [
                        .. alarm.Metrics.Select(m => new MetricDataQuery(m.Id, Stat(m.Series, alarm.Period), ReturnData: false)),
                        new MetricDataQuery(expressionId, Expression: alarm.Expression, ReturnData: true),
                    ],
                    Threshold = alarm.Threshold,
                };
            case AlarmKind.AnomalyDetection:
                // CloudWatch trains its own band model on the metric's history; ours is the endpoint's seasonal baseline
                // (median ± BandWidth robust deviations). The same BandWidth therefore draws a different band, and
                // anomaly alarms are expected to disagree with CloudWatch more often than threshold alarms.
                var watched = Require(alarm.Metric, alarm);
                return request with
                {
                    Metrics =
                    [
                        new MetricDataQuery(AnomalyMetricId, Stat(watched, alarm.Period), ReturnData: true),
                        new MetricDataQuery(AnomalyBandId, Expression: AnomalyBand(alarm.BandWidth), ReturnData: true),
                    ],
                    ThresholdMetricId = AnomalyBandId,
                    EvaluateLowSampleCountPercentile = Statistics.ParsePercentile(watched.Stat) is null ? null : LowSampleWire(alarm),
                };
            default:
                throw new ArgumentException($"Alarm '{alarm.Name}' is a composite alarm; use {nameof(ToPutCompositeAlarm)}.", nameof(alarm));
        }
    }

    public static PutCompositeAlarmRequest ToPutCompositeAlarm(AlarmDefinition alarm, AlarmOptions options)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(options);
        if (alarm.Kind != AlarmKind.Composite || alarm.AlarmRule is not { Length: > 0 } rule)
        {
            throw new ArgumentException($"Alarm '{alarm.Name}' is not a composite alarm with a rule.", nameof(alarm));
        }
        return new PutCompositeAlarmRequest(alarm.Name, rule)
        {
            AlarmDescription = Description(alarm.Description),
            ActionsEnabled = alarm.ActionsEnabled,
            AlarmActions = options.AlarmActionArns.Count > 0 ? options.AlarmActionArns.ToList() : null,
            OKActions = options.OkActionArns.Count > 0 ? options.OkActionArns.ToList() : null,
            Tags = [ManagedTag],
        };
    }

    /// <summary>"ANOMALY_DETECTION_BAND(m1, 2)": the band expression for a width in standard deviations.</summary>
    public static string AnomalyBand(double bandWidth) =>
        $"ANOMALY_DETECTION_BAND({AnomalyMetricId}, {bandWidth.ToString("0.###", CultureInfo.InvariantCulture)})";

    /// <summary>
    /// The alarms of <paramref name="metricAlarms"/> and <paramref name="compositeAlarms"/> not managed by the dashboard
    /// whose dimensions name an endpoint in <paramref name="fleetEndpoints"/>; composites are listed when their rule
    /// refers to one of those alarms. Ordered by endpoint, then name.
    /// </summary>
    public static IReadOnlyList<ExternalAlarm> ListExternal(IEnumerable<MetricAlarm> metricAlarms, IEnumerable<CompositeAlarm> compositeAlarms,
        IReadOnlySet<string> fleetEndpoints)
    {
        ArgumentNullException.ThrowIfNull(metricAlarms);
        ArgumentNullException.ThrowIfNull(compositeAlarms);
        ArgumentNullException.ThrowIfNull(fleetEndpoints);
        var result = new List<ExternalAlarm>();
        foreach (var alarm in metricAlarms)
        {
            if (!IsManaged(alarm.AlarmDescription) && ToExternal(alarm) is { Endpoint: { } endpoint } external && fleetEndpoints.Contains(endpoint))
            {
                result.Add(external);
            }
        }
        var endpointOf = result.ToDictionary(a => a.Name, a => a.Endpoint, StringComparer.Ordinal);
        foreach (var alarm in compositeAlarms)
        {
            if (IsManaged(alarm.AlarmDescription))
            {
                continue;
            }
            var endpoint = AlarmRuleParser.References(alarm.AlarmRule ?? "").Select(endpointOf.GetValueOrDefault).FirstOrDefault(e => e is not null);
            if (endpoint is not null)
            {
                result.Add(ToExternal(alarm) with { Endpoint = endpoint });
            }
        }
        return result.OrderBy(a => a.Endpoint, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>A metric alarm as the dashboard lists it; its endpoint comes from the EndpointName (or Endpoint) dimension.</summary>
    public static ExternalAlarm ToExternal(MetricAlarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var stats = alarm.Metrics ?? [];
        var watched = alarm.MetricName is not null
            ? new Metric(alarm.Namespace ?? "", alarm.MetricName, alarm.Dimensions ?? [])
            : stats.Select(q => q.MetricStat?.Metric).FirstOrDefault(m => m is not null);
        var endpoint = watched?.Dimensions.FirstOrDefault(d => d.Name == "EndpointName")?.Value
            ?? watched?.Dimensions.FirstOrDefault(d => d.Name == "Endpoint")?.Value;
        return new ExternalAlarm(alarm.AlarmName, AlarmWireNames.ParseState(alarm.StateValue), alarm.StateReason,
            alarm.StateUpdatedTimestamp, endpoint, watched is null ? null : $"{watched.Namespace}/{watched.MetricName}", Condition(alarm));
    }

    public static ExternalAlarm ToExternal(CompositeAlarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new ExternalAlarm(alarm.AlarmName, AlarmWireNames.ParseState(alarm.StateValue), alarm.StateReason,
            alarm.StateUpdatedTimestamp, null, null, alarm.AlarmRule ?? "", IsComposite: true);
    }

    /// <summary>"ModelLatency p99 (60 s) &gt; 500000.0 for 3 of 5 periods", "e1: 100*e5/inv &gt; 1.0 …", "… outside the band ANOMALY_DETECTION_BAND(m1, 2) …".</summary>
    public static string Condition(MetricAlarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        string subject;
        var queries = alarm.Metrics ?? [];
        if (alarm.MetricName is not null)
        {
            subject = $"{alarm.MetricName} {alarm.ExtendedStatistic ?? alarm.Statistic} ({alarm.Period} s)";
        }
        else if (queries.FirstOrDefault(q => q.ReturnData ?? true) is { } returned && returned.Id != alarm.ThresholdMetricId)
        {
            subject = returned.Expression is { } expression
                ? expression
                : $"{returned.MetricStat?.Metric.MetricName} {returned.MetricStat?.Stat} ({returned.MetricStat?.Period} s)";
        }
        else
        {
            subject = "the alarm's metrics";
        }

        var band = alarm.ThresholdMetricId is { } bandId ? queries.FirstOrDefault(q => q.Id == bandId)?.Expression ?? bandId : null;
        var comparison = alarm.ComparisonOperator switch
        {
            ComparisonOperators.GreaterThanOrEqualToThreshold => ">= " + Number(alarm.Threshold),
            ComparisonOperators.GreaterThanThreshold => "> " + Number(alarm.Threshold),
            ComparisonOperators.LessThanThreshold => "< " + Number(alarm.Threshold),
            ComparisonOperators.LessThanOrEqualToThreshold => "<= " + Number(alarm.Threshold),
            ComparisonOperators.LessThanLowerOrGreaterThanUpperThreshold => "outside the band " + band,
            ComparisonOperators.LessThanLowerThreshold => "below the band " + band,
            ComparisonOperators.GreaterThanUpperThreshold => "above the band " + band,
            _ => alarm.ComparisonOperator ?? "?",
        };
        var n = alarm.EvaluationPeriods ?? 1;
        var m = alarm.DatapointsToAlarm ?? n;
        return $"{subject} {comparison} for {m} of {n} periods";
    }

    private static string Number(double? value) => value is { } v ? MetricAlarmEvaluator.Number(v) : "?";

    private static string Description(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return ManagedMarker + ".";
        }
        var suffix = "\n\n" + ManagedMarker + ".";
        var text = description.Trim();
        return (text.Length + suffix.Length > MaxDescription ? text[..(MaxDescription - suffix.Length)] : text) + suffix;
    }

    private static string LowSampleWire(AlarmDefinition alarm) => alarm.EvaluateLowSampleCountPercentile ? "evaluate" : "ignore";

    private static SeriesKey Require(SeriesKey? metric, AlarmDefinition alarm) =>
        metric ?? throw new ArgumentException($"Alarm '{alarm.Name}' has no metric.", nameof(alarm));

    private static MetricStat Stat(SeriesKey series, int period) =>
        new(new Metric(series.Namespace, series.MetricName, ToDimensions(series)), period, series.Stat);

    private static List<Dimension> ToDimensions(SeriesKey series) =>
        series.DimensionList.Select(d => new Dimension(d.Key, d.Value)).ToList();

    private static string UniqueId(string preferred, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var id = preferred;
        for (var i = 2; used.Contains(id); i++)
        {
            id = "e" + i.ToString(CultureInfo.InvariantCulture);
        }
        return id;
    }
}
