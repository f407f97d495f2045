using System.Globalization;
using System.Text;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Alarms.Evaluation;

/// <summary>
/// What <see cref="MetricAlarmEvaluator"/> needs of an alarm. <see cref="Percentile"/> is the p of a percentile statistic
/// (99 for "p99"), null otherwise; <see cref="EvaluateLowSampleCountPercentile"/> false is CloudWatch's "ignore".
/// </summary>
public sealed record AlarmRuleSpec(
    int Period,
    int EvaluationPeriods,
    int DatapointsToAlarm,
    ComparisonOperator Comparison,
    double Threshold,
    TreatMissingData TreatMissingData = TreatMissingData.Missing,
    double? Percentile = null,
    bool EvaluateLowSampleCountPercentile = true)
{
    /// <summary>Latency is stored in µs but read in ms: the reason quotes values and threshold the way the pages show them.</summary>
    public bool InMilliseconds { get; init; }

    /// <summary>The rule of a metric, math or anomaly-detection alarm (the percentile comes from the metric's Stat).</summary>
    public static AlarmRuleSpec From(AlarmDefinition alarm) => new(
        alarm.Period, alarm.EvaluationPeriods, alarm.DatapointsToAlarm, alarm.Comparison, alarm.Threshold,
        alarm.TreatMissingData,
        alarm.Kind is AlarmKind.Metric or AlarmKind.AnomalyDetection ? Statistics.ParsePercentile(alarm.Metric?.Stat) : null,
        alarm.EvaluateLowSampleCountPercentile)
    {
        InMilliseconds = alarm.Kind is AlarmKind.Metric or AlarmKind.AnomalyDetection && alarm.Metric is { } metric
            && Metrics.SageMakerMetrics.IsLatency(metric.MetricName),
    };

    /// <summary>A stored value as the reason quotes it: "1250.0", or "412.346 ms" for latency.</summary>
    internal string Quote(double stored) => InMilliseconds
        ? MetricAlarmEvaluator.Number(Math.Round(stored / 1000, 3)) + " ms"
        : MetricAlarmEvaluator.Number(stored);
}

/// <summary>
/// CloudWatch's evaluation of a metric alarm (period of 60 s or more), missing data and low-sample percentiles included;
/// the rules and their sources: docs/alarm-evaluation.md.
/// </summary>
public static class MetricAlarmEvaluator
{
    /// <summary>
    /// Periods fetched beyond EvaluationPeriods. The guide says the exact number depends on the period and the resolution
    /// but publishes only examples with N = 3 and a range of 5 (both tables of "How alarm state is evaluated when data is
    /// missing", 5-minute periods); N + 2 reproduces them and is used for every standard-resolution period.
    /// </summary>
    public const int ExtraPeriods = 2;

    public static int RangePeriods(int evaluationPeriods) => evaluationPeriods + ExtraPeriods;

    /// <summary>The time to read for an evaluation as of <paramref name="asOf"/>: [From, To), To = asOf.</summary>
    public static (long From, long To) EvaluationRange(int period, int evaluationPeriods, long asOf) =>
        (asOf - (long)RangePeriods(evaluationPeriods) * period, asOf);

    private const byte Missing = 0, NotBreaching = 1, Breaching = 2, LowSample = 3;

    /// <summary>
    /// Evaluates the alarm as of <paramref name="asOf"/> (the end of the newest period; periods are [asOf − k·Period,
    /// asOf − (k−1)·Period)). <paramref name="points"/> may be unsorted and may extend outside the range (ignored);
    /// at most one per period (a later one in the list wins). <paramref name="current"/> is the state kept by ignore.
    /// </summary>
    public static AlarmEvaluation Evaluate(AlarmRuleSpec spec, IReadOnlyList<AlarmDatapoint> points, long asOf, AlarmState current)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(points);
        if (spec.Period <= 0 || spec.EvaluationPeriods < 1 || spec.DatapointsToAlarm < 1 || spec.DatapointsToAlarm > spec.EvaluationPeriods)
            throw new ArgumentException($"Invalid alarm rule: period {spec.Period}, {spec.DatapointsToAlarm} of {spec.EvaluationPeriods}.", nameof(spec));

        int n = spec.EvaluationPeriods, m = spec.DatapointsToAlarm, r = RangePeriods(n), period = spec.Period;
        var (from, _) = EvaluationRange(period, n, asOf);

        Span<int> slot = r <= 256 ? stackalloc int[r] : new int[r];
        Span<byte> kind = r <= 256 ? stackalloc byte[r] : new byte[r];
        slot.Fill(-1);
        for (var i = 0; i < points.Count; i++)
        {
            var t = points[i].Time;
            if (t >= from && t < asOf)
                slot[(int)((t - from) / period)] = i;
        }

        var lowSampleLimit = spec.Percentile is { } pct && !spec.EvaluateLowSampleCountPercentile
            ? Statistics.LowSampleThreshold(pct) : double.NaN;
        int real = 0, newestPresent = -1;
        for (var k = 0; k < r; k++)
        {
            kind[k] = Missing;
            if (slot[k] < 0)
                continue;
            var p = points[slot[k]];
            if (Breaches(spec.Comparison, spec.Threshold, p) is not { } breaches)
                continue;
            newestPresent = k;
            if (p.SampleCount is { } samples && samples < lowSampleLimit)
            {
                kind[k] = LowSample;
                continue;
            }
            kind[k] = breaches ? Breaching : NotBreaching;
            real++;
        }

        var verdicts = new PeriodVerdict[r];
        int realBreaching = 0, filled = 0, evaluated = 0, oldestBreaching = -1;
        var need = Math.Max(0, n - real);
        var taken = 0;
        for (var k = r - 1; k >= 0; k--)
        {
            switch (kind[k])
            {
                case LowSample:
                    verdicts[k] = PeriodVerdict.LowSampleIgnored;
                    break;
                case Missing when need > 0:
                    need--;
                    filled++;
                    evaluated++;
                    verdicts[k] = spec.TreatMissingData switch
                    {
                        TreatMissingData.Breaching => PeriodVerdict.MissingAsBreaching,
                        TreatMissingData.NotBreaching => PeriodVerdict.MissingAsNotBreaching,
                        _ => PeriodVerdict.Missing,
                    };
                    break;
                case Missing:
                    verdicts[k] = PeriodVerdict.MissingNotNeeded;
                    break;
                case NotBreaching or Breaching when taken < n:
                    taken++;
                    evaluated++;
                    if (kind[k] == Breaching)
                    {
                        realBreaching++;
                        oldestBreaching = k;
                        verdicts[k] = PeriodVerdict.Breaching;
                    }
                    else
                        verdicts[k] = PeriodVerdict.NotBreaching;
                    break;
                default:
                    verdicts[k] = PeriodVerdict.NotEvaluated; // real but older than the N most recent
                    break;
            }
        }

        AlarmState state;
        int breachingCount = realBreaching;
        bool premature = false, keptIgnoring = false, lowSampleKept = false;
        var outcome = Outcome.Counted;
        switch (spec.TreatMissingData)
        {
            case TreatMissingData.Breaching:
                breachingCount += filled;
                state = breachingCount >= m ? AlarmState.Alarm : AlarmState.Ok;
                break;
            case TreatMissingData.NotBreaching:
                state = breachingCount >= m ? AlarmState.Alarm : AlarmState.Ok;
                break;
            default:
                var isIgnore = spec.TreatMissingData == TreatMissingData.Ignore;
                if (real == 0)
                {
                    outcome = Outcome.NoData;
                    state = isIgnore ? current : AlarmState.InsufficientData;
                    keptIgnoring = isIgnore;
                }
                else if (realBreaching >= m)
                    state = AlarmState.Alarm;
                else if (filled > 0 && realBreaching == real && r - oldestBreaching >= m)
                {
                    outcome = Outcome.Premature;
                    state = isIgnore ? current : AlarmState.Alarm;
                    premature = !isIgnore;
                    keptIgnoring = isIgnore;
                }
                else
                    state = AlarmState.Ok;
                break;
        }

        if (newestPresent >= 0 && kind[newestPresent] == LowSample)
        {
            outcome = Outcome.LowSample;
            state = current;
            lowSampleKept = true;
            premature = keptIgnoring = false;
        }

        var periods = new EvaluatedPeriod[r];
        for (var k = 0; k < r; k++)
        {
            var time = from + (long)k * period;
            periods[k] = slot[k] < 0
                ? new EvaluatedPeriod(time, null, verdicts[k])
                : Period(time, points[slot[k]], verdicts[k]);
        }

        var reason = Reason(spec, outcome, state, current, periods, breachingCount, evaluated, filled,
            newestPresent >= 0 && slot[newestPresent] >= 0 ? points[slot[newestPresent]] : null, from, asOf);
        return new AlarmEvaluation(asOf, state, reason, periods, breachingCount, m, n,
            MissingDataFilled: filled > 0, Premature: premature, LowSampleCountKeptState: lowSampleKept,
            KeptStateIgnoringMissing: keptIgnoring);
    }

    /// <summary>Whether the point breaches; null when it can't be compared (NaN, or no band for an anomaly operator).</summary>
    public static bool? Breaches(ComparisonOperator comparison, double threshold, in AlarmDatapoint point)
    {
        var v = point.Value;
        if (double.IsNaN(v))
            return null;
        return comparison switch
        {
            ComparisonOperator.GreaterThanOrEqualToThreshold => v >= threshold,
            ComparisonOperator.GreaterThanThreshold => v > threshold,
            ComparisonOperator.LessThanThreshold => v < threshold,
            ComparisonOperator.LessThanOrEqualToThreshold => v <= threshold,
            ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold =>
                point.Lower is { } lo && point.Upper is { } up ? v < lo || v > up : null,
            ComparisonOperator.LessThanLowerThreshold => point.Lower is { } lower ? v < lower : null,
            ComparisonOperator.GreaterThanUpperThreshold => point.Upper is { } upper ? v > upper : null,
            _ => null,
        };
    }

    public static bool IsAnomalyOperator(ComparisonOperator comparison) => comparison is
        ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold or ComparisonOperator.LessThanLowerThreshold
        or ComparisonOperator.GreaterThanUpperThreshold;

    private enum Outcome { Counted, NoData, Premature, LowSample }

    private static EvaluatedPeriod Period(long time, AlarmDatapoint p, PeriodVerdict verdict) =>
        new(time, double.IsNaN(p.Value) ? null : p.Value, verdict, p.SampleCount, p.Lower, p.Upper);

    // Worded after CloudWatch's StateReason ("Threshold Crossed: …"): the counts, the evaluated values newest first with
    // their period start times (dd/MM/yy HH:mm:ss UTC, as CloudWatch prints them), the comparison and what ALARM needs.
    private static string Reason(AlarmRuleSpec spec, Outcome outcome, AlarmState state, AlarmState current,
        EvaluatedPeriod[] periods, int breaching, int evaluated, int filled, AlarmDatapoint? newest, long from, long asOf)
    {
        var sb = new StringBuilder(160);
        var m = spec.DatapointsToAlarm;
        switch (outcome)
        {
            case Outcome.LowSample:
                var p = newest!.Value;
                sb.Append("The newest datapoint [");
                AppendPoint(sb, spec, p.Value, p.Lower, p.Upper, p.Time);
                sb.Append("] rests on ").Append(Number(p.SampleCount ?? 0)).Append(" samples, fewer than the ")
                    .Append(Number(Statistics.LowSampleThreshold(spec.Percentile!.Value))).Append(" a p")
                    .Append(spec.Percentile.Value.ToString("0.##", CultureInfo.InvariantCulture))
                    .Append(" needs; low-sample percentiles are ignored, so the state stays ").Append(current.ToWire()).Append('.');
                return sb.ToString();
            case Outcome.NoData:
                sb.Append("No datapoints in the evaluation range (").Append(periods.Length).Append(" periods of ")
                    .Append(spec.Period).Append(" s, ").Append(Time(from)).Append(" to ").Append(Time(asOf)).Append(')');
                sb.Append(state == AlarmState.InsufficientData
                    ? "; missing data is treated as missing."
                    : "; missing data is ignored, so the state stays " + current.ToWire() + ".");
                return sb.ToString();
        }

        if (outcome == Outcome.Premature)
        {
            sb.Append(state == AlarmState.Alarm && spec.TreatMissingData != TreatMissingData.Ignore
                ? "Threshold crossed (missing datapoints after a breach): "
                : "Threshold crossed only with datapoints missing: ");
            sb.Append("every datapoint present ");
            AppendList(sb, periods, spec);
            sb.Append(' ').Append(Comparison(spec, plural: breaching != 1)).Append(" and the oldest breaching one is at least ")
                .Append(m).Append(m == 1 ? " period old" : " periods old");
            sb.Append(spec.TreatMissingData == TreatMissingData.Ignore
                ? "; missing data is ignored, so the state stays " + current.ToWire() + "."
                : " (ALARM needs " + m + (m == 1 ? " breaching datapoint)." : " breaching datapoints)."));
            return sb.ToString();
        }

        sb.Append(state == AlarmState.Alarm ? "Threshold crossed: " : "Threshold not crossed: ");
        sb.Append(breaching).Append(" of the last ").Append(evaluated).Append(evaluated == 1 ? " datapoint " : " datapoints ");
        AppendList(sb, periods, spec);
        sb.Append(' ').Append(Comparison(spec, plural: breaching != 1));
        if (filled > 0 && spec.TreatMissingData is TreatMissingData.Breaching or TreatMissingData.NotBreaching)
            sb.Append(", counting ").Append(filled).Append(filled == 1 ? " missing datapoint as " : " missing datapoints as ")
                .Append(spec.TreatMissingData == TreatMissingData.Breaching ? "breaching" : "not breaching");
        sb.Append(" (ALARM needs ").Append(m).Append(m == 1 ? " breaching datapoint)." : " breaching datapoints).");
        return sb.ToString();
    }

    private static void AppendList(StringBuilder sb, EvaluatedPeriod[] periods, AlarmRuleSpec spec)
    {
        sb.Append('[');
        var first = true;
        for (var k = periods.Length - 1; k >= 0; k--)
        {
            var p = periods[k];
            if (p.Verdict is PeriodVerdict.NotEvaluated or PeriodVerdict.MissingNotNeeded or PeriodVerdict.LowSampleIgnored)
                continue;
            if (!first) sb.Append(", ");
            first = false;
            if (p.Verdict is PeriodVerdict.Breaching or PeriodVerdict.NotBreaching)
                AppendPoint(sb, spec, p.Value!.Value, p.Lower, p.Upper, p.Time);
            else
                sb.Append(p.Verdict switch
                {
                    PeriodVerdict.MissingAsBreaching => "missing as breaching",
                    PeriodVerdict.MissingAsNotBreaching => "missing as not breaching",
                    _ => "missing",
                }).Append(" (").Append(Time(p.Time)).Append(')');
        }
        sb.Append(']');
    }

    private static void AppendPoint(StringBuilder sb, AlarmRuleSpec spec, double value, double? lower, double? upper, long time)
    {
        sb.Append(spec.Quote(value));
        if (IsAnomalyOperator(spec.Comparison))
            sb.Append(" (band ").Append(lower is { } lo ? spec.Quote(lo) : "?").Append(" to ").Append(upper is { } up ? spec.Quote(up) : "?").Append(')');
        sb.Append(" (").Append(Time(time)).Append(')');
    }

    private static string Comparison(AlarmRuleSpec spec, bool plural)
    {
        var verb = plural ? "were " : "was ";
        return spec.Comparison switch
        {
            ComparisonOperator.GreaterThanOrEqualToThreshold => verb + "greater than or equal to the threshold (" + spec.Quote(spec.Threshold) + ")",
            ComparisonOperator.GreaterThanThreshold => verb + "greater than the threshold (" + spec.Quote(spec.Threshold) + ")",
            ComparisonOperator.LessThanThreshold => verb + "less than the threshold (" + spec.Quote(spec.Threshold) + ")",
            ComparisonOperator.LessThanOrEqualToThreshold => verb + "less than or equal to the threshold (" + spec.Quote(spec.Threshold) + ")",
            ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold => verb + "outside the anomaly band",
            ComparisonOperator.LessThanLowerThreshold => verb + "below the anomaly band",
            _ => verb + "above the anomaly band",
        };
    }

    /// <summary>CloudWatch prints values the Java way: 1250.0, 0.25.</summary>
    internal static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    internal static string Time(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("dd/MM/yy HH:mm:ss", CultureInfo.InvariantCulture);
}
