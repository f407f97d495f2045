using Dashboard.Core.Charts;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Endpoints;

/// <summary>Turns the domain's panels into chart models: colours per line, bands as steps, seconds into milliseconds.</summary>
public static class PanelCharts
{
    private static readonly string[] Palette = ["#1565c0", "#ef6c00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#455a64"];

    public static ChartModel ToModel(PanelData panel)
    {
        var series = new List<ChartSeries>();
        var colorIndex = 0;
        foreach (var band in panel.Bands)
        {
            series.Add(new ChartSeries(band.Name, ChartSeriesKind.BaselineBand, BandPoints(band), "#90a4ae"));
        }
        foreach (var line in panel.Lines)
        {
            series.Add(new ChartSeries(line.Name, ChartSeriesKind.Line, Points(line.Points), Palette[colorIndex++ % Palette.Length]));
        }
        foreach (var line in panel.Previous)
        {
            series.Add(new ChartSeries(line.Name, ChartSeriesKind.PreviousPeriod, Points(line.Points), "#78909c"));
        }
        if (panel.Outliers.Count > 0)
        {
            series.Add(new ChartSeries("Outside baseline", ChartSeriesKind.Outliers, Points(panel.Outliers), "#d32f2f"));
        }
        var annotations = panel.References.Select(r => new ChartAnnotation(r.Value, r.Label, "#c62828")).ToList();
        return new ChartModel(panel.Spec.Id, panel.Spec.Title, panel.Spec.Unit, series, annotations, panel.BaselineRule);
    }

    /// <summary>New points for the lines of a panel, named as in <see cref="ToModel"/>.</summary>
    public static IReadOnlyList<ChartSeries> ToDelta(IReadOnlyList<PanelLine> lines) =>
        lines.Where(l => l.Points.Count > 0).Select(l => new ChartSeries(l.Name, ChartSeriesKind.Line, Points(l.Points))).ToList();

    private static List<ChartPoint> Points(IReadOnlyList<MetricPoint> points) =>
        points.Select(p => new ChartPoint(p.Time * 1000, p.Value)).ToList();

    /// <summary>Each hourly band is drawn flat across its hour: a point at its start and one just before its end.</summary>
    private static List<ChartPoint> BandPoints(PanelBand band) =>
        band.Bands.SelectMany(b => new[]
        {
            new ChartPoint(b.Start * 1000, b.Lower, b.Upper),
            new ChartPoint(Math.Max(b.Start, b.End - 60) * 1000, b.Lower, b.Upper),
        }).ToList();
}
