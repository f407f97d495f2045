using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Tests.Charts;

/// <summary>Small, readable chart models for the chart tests.</summary>
internal static class ChartTestData
{
    /// <summary>2025-06-01T00:00:00Z.</summary>
    public const long T0 = 1_748_736_000_000;

    public const long Minute = 60_000;

    public static ChartModel CpuModel(string metricId = "cpu") => new(
        metricId,
        "CPU utilisation",
        "%",
        [
            new ChartSeries("Baseline", ChartSeriesKind.BaselineBand,
                [new(T0, 10, 30), new(T0 + Minute, 11, 31), new(T0 + 2 * Minute, 12, 32)]),
            new ChartSeries("Yesterday", ChartSeriesKind.PreviousPeriod,
                [new(T0, 19), new(T0 + Minute, 20), new(T0 + 2 * Minute, 21)]),
            new ChartSeries("variant-a", ChartSeriesKind.Line,
                [new(T0, 20.5), new(T0 + Minute, 45.25), new(T0 + 2 * Minute, 22)]),
            new ChartSeries("Outside baseline", ChartSeriesKind.Outliers, [new(T0 + Minute, 45.25)]),
        ],
        [new ChartAnnotation(400, "Instance ceiling 400 %", "#e53935")],
        "Band: p5–p95 of the same hour over the last 14 days");

    public static ChartModel Empty(string metricId = "latency") => new(
        metricId, "Latency", "ms", [new ChartSeries("variant-a", ChartSeriesKind.Line, [])], []);

    /// <summary>A feed whose series, fetched again (table view, CSV), are <paramref name="reloaded"/> (by default the same numbers anew).</summary>
    public static ChartFeed Feed(ChartModel model, Func<ChartModel>? reloaded = null) =>
        new(model, (_, _) => Task.FromResult<ChartModel?>(reloaded is null ? Copy(model) : reloaded()));

    // A new instance: what storage would return, not the object the chart was handed.
    private static ChartModel Copy(ChartModel model) =>
        model with { Series = model.Series.Select(s => s with { Points = s.Points.ToList() }).ToList() };
}
