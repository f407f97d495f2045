using System.Globalization;
using Dashboard.Core.Alarms;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms.Editing;

/// <summary>
/// The recommended alarms on the dashboard's own drift and quality series (hourly): any feature over its own threshold
/// for three hours, and the headline quality metric (F1, or RMSE for regressors) worse than the baseline's.
/// </summary>
public static class DriftAlarms
{
    public const int DriftHours = 3;

    /// <summary>F1 this far below the baseline's fires the classifier's alarm.</summary>
    public const double F1Drop = 0.05;

    /// <summary>RMSE this share above the baseline's fires the regressor's alarm (RMSE has the label's units, so relative).</summary>
    public const double RmseRise = 0.10;

    /// <summary>An hour's quality counts once this share of its predictions is labelled: the newest hours are still filling.</summary>
    public const double MinLabelledShare = 0.5;

    public const int QualityPeriods = 6;
    public const int QualityBreaching = 3;

    public static IEnumerable<RecommendedAlarm> For(string endpoint, IReadOnlyCollection<SeriesKey> stored, DriftStanding? drift)
    {
        var worst = DriftSeries.Worst(endpoint);
        if (stored.Contains(worst))
        {
            yield return new(new AlarmDefinition
            {
                Name = $"{endpoint}-drift-any-feature",
                Description = $"A feature's drift score at or above its own threshold for {DriftHours} hours in a row (the worst feature's score ÷ its threshold ≥ 1).",
                Kind = AlarmKind.Metric,
                Metric = worst,
                Period = worst.Period,
                EvaluationPeriods = DriftHours,
                DatapointsToAlarm = DriftHours,
                Comparison = ComparisonOperator.GreaterThanOrEqualToThreshold,
                Threshold = 1,
                TreatMissingData = TreatMissingData.NotBreaching,
            }, "The dashboard scores every input feature and the prediction each hour against the baseline, each against its own threshold; "
                + "one over it for three hours in a row is a lasting shift, not a noisy hour, and predictions on such data may be off. "
                + "The Drift & quality tab shows which feature.");
        }

        if (drift?.Quality is { } quality && Quality(endpoint, stored, quality) is { } alarm)
        {
            yield return alarm;
        }
    }

    private static RecommendedAlarm? Quality(string endpoint, IReadOnlyCollection<SeriesKey> stored, QualityStanding quality)
    {
        var metric = DriftSeries.Quality(endpoint, quality.LastDay.Name);
        var labelled = DriftSeries.Quality(endpoint, DriftSeries.LabelledShare);
        if (!stored.Contains(metric) || !stored.Contains(labelled) || !double.IsFinite(quality.Baseline))
        {
            return null;
        }
        var classifier = quality.Type == ProblemType.BinaryClassification;
        var threshold = Math.Round(classifier ? quality.Baseline - F1Drop : quality.Baseline * (1 + RmseRise), 3);
        var id = quality.LastDay.Name;
        var condition = classifier
            ? $"F1 below {Number(threshold)} (the baseline's {Number(quality.Baseline)} − {Number(F1Drop)})"
            : $"RMSE above {Number(threshold)} (the baseline's {Number(quality.Baseline)} + {RmseRise * 100:0} %)";
        return new(new AlarmDefinition
        {
            Name = $"{endpoint}-quality-{id}",
            Description = $"{condition} in {QualityBreaching} of {QualityPeriods} hours, counting hours at least {MinLabelledShare * 100:0} % labelled.",
            Kind = AlarmKind.MetricMath,
            Metrics = [new AlarmMetric(id, metric), new AlarmMetric("labelled", labelled)],
            // Hours not labelled enough yet have no datapoint (missing), rather than a noisy value from their first labels.
            Expression = string.Create(CultureInfo.InvariantCulture, $"IF(labelled >= {MinLabelledShare} AND {id} >= 0, {id})"),
            Period = metric.Period,
            EvaluationPeriods = QualityPeriods,
            DatapointsToAlarm = QualityBreaching,
            Comparison = classifier ? ComparisonOperator.LessThanThreshold : ComparisonOperator.GreaterThanThreshold,
            Threshold = threshold,
            TreatMissingData = TreatMissingData.Missing,
        }, classifier
            ? "Measured against ground truth as labels arrive: F1 falling 0.05 below the baseline's for several labelled hours means the model "
                + "now gets more of the cases that matter wrong. Labels arrive late, so the newest hours count once half labelled."
            : "Measured against ground truth as labels arrive: RMSE 10 % above the baseline's for several labelled hours means the model's "
                + "predictions are now further off. Labels arrive late, so the newest hours count once half labelled.");
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
