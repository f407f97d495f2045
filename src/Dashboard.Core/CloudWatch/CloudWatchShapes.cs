namespace Dashboard.Core.CloudWatch;

// Request and response shapes of the CloudWatch operations the dashboard uses, with the member names of the
// service model (awsJson 1.0), so they serialize to the wire as they are. Unknown members are ignored on read.

public sealed record Dimension(string Name, string Value);

public sealed record DimensionFilter(string Name, string? Value = null);

public sealed record Metric(string Namespace, string MetricName, IReadOnlyList<Dimension> Dimensions);

public sealed record MetricStat(Metric Metric, int Period, string Stat, string? Unit = null);

public sealed record MetricDataQuery(string Id, MetricStat? MetricStat = null, string? Expression = null,
    string? Label = null, bool? ReturnData = null, int? Period = null);

public sealed record GetMetricDataRequest(IReadOnlyList<MetricDataQuery> MetricDataQueries, DateTimeOffset StartTime,
    DateTimeOffset EndTime, string? NextToken = null, string? ScanBy = null, int? MaxDatapoints = null);

public sealed record MessageData(string? Code, string? Value);

public sealed record MetricDataResult(string Id, string? Label, IReadOnlyList<DateTimeOffset> Timestamps,
    IReadOnlyList<double> Values, string StatusCode, IReadOnlyList<MessageData>? Messages = null);

public sealed record GetMetricDataResponse(IReadOnlyList<MetricDataResult> MetricDataResults, string? NextToken = null,
    IReadOnlyList<MessageData>? Messages = null);

public sealed record ListMetricsRequest(string? Namespace = null, string? MetricName = null,
    IReadOnlyList<DimensionFilter>? Dimensions = null, string? NextToken = null, string? RecentlyActive = null);

public sealed record ListMetricsResponse(IReadOnlyList<Metric> Metrics, string? NextToken = null);

public static class ScanBy
{
    public const string TimestampAscending = "TimestampAscending";
    public const string TimestampDescending = "TimestampDescending";
}

public static class StatusCodes
{
    public const string Complete = "Complete";
    public const string PartialData = "PartialData";
    public const string InternalError = "InternalError";
    public const string Forbidden = "Forbidden";
}
