using Dashboard.Core.CloudWatch;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Tests.Collectors;

/// <summary>
/// CloudWatch as the collectors see it: ListMetrics serves <see cref="Metrics"/> by namespace (paged), GetMetricData
/// records every request and answers with <see cref="Respond"/> (by default one point at each window's start).
/// </summary>
internal sealed class FakeCloudWatchClient : ICloudWatchClient
{
    public List<Metric> Metrics { get; } = [];

    public int ListMetricsPageSize { get; set; } = 500;

    public List<ListMetricsRequest> ListRequests { get; } = [];

    public List<GetMetricDataRequest> Requests { get; } = [];

    public Func<GetMetricDataRequest, GetMetricDataResponse> Respond { get; set; } = OnePointAtStart;

    /// <summary>While set, every call throws it.</summary>
    public Exception? Failure { get; set; }

    public Task<ListMetricsResponse> ListMetricsAsync(ListMetricsRequest request, CancellationToken cancellationToken = default)
    {
        ListRequests.Add(request);
        if (Failure is not null)
        {
            throw Failure;
        }
        var all = Metrics.Where(m => m.Namespace == request.Namespace).ToList();
        var skip = request.NextToken is null ? 0 : int.Parse(request.NextToken, System.Globalization.CultureInfo.InvariantCulture);
        var page = all.Skip(skip).Take(ListMetricsPageSize).ToList();
        var next = skip + page.Count < all.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ListMetricsResponse(page, next));
    }

    public Task<GetMetricDataResponse> GetMetricDataAsync(GetMetricDataRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        if (Failure is not null)
        {
            throw Failure;
        }
        return Task.FromResult(Respond(request));
    }

    public static GetMetricDataResponse OnePointAtStart(GetMetricDataRequest request) =>
        new(request.MetricDataQueries.Select(q => new MetricDataResult(q.Id, null, [request.StartTime], [1.0], StatusCodes.Complete)).ToList());

    public static GetMetricDataResponse NoData(GetMetricDataRequest request) =>
        new(request.MetricDataQueries.Select(q => new MetricDataResult(q.Id, null, [], [], StatusCodes.Complete)).ToList());
}

internal sealed class RecordingMetricWriter : IMetricWriter
{
    public List<IReadOnlyList<SeriesPoints>> Writes { get; } = [];

    public IEnumerable<SeriesPoints> All => Writes.SelectMany(w => w);

    public Task<int> WriteAsync(IReadOnlyList<SeriesPoints> batches, CancellationToken cancellationToken = default)
    {
        Writes.Add(batches);
        return Task.FromResult(batches.Sum(b => b.Points.Count));
    }
}

internal sealed class FakeCoverageQueries(IReadOnlyDictionary<SeriesKey, FetchedRange>? coverage = null) : ICoverageQueries
{
    public Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(coverage ?? new Dictionary<SeriesKey, FetchedRange>());
}

internal static class CollectorTestData
{
    /// <summary>Wednesday 2025-06-04 12:10:30 UTC.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 4, 12, 10, 30, TimeSpan.Zero);

    public const long Minute = 60;
    public const long Hour = 3600;
    public const long Day = 86_400;

    public static long At(int day, int hour, int minute = 0) =>
        new DateTimeOffset(2025, 6, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public static Metric InvocationMetric(string metricName, string endpoint, string variant = "AllTraffic", params Dimension[] extra) =>
        new(SageMakerMetrics.InvocationNamespace, metricName, [new Dimension("EndpointName", endpoint), new Dimension("VariantName", variant), .. extra]);

    public static SeriesKey Key(string metricName, string endpoint, string stat = "Sum", string variant = "AllTraffic") =>
        SeriesKey.Create(SageMakerMetrics.InvocationNamespace, metricName,
            [KeyValuePair.Create("EndpointName", endpoint), KeyValuePair.Create("VariantName", variant)], stat, SageMakerMetrics.MinutePeriod);

    public static SeriesKey DriftKey(string endpoint, string feature = "age") =>
        SeriesKey.Create(SageMakerMetrics.DataQualityNamespace, SageMakerMetrics.DriftPrefix + feature,
            [KeyValuePair.Create("Endpoint", endpoint), KeyValuePair.Create("MonitoringSchedule", "hourly")],
            SageMakerMetrics.DriftStat, SageMakerMetrics.HourPeriod);

    public static EndpointState Endpoint(string name, string status = EndpointStatuses.InService, params VariantState[] variants) =>
        new(name, $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}", status, $"{name}-config",
            Now.AddDays(-30), Now.AddDays(-2), null,
            variants.Length == 0 ? [new VariantState("AllTraffic", "ml.m5.large", 1, 1, 1, 1)] : variants, Now);
}
