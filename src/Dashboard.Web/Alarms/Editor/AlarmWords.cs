using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>CloudWatch's alarm settings in plain words, for the editor's labels and the recommended-alarms list.</summary>
public static class AlarmWords
{
    /// <summary>The statistics the editor suggests: CloudWatch's five, and the usual percentiles (any pNN.NN can be typed).</summary>
    public static IReadOnlyList<string> Statistics { get; } =
        ["Average", "Sum", "Minimum", "Maximum", "SampleCount", "p50", "p90", "p95", "p99", "p99.9"];

    /// <summary>Periods in seconds; 10 and 30 are offered so the validator can explain why they never have data here.</summary>
    public static IReadOnlyList<int> Periods { get; } = [10, 30, 60, 300, 600, 900, 3600, 21600, 86400];

    public static string Kind(AlarmKind kind) => kind switch
    {
        AlarmKind.MetricMath => "Metric math",
        AlarmKind.AnomalyDetection => "Anomaly detection",
        AlarmKind.Composite => "Composite",
        _ => "Metric",
    };

    public static string Period(int seconds) => seconds switch
    {
        < 60 => $"{seconds} seconds",
        < 3600 => $"{seconds / 60} minute{(seconds == 60 ? "" : "s")}",
        < 86400 => $"{seconds / 3600} hour{(seconds == 3600 ? "" : "s")}",
        _ => $"{seconds / 86400} day{(seconds == 86400 ? "" : "s")}",
    };

    public static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThanOrEqualToThreshold => "≥ threshold (GreaterThanOrEqualToThreshold)",
        ComparisonOperator.GreaterThanThreshold => "> threshold (GreaterThanThreshold)",
        ComparisonOperator.LessThanThreshold => "< threshold (LessThanThreshold)",
        ComparisonOperator.LessThanOrEqualToThreshold => "≤ threshold (LessThanOrEqualToThreshold)",
        ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold => "Outside the band (LessThanLowerOrGreaterThanUpperThreshold)",
        ComparisonOperator.LessThanLowerThreshold => "Below the band (LessThanLowerThreshold)",
        ComparisonOperator.GreaterThanUpperThreshold => "Above the band (GreaterThanUpperThreshold)",
        _ => op.ToString(),
    };

    public static IEnumerable<ComparisonOperator> OperatorsFor(AlarmKind kind) =>
        Enum.GetValues<ComparisonOperator>().Where(op => MetricAlarmEvaluator.IsAnomalyOperator(op) == (kind == AlarmKind.AnomalyDetection));

    public static string TreatMissing(TreatMissingData treat) => treat switch
    {
        TreatMissingData.NotBreaching => "notBreaching: a period without data counts as healthy.",
        TreatMissingData.Breaching => "breaching: a period without data counts as a breach (use when silence means trouble).",
        TreatMissingData.Ignore => "ignore: the alarm keeps its state until data comes back.",
        _ => "missing: periods without data don't count; with no data at all the alarm goes to INSUFFICIENT_DATA.",
    };

    /// <summary>"ModelLatency p90 > 1,000 ms in 5 of 5 periods of 1 minute" and the like.</summary>
    public static string Condition(AlarmDefinition alarm)
    {
        var when = $"in {alarm.DatapointsToAlarm} of {alarm.EvaluationPeriods} periods of {Period(alarm.Period)}";
        switch (alarm.Kind)
        {
            case AlarmKind.Composite:
                return $"when {alarm.AlarmRule}";
            case AlarmKind.AnomalyDetection:
                var band = alarm.Comparison switch
                {
                    ComparisonOperator.LessThanLowerThreshold => "below",
                    ComparisonOperator.GreaterThanUpperThreshold => "above",
                    _ => "outside",
                };
                return $"{Watched(alarm)} {band} its baseline band (± {Number(alarm.BandWidth)}) {when}";
            default:
                var unit = alarm.Kind == AlarmKind.Metric && alarm.Metric is { } m ? Units.DisplayUnit(m.MetricName) : "";
                var threshold = AlarmForm.ToDisplay(alarm.Kind == AlarmKind.Metric ? alarm.Metric?.MetricName : null, alarm.Threshold);
                var shown = unit is "" or "count" or "distance" ? Number(threshold) : $"{Number(threshold)} {unit}";
                return $"{Watched(alarm)} {Symbol(alarm.Comparison)} {shown} {when}";
        }
    }

    private static string Watched(AlarmDefinition alarm) => alarm.Kind == AlarmKind.MetricMath
        ? alarm.Expression ?? ""
        : alarm.Metric is { } m ? $"{m.MetricName} {m.Stat}" : "";

    private static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThanOrEqualToThreshold => "≥",
        ComparisonOperator.GreaterThanThreshold => ">",
        ComparisonOperator.LessThanThreshold => "<",
        ComparisonOperator.LessThanOrEqualToThreshold => "≤",
        _ => "vs",
    };

    public static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "#,0.##" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>"ModelLatency p95 every 5 minutes (VariantA)" for each series.</summary>
    public static string SeriesNames(IEnumerable<SeriesKey> series) =>
        string.Join(", ", series.Select(s => $"{s.MetricName} {s.Stat} every {Period(s.Period)}{(s.VariantName is { } v ? $" ({v})" : "")}"));

    /// <summary>Why a backtest has nothing to replay: series the collector starts fetching once the alarm is saved.</summary>
    public static string NotCollectedYet(IReadOnlyList<SeriesKey> series, int backfillDays)
    {
        var names = SeriesNames(series);
        return $"{names} {(series.Count == 1 ? "isn't" : "aren't")} collected yet, so there is no history to replay. Once the alarm is saved the "
            + $"dashboard fetches {(series.Count == 1 ? "it" : "them")} from CloudWatch every minute, with up to {backfillDays} days of history, "
            + "and evaluates the alarm from then on; backtest again after that.";
    }

    /// <summary>Why a saved alarm has not been evaluated yet: its series are being fetched for the first time.</summary>
    public static string AwaitingFirstFetch(IReadOnlyList<SeriesKey> series) =>
        $"Waiting for CloudWatch: {SeriesNames(series)} {(series.Count == 1 ? "is" : "are")} not collected by default, so the dashboard "
        + "started fetching it, with its history, when the alarm was saved; the alarm is evaluated as soon as the first fetch is stored "
        + "(usually within a minute).";

    /// <summary>
    /// CloudWatch's low-sample rule for <paramref name="stat"/> (fewer than 10 / (1 − p) requests), in that statistic's
    /// own words; empty when it is not a percentile.
    /// </summary>
    public static string LowSample(string? stat) => Dashboard.Core.Alarms.Calculation.Statistics.ParsePercentile(stat) is { } percentile
        ? $"A {stat} from fewer than {Number(Dashboard.Core.Alarms.Calculation.Statistics.LowSampleThreshold(percentile))} requests is noisy; "
            + "\"ignore\" keeps the alarm's state for such periods."
        : "";

    /// <summary>
    /// The history a replay or a suggestion read from [<paramref name="from"/>, <paramref name="to"/>) when its first
    /// datapoint is at <paramref name="first"/>: "the last 14 days", "the 3 days stored", "the 5 hours stored"; null under an hour.
    /// </summary>
    public static string? StoredSpan(long from, long to, long? first)
    {
        var span = to - Math.Max(from, first ?? to);
        return span >= to - from - 86_400 ? $"the last {(int)Math.Round((to - from) / 86_400.0)} days"
            : span >= 2 * 86_400 ? $"the {span / 86_400} days stored"
            : span >= 3_600 ? $"the {span / 3_600} hours stored"
            : null;
    }

    /// <summary>"Would have fired 3 times; in ALARM for 2 h 5 min (1.2 % of the time)".</summary>
    public static string BacktestSentence(BacktestResult result)
    {
        var seconds = result.SecondsIn(AlarmState.Alarm);
        var total = Math.Max(1, result.To - result.From);
        var hours = seconds / 3600;
        var minutes = seconds % 3600 / 60;
        var share = 100.0 * seconds / total;
        var times = result.Fired == 1 ? "once" : $"{result.Fired} times";
        return $"Would have fired {times}; in ALARM for {hours} h {minutes} min ({share.ToString(share is > 0 and < 0.1 ? "0.##" : "0.#", CultureInfo.InvariantCulture)} % of the time).";
    }
}
