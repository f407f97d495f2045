using Dashboard.Core.Alarms;
namespace Dashboard.Core.Alarms.Evaluation;

/// <summary>
/// One period's value as the evaluator sees it. <see cref="SampleCount"/> is known for percentile alarms (the number of
/// requests behind the percentile); <see cref="Lower"/>/<see cref="Upper"/> are the band of anomaly-detection alarms.
/// </summary>
public readonly record struct AlarmDatapoint(long Time, double Value, double? SampleCount = null, double? Lower = null, double? Upper = null);

/// <summary>How one period of the evaluation range counted.</summary>
public enum PeriodVerdict
{
    Breaching,
    NotBreaching,

    /// <summary>No datapoint, and enough real datapoints existed that it was not needed.</summary>
    MissingNotNeeded,

    /// <summary>No datapoint, filled by TreatMissingData as breaching.</summary>
    MissingAsBreaching,

    /// <summary>No datapoint, filled by TreatMissingData as not breaching.</summary>
    MissingAsNotBreaching,

    /// <summary>No datapoint, left missing (TreatMissingData missing or ignore).</summary>
    Missing,

    /// <summary>Present, but too few samples behind a percentile and EvaluateLowSampleCountPercentile is ignore.</summary>
    LowSampleIgnored,

    /// <summary>Real datapoint older than the N most recent real ones: retrieved but not evaluated.</summary>
    NotEvaluated,
}

public sealed record EvaluatedPeriod(long Time, double? Value, PeriodVerdict Verdict, double? SampleCount = null,
    double? Lower = null, double? Upper = null);

/// <summary>
/// The outcome of evaluating an alarm as of <see cref="AsOf"/> (Unix seconds; the end of the newest period considered),
/// with everything needed to explain it: every period of the evaluation range and how it counted.
/// </summary>
public sealed record AlarmEvaluation(
    long AsOf,
    AlarmState State,
    string Reason,
    IReadOnlyList<EvaluatedPeriod> Periods,
    int BreachingCount,
    int DatapointsToAlarm,
    int EvaluationPeriods,
    bool MissingDataFilled = false,
    bool Premature = false,
    bool LowSampleCountKeptState = false,
    bool KeptStateIgnoringMissing = false);
