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
    string? BaselineRule = null)
{
    /// <summary>Shaded stretches of time, e.g. the periods an alarm was in ALARM.</summary>
    public IReadOnlyList<ChartRange> Ranges { get; init; } = [];

    /// <summary>Where to start an alarm on the chart's metric, prefilled; null: no such link (or not the reader's to make).</summary>
    public string? NewAlarmUrl { get; init; }

    /// <summary>Moments marked with a vertical line, e.g. changes from the audit trail.</summary>
    public IReadOnlyList<ChartMarker> Markers { get; init; } = [];

    /// <summary>False when no series has a point: the chart shows a message instead of empty axes.</summary>
    public bool HasPoints => Series.Any(s => s.Kind != ChartSeriesKind.Context && s.Points.Count > 0);

    /// <summary>Time of the newest point of any series (Unix milliseconds), or null when there is none.</summary>
    public long? NewestTimeMs => NewestOf(Series);

    /// <summary>The same chart without its series: what stays on the server once the browser has drawn them.</summary>
    public ChartModel WithoutSeries() => this with { Series = [] };

    /// <summary>A reference line more than this many times the highest point stays off the axis.</summary>
    public const double AxisStretch = 1.5;

    /// <summary>The model with <see cref="ChartAnnotation.AboveAxis"/> set from its points (an empty chart keeps every line).</summary>
    public ChartModel WithAxisFitted()
    {
        var highest = Series.Where(s => s.Kind is not ChartSeriesKind.Outliers and not ChartSeriesKind.Context).SelectMany(s => s.Points)
            .Select(p => Math.Max(p.Value, p.Upper ?? p.Value)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max();
        return double.IsNaN(highest) ? this : this with
        {
            Annotations = Annotations.Select(a => a with { AboveAxis = a.Y > Math.Max(highest, 0) * AxisStretch && a.Y > 0 }).ToList(),
        };
    }

    public static long? NewestOf(IEnumerable<ChartSeries> series) =>
        series.Where(s => s.Kind != ChartSeriesKind.Context && s.Points.Count > 0).Select(s => (long?)s.Points.Max(p => p.TimeMs)).Max();

    /// <summary>
    /// The model after a live update: <paramref name="delta"/>'s points appended to the series of the same name
    /// (series not seen before are added), then every point older than <paramref name="dropBeforeMs"/> dropped
    /// (a sliding window). Keeps the C# copy that the table and the CSV read in step with what the chart shows.
    /// </summary>
    public ChartModel WithAppended(IReadOnlyList<ChartSeries> delta, long? dropBeforeMs)
    {
        var byName = delta.GroupBy(d => d.Name).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Points).ToList());
        var merged = new List<ChartSeries>(Series.Count + delta.Count);
        foreach (var series in Series)
        {
            IEnumerable<ChartPoint> points = series.Points;
            if (byName.Remove(series.Name, out var added))
            {
                points = points.Concat(added);
            }
            merged.Add(series with { Points = KeepFrom(points, dropBeforeMs) });
        }
        foreach (var series in delta)
        {
            if (byName.Remove(series.Name, out var added))
            {
                merged.Add(series with { Points = KeepFrom(added, dropBeforeMs) });
            }
        }
        return this with { Series = merged };
    }

    private static List<ChartPoint> KeepFrom(IEnumerable<ChartPoint> points, long? dropBeforeMs) =>
        dropBeforeMs is { } cutoff ? points.Where(p => p.TimeMs >= cutoff).ToList() : points.ToList();
}

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

    /// <summary>A comparison drawn as a thin dashed grey line, e.g. what the best constant predictor would score.</summary>
    Reference,

    /// <summary>Numbers behind each point (e.g. how many labels it rests on): not drawn, listed in the tooltip and the table.</summary>
    Context,
}

public sealed record ChartSeries(string Name, ChartSeriesKind Kind, IReadOnlyList<ChartPoint> Points, string? Color = null);

/// <summary>A point with its time in Unix milliseconds (what ApexCharts' datetime axis takes).</summary>
public readonly record struct ChartPoint(long TimeMs, double Value, double? Upper = null);

/// <summary>
/// A horizontal line across the chart, e.g. the instance's CPU ceiling, a drift threshold or an alarm threshold. Its label
/// is listed above the chart, not drawn over the lines. <see cref="AboveAxis"/>: far above every point, so the axis does
/// not stretch to it (a 4,800 % ceiling would flatten a 500 % line); the list says so instead.
/// </summary>
public sealed record ChartAnnotation(double Y, string Label, string Color)
{
    public bool AboveAxis { get; init; }
}

/// <summary>
/// A shaded stretch [<paramref name="FromMs"/>, <paramref name="ToMs"/>) in Unix milliseconds; an empty label draws none.
/// An <paramref name="Open"/> one is still going on (an alarm in ALARM now): it grows with the points appended live.
/// </summary>
public sealed record ChartRange(long FromMs, long ToMs, string Label, string Color, bool Open = false);

/// <summary>A vertical line at <paramref name="TimeMs"/> (Unix milliseconds) with a short label.</summary>
public sealed record ChartMarker(long TimeMs, string Label, string Color);
