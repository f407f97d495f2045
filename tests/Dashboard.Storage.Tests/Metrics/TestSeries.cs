using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Tests.Metrics;

internal static class TestSeries
{
    // 2026-03-01T00:00:00Z: a UTC midnight, so chunk boundaries are easy to reason about in tests.
    public const long Midnight = 1_772_323_200;

    public static SeriesKey Key(string endpoint = "ep-a", string metric = "ModelLatency", string variant = "AllTraffic") =>
        SeriesKey.Create("AWS/SageMaker", metric,
            [KeyValuePair.Create("EndpointName", endpoint), KeyValuePair.Create("VariantName", variant)], "Average", 60);

    public static MetricPoint[] Minutes(long from, int count, Func<int, double>? value = null) =>
        Enumerable.Range(0, count).Select(i => new MetricPoint(from + i * 60L, value?.Invoke(i) ?? i * 1.25)).ToArray();
}
