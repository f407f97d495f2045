using System.Text.Json.Serialization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms;

/// <summary>
/// An alarm as the user configured it, in CloudWatch's terms (members follow PutMetricAlarm / PutCompositeAlarm); the
/// kinds and units: docs/alarm-evaluation.md.
/// </summary>
public sealed record AlarmDefinition
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public AlarmKind Kind { get; init; }

    public SeriesKey? Metric { get; init; }
    public IReadOnlyList<AlarmMetric> Metrics { get; init; } = [];
    public string? Expression { get; init; }
    public string? AlarmRule { get; init; }

    public int Period { get; init; } = 60;
    public int EvaluationPeriods { get; init; } = 1;
    public int DatapointsToAlarm { get; init; } = 1;
    public ComparisonOperator Comparison { get; init; } = ComparisonOperator.GreaterThanThreshold;
    public double Threshold { get; init; }

    /// <summary>Anomaly detection: the band is the endpoint's seasonal baseline ± this many robust deviations.</summary>
    public double BandWidth { get; init; } = 2;

    public TreatMissingData TreatMissingData { get; init; } = TreatMissingData.Missing;

    /// <summary>CloudWatch's EvaluateLowSampleCountPercentile: true is "evaluate" (the default), false is "ignore".</summary>
    public bool EvaluateLowSampleCountPercentile { get; init; } = true;

    /// <summary>False mutes every notification of this alarm; evaluation continues.</summary>
    public bool ActionsEnabled { get; init; } = true;

    /// <summary>Live mode: also create the alarm in CloudWatch and read its state back.</summary>
    public bool MirrorToCloudWatch { get; init; }

    /// <summary>The endpoint the alarm watches, for filters and the endpoint page; null for composites.</summary>
    [JsonIgnore]
    public string? Endpoint => Metric?.EndpointName ?? Metrics.Select(m => m.Series.EndpointName).FirstOrDefault(e => e is not null);

    /// <summary>The series whose stored history the alarm reads.</summary>
    [JsonIgnore]
    public IEnumerable<SeriesKey> Inputs => Kind switch
    {
        AlarmKind.Metric or AlarmKind.AnomalyDetection when Metric is not null => [Metric],
        AlarmKind.MetricMath => Metrics.Select(m => m.Series),
        _ => [],
    };
}

/// <summary>One metric of a math expression, referenced in the expression by <paramref name="Id"/> (e.g. "m1").</summary>
public sealed record AlarmMetric(string Id, SeriesKey Series);

public enum AlarmKind
{
    Metric,
    MetricMath,
    AnomalyDetection,
    Composite,
}

/// <summary>CloudWatch's comparison operators; the last three are for anomaly-detection bands.</summary>
public enum ComparisonOperator
{
    GreaterThanOrEqualToThreshold,
    GreaterThanThreshold,
    LessThanThreshold,
    LessThanOrEqualToThreshold,
    LessThanLowerOrGreaterThanUpperThreshold,
    LessThanLowerThreshold,
    GreaterThanUpperThreshold,
}

/// <summary>CloudWatch's TreatMissingData values (wire: missing, notBreaching, breaching, ignore).</summary>
public enum TreatMissingData
{
    Missing,
    NotBreaching,
    Breaching,
    Ignore,
}

public enum AlarmState
{
    InsufficientData,
    Ok,
    Alarm,
}

public static class AlarmWireNames
{
    public static string ToWire(this AlarmState state) => state switch
    {
        AlarmState.Ok => "OK",
        AlarmState.Alarm => "ALARM",
        _ => "INSUFFICIENT_DATA",
    };

    public static AlarmState? ParseState(string? wire) => wire switch
    {
        "OK" => AlarmState.Ok,
        "ALARM" => AlarmState.Alarm,
        "INSUFFICIENT_DATA" => AlarmState.InsufficientData,
        _ => null,
    };

    public static string ToWire(this TreatMissingData treat) => treat switch
    {
        TreatMissingData.NotBreaching => "notBreaching",
        TreatMissingData.Breaching => "breaching",
        TreatMissingData.Ignore => "ignore",
        _ => "missing",
    };
}
