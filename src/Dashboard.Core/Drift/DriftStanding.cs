using Dashboard.Core.Drift.Quality;

namespace Dashboard.Core.Drift;

/// <summary>The feature furthest over its own threshold in its latest scored hour.</summary>
public sealed record FeatureStanding(string Feature, double Score, double Threshold, long Hour)
{
    /// <summary>The score in thresholds: 1 is on the feature's threshold.</summary>
    public double InThresholds => Threshold > 0 ? Score / Threshold : 0;

    public bool Drifted => Score >= Threshold;
}

/// <summary>
/// The headline quality metric (F1 for classifiers, RMSE for regressors) over the last day with its 95 % interval,
/// against the baseline's, and how many predictions were labelled behind it.
/// </summary>
public sealed record QualityStanding(ProblemType Type, QualityMetric LastDay, double Baseline, long Labelled)
{
    public bool HigherIsBetter => QualityMetrics.HigherIsBetter(LastDay.Name);

    /// <summary>Worse than the baseline beyond its interval: the whole interval lies on the worse side of the baseline's value.</summary>
    public bool Worse => LastDay.HasInterval && double.IsFinite(Baseline) && (HigherIsBetter ? LastDay.High < Baseline : LastDay.Low > Baseline);

    public static string HeadlineOf(ProblemType type) => type == ProblemType.BinaryClassification ? QualityMetrics.F1 : QualityMetrics.Rmse;
}

/// <summary>
/// What the rest of the product needs of an endpoint's drift and quality (fleet health and column, recommended alarms),
/// computed by the drift reader after each round, so pages read it without touching S3 or the summaries.
/// </summary>
public sealed record DriftStanding(string Endpoint, DateTimeOffset At, FeatureStanding? Worst, QualityStanding? Quality)
{
    public static DriftStanding Of(DriftOverview overview, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(overview);
        var worst = overview.Features.Where(f => f.Score is not null && f.Trend.Count > 0).MaxBy(f => f.Severity) is { } row
            ? new FeatureStanding(row.Feature, row.Score!.Value, row.Setting.Threshold, row.Trend[^1].Time)
            : null;
        QualityStanding? quality = null;
        if (overview.Quality is { } q)
        {
            var name = QualityStanding.HeadlineOf(q.Type);
            var labelled = q.Coverage.Where(c => c.Hour >= at.ToUnixTimeSeconds() - 86_400).Sum(c => c.Labelled);
            if (q.LastDay.FirstOrDefault(m => m.Name == name) is { } now && double.IsFinite(now.Value)
                && q.Baseline.FirstOrDefault(m => m.Name == name) is { } before && double.IsFinite(before.Value))
            {
                quality = new QualityStanding(q.Type, now, before.Value, labelled);
            }
        }
        return new DriftStanding(overview.Endpoint, at, worst, quality);
    }
}
