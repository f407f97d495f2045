using System.Globalization;
using Dashboard.Core.Drift.Quality;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Drift;

/// <summary>
/// One quality metric over time as a chart model: the metric with its 95 % interval as a band, the best constant
/// predictor dashed, the baseline's value as a line, the labels behind each point in the tooltip and the table, and the
/// hours (or days) with too few labels shaded instead of drawn.
/// </summary>
public static class QualityChart
{
    public const string TooFewColor = "#bdbdbd";
    private const string BaselineColor = "#2e7d32";

    public static ChartModel Build(QualitySeries series, string metric)
    {
        var enough = series.Points.Where(p => p.HasEnoughLabels && p.Metric(metric) is { Value: var v } && double.IsFinite(v)).ToList();
        var line = enough.Select(p => new ChartPoint(p.Start * 1000, p.Metric(metric)!.Value)).ToList();
        var band = enough.Where(p => p.Metric(metric)!.HasInterval)
            .Select(p => new ChartPoint(p.Start * 1000, p.Metric(metric)!.Low, p.Metric(metric)!.High)).ToList();
        var constant = enough.Where(p => double.IsFinite(p.BestConstant.GetValueOrDefault(metric, double.NaN)))
            .Select(p => new ChartPoint(p.Start * 1000, p.BestConstant[metric])).ToList();
        var withPredictions = series.Points.Where(p => p.Predictions > 0).ToList();
        var chartSeries = new List<ChartSeries> { new(Name(metric), ChartSeriesKind.Line, line) };
        if (band.Count > 0)
        {
            chartSeries.Add(new ChartSeries("95 % interval", ChartSeriesKind.BaselineBand, band));
        }
        if (constant.Count > 0)
        {
            chartSeries.Add(new ChartSeries("best constant predictor", ChartSeriesKind.Reference, constant));
        }
        chartSeries.Add(new ChartSeries("labelled predictions", ChartSeriesKind.Context,
            withPredictions.Select(p => new ChartPoint(p.Start * 1000, p.Labelled)).ToList()));
        chartSeries.Add(new ChartSeries("labelled yet (%)", ChartSeriesKind.Context,
            withPredictions.Select(p => new ChartPoint(p.Start * 1000, Math.Round(p.LabelledShare * 100, 1))).ToList()));
        var baseline = series.Baseline.FirstOrDefault(m => m.Name == metric);
        var annotations = baseline is not null && double.IsFinite(baseline.Value)
            ? new List<ChartAnnotation> { new(baseline.Value, $"baseline {DriftPage.Score(baseline.Value)}", BaselineColor) }
            : [];
        var unit = series.Granularity == QualityGranularity.Day ? "day" : "hour";
        return new ChartModel($"quality-{metric}", $"{Name(metric)} per {unit}", "", chartSeries, annotations, Rule(series, unit))
        {
            Ranges = TooFew(series).Select(r => new ChartRange(r.From * 1000, r.To * 1000, "", TooFewColor)).ToList(),
        };
    }

    /// <summary>Consecutive hours (or days) with predictions but too few labels, each stretch as one range (no predictions: nothing to shade).</summary>
    public static IReadOnlyList<(long From, long To)> TooFew(QualitySeries series)
    {
        var ranges = new List<(long From, long To)>();
        foreach (var point in series.Points.Where(p => p.Predictions > 0 && !p.HasEnoughLabels))
        {
            if (ranges.Count > 0 && ranges[^1].To == point.Start)
            {
                ranges[^1] = (ranges[^1].From, point.Start + series.Step);
            }
            else
            {
                ranges.Add((point.Start, point.Start + series.Step));
            }
        }
        return ranges;
    }

    public static string Name(string metric) => metric switch
    {
        QualityMetrics.Accuracy => "Accuracy",
        QualityMetrics.Precision => "Precision",
        QualityMetrics.Recall => "Recall",
        QualityMetrics.F1 => "F1",
        QualityMetrics.Auc => "ROC AUC",
        QualityMetrics.Rmse => "RMSE",
        QualityMetrics.Mae => "MAE",
        QualityMetrics.R2 => "R²",
        _ => metric,
    };

    private static string Rule(QualitySeries series, string unit)
    {
        var withPredictions = series.Points.Count(p => p.Predictions > 0);
        var few = series.Points.Count(p => p.Predictions > 0 && !p.HasEnoughLabels);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Each point: the {unit}'s labelled predictions (count in the tooltip), shaded 95 % interval. ");
        return text + (few == 0 ? $"Every {unit} with predictions has at least {QualitySeries.MinLabelled} labels."
            : string.Create(CultureInfo.InvariantCulture,
                $"Grey: {unit}s with predictions but fewer than {QualitySeries.MinLabelled} labelled yet ({few} of {withPredictions}), not drawn."));
    }
}
