using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Tests.Charts;

/// <summary>Stored history in memory, answering as the SQLite queries do; counts reads for the caching tests.</summary>
internal sealed class InMemoryMetricQueries : IMetricQueries
{
    private readonly Dictionary<SeriesKey, List<MetricPoint>> _series = [];

    public int ReadCalls { get; private set; }

    public (long From, long To) LastRead { get; private set; }

    public void Add(SeriesKey key, IEnumerable<MetricPoint> points)
    {
        if (!_series.TryGetValue(key, out var list))
        {
            _series[key] = list = [];
        }
        list.AddRange(points);
        list.Sort((a, b) => a.Time.CompareTo(b.Time));
    }

    public Task<IReadOnlyList<SeriesKey>> ListSeriesAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SeriesKey>>(_series.Keys.Where(k => k.EndpointName == endpointName).ToList());

    public Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Task.FromResult(_series.Where(s => s.Key.EndpointName == endpointName && s.Value.Count > 0).Select(s => (long?)s.Value[0].Time).Min());

    public Task<IReadOnlyDictionary<SeriesKey, long>> GetWatermarksAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<SeriesKey, long>>(_series.Where(s => s.Value.Count > 0).ToDictionary(s => s.Key, s => s.Value[^1].Time));

    public Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys, long from, long to,
        CancellationToken cancellationToken = default)
    {
        ReadCalls++;
        LastRead = (from, to);
        IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> result = keys.Distinct().ToDictionary(k => k,
            k => (IReadOnlyList<MetricPoint>)(_series.GetValueOrDefault(k) ?? []).Where(p => p.Time >= from && p.Time < to).ToList());
        return Task.FromResult(result);
    }
}

/// <summary>Series keys and minute series for the chart and overview tests.</summary>
internal static class ChartTestData
{
    public const long Minute = 60;
    public const long Hour = 3600;
    public const long Day = 86_400;

    /// <summary>2025-06-{day} hh:mm UTC; 4 June 2025 is a Wednesday.</summary>
    public static long At(int day, int hour, int minute = 0) =>
        new DateTimeOffset(2025, 6, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public static SeriesKey Key(string metric, string endpoint, string stat = "Sum", string variant = "AllTraffic", params (string, string)[] extra)
    {
        var ns = metric is SageMakerMetrics.CpuUtilization or SageMakerMetrics.MemoryUtilization or SageMakerMetrics.DiskUtilization
            or SageMakerMetrics.GpuUtilization or SageMakerMetrics.GpuMemoryUtilization
            ? SageMakerMetrics.InstanceNamespace
            : SageMakerMetrics.InvocationNamespace;
        return SeriesKey.Create(ns, metric,
            [KeyValuePair.Create("EndpointName", endpoint), KeyValuePair.Create("VariantName", variant), .. extra.Select(e => KeyValuePair.Create(e.Item1, e.Item2))],
            stat, SageMakerMetrics.MinutePeriod);
    }

    public static SeriesKey DriftKey(string endpoint, string feature) =>
        SeriesKey.Create(SageMakerMetrics.DataQualityNamespace, SageMakerMetrics.DriftPrefix + feature,
            [KeyValuePair.Create("Endpoint", endpoint), KeyValuePair.Create("MonitoringSchedule", $"{endpoint}-hourly")],
            SageMakerMetrics.DriftStat, SageMakerMetrics.HourPeriod);

    /// <summary>One point a minute in [from, to).</summary>
    public static IEnumerable<MetricPoint> Minutes(long from, long to, Func<long, double> value)
    {
        for (var t = from; t < to; t += Minute)
        {
            yield return new MetricPoint(t, value(t));
        }
    }

    public static IEnumerable<MetricPoint> Minutes(long from, long to, double value) => Minutes(from, to, _ => value);
}
