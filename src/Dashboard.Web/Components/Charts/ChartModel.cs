namespace Dashboard.Web.Components.Charts;

/// <summary>Everything one chart draws, computed in C# so the JS module stays a thin renderer.</summary>
/// <param name="MetricId">Stable id, used for data-testid="chart-{MetricId}" and the CSV file name.</param>
/// <param name="BaselineRule">The rule the band follows, shown under the chart.</param>
public sealed record ChartModel(
    string MetricId,
    string Title,
    string Unit,
    IReadOnlyList<ChartSeries> Series,
    IReadOnlyList<ChartAnnotation> Annotations,
    string? BaselineRule = null);

public enum ChartSeriesKind
{
    /// <summary>A measured series (one per variant).</summary>
    Line,

    /// <summary>The same series shifted from the previous period (yesterday / last week), drawn dashed.</summary>
    PreviousPeriod,

    /// <summary>The baseline band: <see cref="ChartPoint.Value"/> is the lower edge, <see cref="ChartPoint.Upper"/> the upper.</summary>
    BaselineBand,

    /// <summary>Points outside the baseline band, drawn as markers.</summary>
    Outliers,
}

public sealed record ChartSeries(string Name, ChartSeriesKind Kind, IReadOnlyList<ChartPoint> Points, string? Color = null);

/// <summary>A point with its time in Unix milliseconds (what ApexCharts' datetime axis takes).</summary>
public readonly record struct ChartPoint(long TimeMs, double Value, double? Upper = null);

/// <summary>A horizontal line across the chart, e.g. the instance's CPU ceiling or a drift threshold.</summary>
public sealed record ChartAnnotation(double Y, string Label, string Color);
