using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Tests.Charts;

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
