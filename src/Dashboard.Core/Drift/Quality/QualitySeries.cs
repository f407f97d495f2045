namespace Dashboard.Core.Drift.Quality;

public enum QualityGranularity
{
    Hour,
    Day,
}

/// <summary>
/// One hour or day of quality: how many predictions it had, how many are labelled yet, and (with enough labels) every
/// metric with its 95 % interval and what the best constant predictor scores on the same labels.
/// </summary>
public sealed record QualityPoint(long Start, long Predictions, long Labelled, IReadOnlyList<QualityMetric> Metrics,
    IReadOnlyDictionary<string, double> BestConstant)
{
    /// <summary>Enough labels for a point: fewer make an interval too wide to read anything into.</summary>
    public bool HasEnoughLabels => Labelled >= QualitySeries.MinLabelled;

    public double LabelledShare => Predictions == 0 ? double.NaN : Math.Min(1, (double)Labelled / Predictions);

    public QualityMetric? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}

/// <summary>Quality per hour or per day over a window, with the baseline's own metrics to compare against.</summary>
public sealed record QualitySeries(ProblemType Type, QualityGranularity Granularity, long From, long To, IReadOnlyList<QualityPoint> Points,
    IReadOnlyList<QualityMetric> Baseline)
{
    /// <summary>An hour or day with fewer labelled predictions is shown as "too few labels", not as a point.</summary>
    public const int MinLabelled = 30;

    public long Step => Granularity == QualityGranularity.Day ? 86_400 : 3600;

    /// <summary>
    /// Merges stored hours into one point per hour or UTC day of [<paramref name="from"/>, <paramref name="to"/>) (both on
    /// step boundaries): summaries merge exactly, so a day's metrics and intervals are those of all its labelled predictions.
    /// Every step of the window has a point, an hour without predictions too.
    /// </summary>
    public static QualitySeries Build(IEnumerable<QualityHour> hours, QualitySummary reference, ProblemType type, QualityGranularity granularity,
        long from, long to)
    {
        var step = granularity == QualityGranularity.Day ? 86_400L : 3600L;
        var buckets = hours.Where(h => h.Hour >= from && h.Hour < to).GroupBy(h => h.Hour - (h.Hour - from) % step).ToDictionary(g => g.Key);
        var points = new List<QualityPoint>();
        for (var start = from; start < to; start += step)
        {
            var bucket = buckets.GetValueOrDefault(start);
            var summary = bucket is null ? new QualitySummary() : QualitySummary.MergeAll(bucket.Select(h => h.Summary));
            var labelled = bucket?.Sum(h => h.Labelled) ?? 0;
            var enough = labelled >= MinLabelled;
            points.Add(new QualityPoint(start, bucket?.Sum(h => h.Predictions) ?? 0, labelled,
                enough ? QualityMetrics.Compute(summary, type) : [],
                enough ? QualityMetrics.For(type).ToDictionary(m => m, m => QualityMetrics.BestConstant(summary, type, m), StringComparer.Ordinal)
                    : new Dictionary<string, double>()));
        }
        return new QualitySeries(type, granularity, from, to, points, QualityMetrics.Compute(reference, type));
    }
}
