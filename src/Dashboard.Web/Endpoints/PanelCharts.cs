using Dashboard.Core.Charts;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Endpoints;

/// <summary>Turns the domain's panels into chart models: colours per line, bands as steps, seconds into milliseconds.</summary>
public static class PanelCharts
{
    private static readonly string[] Palette = ["#1565c0", "#6a1b9a", "#2e7d32", "#ad1457", "#00838f", "#283593", "#5d4037", "#455a64"];

    // Overlays of an earlier period: amber and lime, dashed, so they read neither as a band nor as a line.
    private static readonly string[] PreviousPalette = ["#f9a825", "#c0ca33"];

    private const string BandColor = "#90a4ae";

    /// <summary>Instance ceilings are facts about the hardware, not alarms: grey, not red.</summary>
    public const string CeilingColor = "#616161";

    public static ChartModel ToModel(PanelData panel)
    {
        var series = new List<ChartSeries>();
        var previousIndex = 0;
        var lineColors = panel.Lines.Select((line, i) => (line.Name, Color: Palette[i % Palette.Length])).ToDictionary(l => l.Name, l => l.Color);
        // Each band is shaded in its own line's colour, so p50's band is not read as p99's.
        foreach (var band in panel.Bands)
        {
            series.Add(new ChartSeries(band.Name, ChartSeriesKind.BaselineBand, BandPoints(band), lineColors.GetValueOrDefault(band.Line, BandColor)));
        }
        foreach (var line in panel.Lines)
        {
            series.Add(new ChartSeries(line.Name, ChartSeriesKind.Line, Points(line.Points), lineColors[line.Name]));
        }
        foreach (var line in panel.Previous)
        {
            series.Add(new ChartSeries(line.Name, ChartSeriesKind.PreviousPeriod, Points(line.Points), PreviousPalette[previousIndex++ % PreviousPalette.Length]));
        }
        if (panel.Outliers.Count > 0)
        {
            series.Add(new ChartSeries("Outside baseline", ChartSeriesKind.Outliers, Points(panel.Outliers), "#d32f2f"));
        }
        var annotations = panel.References
            .Select(r => new ChartAnnotation(r.Value, r.Label, panel.Spec.Kind == PanelKind.Drift ? ChartOverlays.ThresholdColor : CeilingColor)).ToList();
        // The band rule is stated once for the page; only the drift chart follows a rule of its own.
        return new ChartModel(panel.Spec.Id, panel.Spec.Title, panel.Spec.Unit, series, annotations,
            panel.Spec.Kind == PanelKind.Drift ? panel.BaselineRule : null);
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
