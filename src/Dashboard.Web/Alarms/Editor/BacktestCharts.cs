using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Alarms.Editor;

/// <summary>One stretch the alarm would have spent in ALARM (Unix seconds), with the worst datapoint it saw, in display units.</summary>
public sealed record BacktestPeriod(long From, long To, double? Peak, bool Ongoing)
{
    public long Seconds => To - From;
}

/// <summary>The backtest's chart: the watched datapoints (in display units), the threshold or band, and the ALARM periods shaded.</summary>
public static class BacktestCharts
{
    public const string AlarmShade = "#e53935";
    public const string ThresholdColor = "#e65100";
    private const int MaxPoints = 1500;
    private const int MaxRanges = 400;

    /// <summary>
    /// The narrowest shaded range, as a share of the replayed window: a 1-minute ALARM on a 7-day chart is a tenth of a
    /// pixel wide, so each range is drawn at least this wide (about 6 px on a laptop) and the list gives the exact times.
    /// </summary>
    public const double MinRangeShare = 0.006;

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
            Ranges = AlarmRanges(result.Spans, result.From, result.To),
        };
    }

    /// <summary>
    /// The ALARM spans as shaded ranges, each at least <see cref="MinRangeShare"/> of [<paramref name="from"/>, <paramref name="to"/>)
    /// wide (centred on the span, inside the window) and merged where the widening makes them touch; past <see cref="MaxRanges"/> only the
    /// longest are kept (each costs an SVG node).
    /// </summary>
    public static IReadOnlyList<ChartRange> AlarmRanges(IEnumerable<StateSpan> spans, long from, long to)
    {
        var min = (long)Math.Ceiling(Math.Max(0, to - from) * MinRangeShare);
        var merged = new List<(long From, long To)>();
        foreach (var span in spans.Where(s => s.State == AlarmState.Alarm).OrderBy(s => s.From))
        {
            var grow = Math.Max(0, min - (span.To - span.From));
            var start = span.From - grow / 2;
            var end = span.To + (grow - grow / 2);
            // Kept inside the window: a range reaching past the axis is not drawn at all.
            if (start < from)
            {
                end = Math.Min(to, end + (from - start));
                start = from;
            }
            if (end > to)
            {
                start = Math.Max(from, start - (end - to));
                end = to;
            }
            if (merged.Count > 0 && start <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, end));
            }
            else
            {
                merged.Add((start, end));
            }
        }
        return merged
            .OrderByDescending(r => r.To - r.From)
            .Take(MaxRanges)
            .OrderBy(r => r.From)
            .Select(r => new ChartRange(r.From * 1000, r.To * 1000, "", AlarmShade))
            .ToList();
    }

    /// <summary>
    /// Every ALARM span, newest first, with the worst datapoint the evaluations in it saw (highest, or lowest for a
    /// "below" alarm): the datapoints in [From − the evaluation range, To − one period).
    /// </summary>
    public static IReadOnlyList<BacktestPeriod> AlarmPeriods(AlarmDefinition alarm, BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        ArgumentNullException.ThrowIfNull(result);
        var metric = alarm.Kind is AlarmKind.Metric or AlarmKind.AnomalyDetection ? alarm.Metric?.MetricName : null;
        var low = alarm.Comparison is ComparisonOperator.LessThanThreshold or ComparisonOperator.LessThanOrEqualToThreshold
            or ComparisonOperator.LessThanLowerThreshold;
        var range = (long)MetricAlarmEvaluator.RangePeriods(alarm.EvaluationPeriods) * alarm.Period;
        return result.Spans
            .Where(s => s.State == AlarmState.Alarm)
            .OrderByDescending(s => s.From)
            .Select(s =>
            {
                var seen = result.Points.Where(p => p.Time >= s.From - range && p.Time < s.To - alarm.Period && double.IsFinite(p.Value))
                    .Select(p => AlarmForm.ToDisplay(metric, p.Value)).ToList();
                double? peak = seen.Count == 0 ? null : low ? seen.Min() : seen.Max();
                return new BacktestPeriod(s.From, Math.Min(s.To, result.To), peak, s.To > result.To);
            })
            .ToList();
    }
}
