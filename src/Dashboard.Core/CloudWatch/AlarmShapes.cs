namespace Dashboard.Core.CloudWatch;

// Request and response shapes of the CloudWatch alarm operations (awsJson 1.0 member names of the service model,
// so they serialize to the wire as they are). Required members are constructor parameters; the many optional ones
// are init properties, left null to be omitted from the request. Unknown reply members are ignored on read.

public sealed record Tag(string Key, string Value);

/// <summary>
/// Creates or overwrites a metric alarm. Set either the single-metric members (MetricName, Namespace, Statistic or
/// ExtendedStatistic, Dimensions, Period, Unit) or <see cref="Metrics"/> (math, anomaly detection), not both.
/// </summary>
public sealed record PutMetricAlarmRequest(string AlarmName)
{
    public string? AlarmDescription { get; init; }
    public bool? ActionsEnabled { get; init; }
    public IReadOnlyList<string>? OKActions { get; init; }
    public IReadOnlyList<string>? AlarmActions { get; init; }
    public IReadOnlyList<string>? InsufficientDataActions { get; init; }
    public string? MetricName { get; init; }
    public string? Namespace { get; init; }
    public string? Statistic { get; init; }
    public string? ExtendedStatistic { get; init; }
    public IReadOnlyList<Dimension>? Dimensions { get; init; }
    public int? Period { get; init; }
    public string? Unit { get; init; }
    public int? EvaluationPeriods { get; init; }
    public int? DatapointsToAlarm { get; init; }
    public double? Threshold { get; init; }
    public string? ComparisonOperator { get; init; }
    public string? TreatMissingData { get; init; }
    public string? EvaluateLowSampleCountPercentile { get; init; }
    public IReadOnlyList<MetricDataQuery>? Metrics { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public string? ThresholdMetricId { get; init; }
}

/// <summary>Creates or overwrites a composite alarm; the wait and extension periods are required with a suppressor.</summary>
public sealed record PutCompositeAlarmRequest(string AlarmName, string AlarmRule)
{
    public string? AlarmDescription { get; init; }
    public bool? ActionsEnabled { get; init; }
    public IReadOnlyList<string>? OKActions { get; init; }
    public IReadOnlyList<string>? AlarmActions { get; init; }
    public IReadOnlyList<string>? InsufficientDataActions { get; init; }
    public IReadOnlyList<Tag>? Tags { get; init; }
    public string? ActionsSuppressor { get; init; }
    public int? ActionsSuppressorWaitPeriod { get; init; }
    public int? ActionsSuppressorExtensionPeriod { get; init; }
}

/// <summary>Without <see cref="AlarmTypes"/> the service returns metric alarms only.</summary>
public sealed record DescribeAlarmsRequest
{
    public IReadOnlyList<string>? AlarmNames { get; init; }
    public string? AlarmNamePrefix { get; init; }
    public IReadOnlyList<string>? AlarmTypes { get; init; }
    public string? ChildrenOfAlarmName { get; init; }
    public string? ParentsOfAlarmName { get; init; }
    public string? StateValue { get; init; }
    public string? ActionPrefix { get; init; }
    public int? MaxRecords { get; init; }
    public string? NextToken { get; init; }
}

public sealed record MetricAlarm
{
    public string AlarmName { get; init; } = "";
    public string? AlarmArn { get; init; }
    public string? AlarmDescription { get; init; }
    public DateTimeOffset? AlarmConfigurationUpdatedTimestamp { get; init; }
    public bool? ActionsEnabled { get; init; }
    public IReadOnlyList<string>? OKActions { get; init; }
    public IReadOnlyList<string>? AlarmActions { get; init; }
    public IReadOnlyList<string>? InsufficientDataActions { get; init; }
    public string? StateValue { get; init; }
    public string? StateReason { get; init; }
    /// <summary>A JSON document in a string, as the service sends it.</summary>
    public string? StateReasonData { get; init; }
    public DateTimeOffset? StateUpdatedTimestamp { get; init; }
    public DateTimeOffset? StateTransitionedTimestamp { get; init; }
    public string? MetricName { get; init; }
    public string? Namespace { get; init; }
    public string? Statistic { get; init; }
    public string? ExtendedStatistic { get; init; }
    public IReadOnlyList<Dimension>? Dimensions { get; init; }
    public int? Period { get; init; }
    public string? Unit { get; init; }
    public int? EvaluationPeriods { get; init; }
    public int? DatapointsToAlarm { get; init; }
    public double? Threshold { get; init; }
    public string? ComparisonOperator { get; init; }
    public string? TreatMissingData { get; init; }
    public string? EvaluateLowSampleCountPercentile { get; init; }
    public IReadOnlyList<MetricDataQuery>? Metrics { get; init; }
    public string? ThresholdMetricId { get; init; }
    public string? EvaluationState { get; init; }
}

public sealed record CompositeAlarm
{
    public string AlarmName { get; init; } = "";
    public string? AlarmArn { get; init; }
    public string? AlarmDescription { get; init; }
    public string? AlarmRule { get; init; }
    public DateTimeOffset? AlarmConfigurationUpdatedTimestamp { get; init; }
    public bool? ActionsEnabled { get; init; }
    public IReadOnlyList<string>? OKActions { get; init; }
    public IReadOnlyList<string>? AlarmActions { get; init; }
    public IReadOnlyList<string>? InsufficientDataActions { get; init; }
    public string? StateValue { get; init; }
    public string? StateReason { get; init; }
    public string? StateReasonData { get; init; }
    public DateTimeOffset? StateUpdatedTimestamp { get; init; }
    public DateTimeOffset? StateTransitionedTimestamp { get; init; }
    public string? ActionsSuppressedBy { get; init; }
    public string? ActionsSuppressedReason { get; init; }
    public string? ActionsSuppressor { get; init; }
    public int? ActionsSuppressorWaitPeriod { get; init; }
    public int? ActionsSuppressorExtensionPeriod { get; init; }
}

/// <summary>Both lists are empty rather than null when the reply omits them (LogAlarms are not read).</summary>
public sealed record DescribeAlarmsResponse(IReadOnlyList<MetricAlarm> MetricAlarms, IReadOnlyList<CompositeAlarm> CompositeAlarms,
    string? NextToken = null);

/// <summary>Without <see cref="AlarmTypes"/> the service returns the history of metric alarms only.</summary>
public sealed record DescribeAlarmHistoryRequest
{
    public string? AlarmName { get; init; }
    public IReadOnlyList<string>? AlarmTypes { get; init; }
    public string? HistoryItemType { get; init; }
    public DateTimeOffset? StartDate { get; init; }
    public DateTimeOffset? EndDate { get; init; }
    public int? MaxRecords { get; init; }
    public string? NextToken { get; init; }
    public string? ScanBy { get; init; }
}

/// <param name="HistoryData">A JSON document in a string (old and new state for StateUpdate items).</param>
public sealed record AlarmHistoryItem(string AlarmName, DateTimeOffset Timestamp, string? AlarmType = null,
    string? HistoryItemType = null, string? HistorySummary = null, string? HistoryData = null);

public sealed record DescribeAlarmHistoryResponse(IReadOnlyList<AlarmHistoryItem> AlarmHistoryItems, string? NextToken = null);

/// <summary>At most 100 names, of which at most one composite alarm.</summary>
public sealed record DeleteAlarmsRequest(IReadOnlyList<string> AlarmNames);

public static class AlarmTypes
{
    public const string MetricAlarm = "MetricAlarm";
    public const string CompositeAlarm = "CompositeAlarm";
}

public static class AlarmStates
{
    public const string Ok = "OK";
    public const string Alarm = "ALARM";
    public const string InsufficientData = "INSUFFICIENT_DATA";
}

public static class ComparisonOperators
{
    public const string GreaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold";
    public const string GreaterThanThreshold = "GreaterThanThreshold";
    public const string LessThanThreshold = "LessThanThreshold";
    public const string LessThanOrEqualToThreshold = "LessThanOrEqualToThreshold";
    public const string LessThanLowerOrGreaterThanUpperThreshold = "LessThanLowerOrGreaterThanUpperThreshold";
    public const string LessThanLowerThreshold = "LessThanLowerThreshold";
    public const string GreaterThanUpperThreshold = "GreaterThanUpperThreshold";
}

/// <summary>Values of TreatMissingData (the service's default is "missing").</summary>
public static class MissingDataTreatments
{
    public const string Breaching = "breaching";
    public const string NotBreaching = "notBreaching";
    public const string Ignore = "ignore";
    public const string Missing = "missing";
}

public static class HistoryItemTypes
{
    public const string ConfigurationUpdate = "ConfigurationUpdate";
    public const string StateUpdate = "StateUpdate";
    public const string Action = "Action";
}

/// <summary>StateValue is OK, ALARM or INSUFFICIENT_DATA; StateReasonData, when given, must be JSON.</summary>
public sealed record SetAlarmStateRequest(string AlarmName, string StateValue, string StateReason)
{
    public string? StateReasonData { get; init; }
}
