namespace Dashboard.Web.Components.Charts;

/// <summary>
/// What metricChart.js receives: the model in columnar form (times, values, upper edges), which is about a
/// quarter of the JSON of one object per point. Non-finite values are dropped because JSON cannot carry NaN.
/// </summary>
public sealed record ChartJsModel(
    string MetricId,
    string Title,
    string Unit,
    IReadOnlyList<ChartJsSeries> Series,
    IReadOnlyList<ChartAnnotation> Annotations,
    IReadOnlyList<ChartRange> Ranges,
    IReadOnlyList<ChartMarker> Markers)
{
    public static ChartJsModel From(ChartModel model) =>
        new(model.MetricId, model.Title, model.Unit, ChartJsSeries.From(model.Series), model.Annotations, model.Ranges, model.Markers);
}

/// <param name="Kind">The <see cref="ChartSeriesKind"/> name, which is what the module switches on.</param>
/// <param name="U">Upper edges, only for <see cref="ChartSeriesKind.BaselineBand"/>.</param>
public sealed record ChartJsSeries(string Name, string Kind, string? Color, long[] T, double[] V, double[]? U)
{
    public static IReadOnlyList<ChartJsSeries> From(IReadOnlyList<ChartSeries> series) => series.Select(From).ToArray();

    public static ChartJsSeries From(ChartSeries series)
    {
        var isBand = series.Kind == ChartSeriesKind.BaselineBand;
        var points = series.Points
            .Where(p => double.IsFinite(p.Value) && (!isBand || p.Upper is null || double.IsFinite(p.Upper.Value)))
            .ToArray();
        return new ChartJsSeries(
            series.Name,
            series.Kind.ToString(),
            series.Color,
            points.Select(p => p.TimeMs).ToArray(),
            points.Select(p => p.Value).ToArray(),
            isBand ? points.Select(p => p.Upper ?? p.Value).ToArray() : null);
    }
}
