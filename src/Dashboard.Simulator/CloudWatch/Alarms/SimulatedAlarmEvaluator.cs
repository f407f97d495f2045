using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ComparisonOperator = Dashboard.Core.Alarms.ComparisonOperator;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Scenario;
using SimStatistic = Dashboard.Simulator.Scenario.Statistic;

namespace Dashboard.Simulator.CloudWatch.Alarms;

/// <summary>The outcome of one evaluation: the state, CloudWatch-style reason and StateReasonData (a JSON document).</summary>
internal sealed record SimulatedOutcome(AlarmState State, string Reason, string ReasonData, bool Unsupported = false);

/// <summary>
/// Evaluates stored alarms against the simulated fleet's own data with the dashboard's evaluators
/// (<see cref="MetricAlarmEvaluator"/>, <see cref="MetricMath"/>, <see cref="CompositeAlarmEvaluator"/>), so an alarm's
/// state in the simulator means what it would mean in CloudWatch for the same datapoints. Anomaly-detection bands are
/// the simulator's own simple model (see <see cref="Band"/>), deliberately not the dashboard's seasonal baseline:
/// CloudWatch's band is a model of its own too.
/// </summary>
internal sealed partial class SimulatedAlarmEvaluator(FleetScenario scenario)
{
    /// <summary>Days of the same time of day that make an anomaly band.</summary>
    private const int BandDays = 7;

    /// <summary>Evaluates a metric alarm as of <paramref name="asOf"/> (the end of its newest complete period).</summary>
    public SimulatedOutcome Evaluate(MetricAlarm alarm, long asOf, AlarmState current, long queryTime)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (Plan(alarm) is not { } plan)
        {
            return Unsupported(PlanProblem(alarm));
        }
        var spec = plan.Spec;
        var (from, _) = MetricAlarmEvaluator.EvaluationRange(spec.Period, spec.EvaluationPeriods, asOf);
        var points = plan.Points(from, asOf);
        var evaluation = MetricAlarmEvaluator.Evaluate(spec, points, asOf, current);
        return new SimulatedOutcome(evaluation.State, evaluation.Reason, ReasonData(evaluation, plan, queryTime));
    }

    /// <summary>The alarm's period, or null when it cannot be evaluated here.</summary>
    public int? PeriodOf(MetricAlarm alarm) => Plan(alarm)?.Spec.Period;

    public static SimulatedOutcome EvaluateComposite(CompositeAlarm alarm, Func<string, StoredAlarm?> find, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var parsed = AlarmRuleParser.Parse(StripArns(alarm.AlarmRule ?? ""));
        if (parsed.Rule is not { } rule)
        {
            return Unsupported($"The simulator cannot parse the alarm rule: {parsed.Error?.Message}");
        }
        var evaluation = CompositeAlarmEvaluator.Evaluate(rule, name => AlarmWireNames.ParseState(find(name)?.StateValue));
        // CloudWatch's composite StateReasonData lists the triggering alarms with their states.
        var triggering = new JsonArray();
        foreach (var name in evaluation.DecidingAlarms)
        {
            var child = find(name);
            triggering.Add(new JsonObject
            {
                ["arn"] = child?.Metric?.AlarmArn ?? child?.Composite?.AlarmArn ?? name,
                ["state"] = new JsonObject
                {
                    ["value"] = child?.StateValue ?? AlarmStates.InsufficientData,
                    ["timestamp"] = IsoTime((child?.Metric?.StateUpdatedTimestamp ?? child?.Composite?.StateUpdatedTimestamp ?? time).ToUnixTimeSeconds()),
                },
            });
        }
        var data = new JsonObject { ["triggeringAlarms"] = triggering };
        return new SimulatedOutcome(evaluation.State, evaluation.Reason, data.ToJsonString());
    }

    private static SimulatedOutcome Unsupported(string reason) =>
        new(AlarmState.InsufficientData, reason, new JsonObject { ["version"] = "1.0" }.ToJsonString(), Unsupported: true);

    private static string StripArns(string rule) => AlarmArn().Replace(rule, "");

    [GeneratedRegex("arn:aws[a-z-]*:cloudwatch:[^:\"()]*:[0-9]*:alarm:")]
    private static partial Regex AlarmArn();

    [GeneratedRegex(@"^\s*ANOMALY_DETECTION_BAND\s*\(\s*(?<id>[a-z][A-Za-z0-9_]*)\s*(,\s*(?<width>[0-9]+(\.[0-9]+)?)\s*)?\)\s*$")]
    private static partial Regex AnomalyBand();

    /// <summary>How to produce the alarm's datapoints; null when the alarm is beyond the simulator.</summary>
    private EvaluationPlan? Plan(MetricAlarm alarm)
    {
        if (!Enum.TryParse<ComparisonOperator>(alarm.ComparisonOperator, out var comparison))
        {
            return null;
        }
        var n = alarm.EvaluationPeriods ?? 1;
        var treat = alarm.TreatMissingData switch
        {
            MissingDataTreatments.Breaching => TreatMissingData.Breaching,
            MissingDataTreatments.NotBreaching => TreatMissingData.NotBreaching,
            MissingDataTreatments.Ignore => TreatMissingData.Ignore,
            _ => TreatMissingData.Missing,
        };
        AlarmRuleSpec Spec(int period, string? stat) => new(period, n, alarm.DatapointsToAlarm ?? n, comparison, alarm.Threshold ?? 0, treat,
            Statistics.ParsePercentile(stat), alarm.EvaluateLowSampleCountPercentile != "ignore");

        if (alarm.MetricName is not null)
        {
            var stat = alarm.ExtendedStatistic ?? alarm.Statistic;
            return alarm.Period is { } period && period % 60 == 0 && SimStatistic.TryParse(stat, out var statistic)
                ? new SingleMetricPlan(Spec(period, stat), Find(alarm.Namespace, alarm.MetricName, alarm.Dimensions, alarm.Unit), statistic, null)
                : null;
        }

        var queries = alarm.Metrics ?? [];
        if (alarm.ThresholdMetricId is { } bandId)
        {
            var band = queries.FirstOrDefault(q => q.Id == bandId)?.Expression is { } expression ? AnomalyBand().Match(expression) : null;
            if (band is not { Success: true } || queries.FirstOrDefault(q => q.Id == band.Groups["id"].Value)?.MetricStat is not { } watched
                || watched.Period % 60 != 0 || !SimStatistic.TryParse(watched.Stat, out var bandStatistic))
            {
                return null;
            }
            var width = band.Groups["width"].Success ? double.Parse(band.Groups["width"].Value, CultureInfo.InvariantCulture) : 2;
            return new SingleMetricPlan(Spec(watched.Period, watched.Stat), Find(watched.Metric, watched.Unit), bandStatistic, width);
        }

        var returned = queries.Where(q => q.ReturnData ?? true).ToList();
        if (returned.Count != 1)
        {
            return null;
        }
        if (returned[0].MetricStat is { } single)
        {
            return single.Period % 60 == 0 && SimStatistic.TryParse(single.Stat, out var singleStatistic)
                ? new SingleMetricPlan(Spec(single.Period, single.Stat), Find(single.Metric, single.Unit), singleStatistic, null)
                : null;
        }
        var stats = queries.Where(q => q.MetricStat is not null).ToList();
        if (returned[0].Expression is not { } mathExpression || stats.Count == 0 || stats.Count != queries.Count - 1)
        {
            return null; // expressions over expressions, or without metrics
        }
        var parsed = MetricMath.Parse(mathExpression, stats.Select(q => q.Id).ToList());
        var inputs = new List<(string Id, SimulatedSeries? Series, SimStatistic Statistic, int Period)>();
        foreach (var query in stats)
        {
            if (query.MetricStat!.Period % 60 != 0 || !SimStatistic.TryParse(query.MetricStat.Stat, out var inputStatistic))
            {
                return null;
            }
            inputs.Add((query.Id, Find(query.MetricStat.Metric, query.MetricStat.Unit), inputStatistic, query.MetricStat.Period));
        }
        return parsed.Expression is { } parsedExpression
            ? new MathPlan(Spec(stats[0].MetricStat!.Period, null), parsedExpression, inputs)
            : null;
    }

    private static string PlanProblem(MetricAlarm alarm)
    {
        if (alarm.ThresholdMetricId is not null)
        {
            return "The simulator evaluates anomaly detection only as ANOMALY_DETECTION_BAND(metric, width) over one metric with a "
                + "period of whole minutes; this alarm stays INSUFFICIENT_DATA.";
        }
        return "The simulator cannot evaluate this alarm (it evaluates one metric, or one math expression over metrics, with "
            + "periods of whole minutes and the standard statistics); it stays INSUFFICIENT_DATA.";
    }

    private SimulatedSeries? Find(Metric metric, string? unit) => Find(metric.Namespace, metric.MetricName, metric.Dimensions, unit);

    private SimulatedSeries? Find(string? ns, string? metricName, IReadOnlyList<Dimension>? dimensions, string? unit)
    {
        var series = ns is null || metricName is null ? null : scenario.FindSeries(ns, metricName, dimensions ?? []);
        return unit is not null && series is not null && series.Unit != unit ? null : series;
    }

    /// <summary>One period's value, as GetMetricData would answer it (nothing before the metric existed).</summary>
    private static double? Value(SimulatedSeries? series, SimStatistic statistic, int period, long start)
    {
        if (series is null || start + period <= series.CreationTime.ToUnixTimeSeconds())
        {
            return null;
        }
        return series.GetValue(statistic, period, DateTimeOffset.FromUnixTimeSeconds(start));
    }

    /// <summary>
    /// The simulator's anomaly band for one period: the median of the same period on each of the previous
    /// <see cref="BandDays"/> days ± width × a robust deviation (1.4826 × the median absolute deviation, at least 1 % of
    /// the median so a very steady metric still has a band). Null when fewer than three of those days have data.
    /// </summary>
    private static (double Lower, double Upper)? Band(SimulatedSeries series, SimStatistic statistic, int period, long start, double width)
    {
        var history = new List<double>(BandDays);
        for (var day = 1; day <= BandDays; day++)
        {
            if (Value(series, statistic, period, start - day * 86_400L) is { } value)
            {
                history.Add(value);
            }
        }
        if (history.Count < 3)
        {
            return null;
        }
        var median = Median(history);
        var deviation = Math.Max(1.4826 * Median(history.Select(v => Math.Abs(v - median)).ToList()), 0.01 * Math.Abs(median));
        return (median - width * deviation, median + width * deviation);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    // Shaped like CloudWatch's: {"version":"1.0","queryDate":…,"startDate":…,"statistic":…,"period":…,
    // "recentDatapoints":[…],"threshold":…,"evaluatedDatapoints":[{"timestamp":…,"sampleCount":…,"value":…}]}.
    private static string ReasonData(AlarmEvaluation evaluation, EvaluationPlan plan, long queryTime)
    {
        var evaluated = evaluation.Periods
            .Where(p => p.Verdict is not (PeriodVerdict.NotEvaluated or PeriodVerdict.MissingNotNeeded))
            .ToList();
        var data = new JsonObject
        {
            ["version"] = "1.0",
            ["queryDate"] = IsoTime(queryTime),
            ["startDate"] = IsoTime(evaluated.Count > 0 ? evaluated[0].Time : evaluation.AsOf),
        };
        if (plan.StatisticName is { } statistic)
        {
            data["statistic"] = statistic;
        }
        data["period"] = plan.Spec.Period;
        var recent = new JsonArray();
        foreach (var period in evaluated.Where(p => p.Value is not null))
        {
            recent.Add(period.Value);
        }
        data["recentDatapoints"] = recent;
        if (!MetricAlarmEvaluator.IsAnomalyOperator(plan.Spec.Comparison))
        {
            data["threshold"] = plan.Spec.Threshold;
        }
        var points = new JsonArray();
        foreach (var period in evaluated.OrderByDescending(p => p.Time))
        {
            var point = new JsonObject { ["timestamp"] = IsoTime(period.Time) };
            if (period.SampleCount is { } samples)
            {
                point["sampleCount"] = samples;
            }
            if (period.Value is { } value)
            {
                point["value"] = value;
            }
            if (period.Lower is { } lower && period.Upper is { } upper)
            {
                point["threshold"] = new JsonObject { ["lower"] = lower, ["upper"] = upper };
            }
            points.Add(point);
        }
        data["evaluatedDatapoints"] = points;
        return data.ToJsonString();
    }

    /// <summary>CloudWatch's timestamp format in reason data: 2026-01-01T00:05:00.000+0000.</summary>
    internal static string IsoTime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private abstract record EvaluationPlan(AlarmRuleSpec Spec)
    {
        public abstract string? StatisticName { get; }

        public abstract List<AlarmDatapoint> Points(long from, long to);
    }

    private sealed record SingleMetricPlan(AlarmRuleSpec Spec, SimulatedSeries? Series, SimStatistic Statistic, double? BandWidth)
        : EvaluationPlan(Spec)
    {
        public override string? StatisticName => Statistic.ToString();

        public override List<AlarmDatapoint> Points(long from, long to)
        {
            var points = new List<AlarmDatapoint>();
            for (var start = from; start < to; start += Spec.Period)
            {
                if (Value(Series, Statistic, Spec.Period, start) is not { } value)
                {
                    continue;
                }
                double? samples = Spec.Percentile is null ? null : Value(Series, SimStatistic.SampleCount, Spec.Period, start);
                if (BandWidth is { } width)
                {
                    // A period without a band cannot be compared (CloudWatch's band needs history as well).
                    if (Band(Series!, Statistic, Spec.Period, start, width) is { } band)
                    {
                        points.Add(new AlarmDatapoint(start, value, samples, band.Lower, band.Upper));
                    }
                }
                else
                {
                    points.Add(new AlarmDatapoint(start, value, samples));
                }
            }
            return points;
        }
    }

    private sealed record MathPlan(AlarmRuleSpec Spec, MathExpression Expression,
        IReadOnlyList<(string Id, SimulatedSeries? Series, SimStatistic Statistic, int Period)> Inputs) : EvaluationPlan(Spec)
    {
        public override string? StatisticName => null;

        public override List<AlarmDatapoint> Points(long from, long to)
        {
            var byId = new Dictionary<string, IReadOnlyList<MetricPoint>>(StringComparer.Ordinal);
            foreach (var (id, series, statistic, period) in Inputs)
            {
                var values = new List<MetricPoint>();
                for (var start = from; start < to; start += period)
                {
                    if (Value(series, statistic, period, start) is { } value)
                    {
                        values.Add(new MetricPoint(start, value));
                    }
                }
                byId[id] = values;
            }
            return MetricMath.Evaluate(Expression, byId, new MathGrid(from, to, Spec.Period))
                .Select(p => new AlarmDatapoint(p.Time, p.Value)).ToList();
        }
    }
}
