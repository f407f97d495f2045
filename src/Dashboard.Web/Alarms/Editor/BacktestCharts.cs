using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>The backtest's chart: the watched datapoints (in display units), the threshold or band, and the ALARM periods shaded.</summary>
public static class BacktestCharts
{
    public const string AlarmShade = "#e53935";
    public const string ThresholdColor = "#e65100";
    private const int MaxPoints = 1500;
    private const int MaxRanges = 400;

    public static ChartModel Build(AlarmDefinition alarm, BacktestResult result)
    {
        var metric = alarm.Kind is AlarmKind.Metric or AlarmKind.AnomalyDetection ? alarm.Metric?.MetricName : null;
        double Show(double v) => AlarmForm.ToDisplay(metric, v);
        var unit = metric is null ? "" : Units.DisplayUnit(metric);

        var values = result.Points.Select(p => new MetricPoint(p.Time, Show(p.Value))).ToList();
        var series = new List<ChartSeries>();
        if (alarm.Kind == AlarmKind.AnomalyDetection)
        {
            var banded = result.Points.Where(p => p.Lower is not null && p.Upper is not null).ToList();
            var step = Math.Max(1, banded.Count / MaxPoints + 1);
            series.Add(new ChartSeries("Band", ChartSeriesKind.BaselineBand,
                banded.Where((_, i) => i % step == 0).Select(p => new ChartPoint(p.Time * 1000, Show(p.Lower!.Value), Show(p.Upper!.Value))).ToList(),
                "#90a4ae"));
        }
        var watched = alarm.Kind == AlarmKind.MetricMath ? alarm.Expression ?? "expression" : $"{metric} {alarm.Metric?.Stat}";
        series.Add(new ChartSeries(watched, ChartSeriesKind.Line,
            Lttb.Downsample(values, MaxPoints).Select(p => new ChartPoint(p.Time * 1000, p.Value)).ToList(), "#1565c0"));

        var annotations = alarm.Kind == AlarmKind.AnomalyDetection || !double.IsFinite(alarm.Threshold)
            ? []
            : new List<ChartAnnotation> { new(Show(alarm.Threshold), $"Threshold {AlarmWords.Number(Show(alarm.Threshold))} {unit}".TrimEnd(), ThresholdColor) };

        return new ChartModel("backtest", $"Backtest of {alarm.Name}", unit, series, annotations)
        {
            Ranges = AlarmRanges(result.Spans),
        };
    }

    /// <summary>The ALARM spans as shaded ranges; past <see cref="MaxRanges"/> only the longest are kept (each costs an SVG node).</summary>
    public static IReadOnlyList<ChartRange> AlarmRanges(IEnumerable<StateSpan> spans) => spans
        .Where(s => s.State == AlarmState.Alarm)
        .OrderByDescending(s => s.To - s.From)
        .Take(MaxRanges)
        .OrderBy(s => s.From)
        .Select(s => new ChartRange(s.From * 1000, s.To * 1000, "", AlarmShade))
        .ToList();
}
