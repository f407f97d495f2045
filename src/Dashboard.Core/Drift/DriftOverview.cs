using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Drift;

/// <summary>One feature on the drift tab: its score now against its own threshold, the week's trend and what was wrong with its values.</summary>
/// <param name="ScoreBand">The score's own usual range: the 5th–95th percentile of its hourly scores within the baseline window.</param>
public sealed record FeatureDriftRow(string Feature, bool IsOutput, FeatureType Type, DriftSetting Setting, double? Score,
    IReadOnlyList<MetricPoint> Trend, double MissingShare, double OutOfDomain, long WrongType, (double Low, double High)? ScoreBand)
{
    public bool Drifted => Score >= Setting.Threshold;

    /// <summary>What the feature is scored with when nobody chose (shown beside a chosen setting, and what a reset returns to).</summary>
    public DriftSetting? Default { get; init; }

    /// <summary>A chosen setting whose method no longer fits the feature's type in the baseline in force, so the default applies.</summary>
    public DriftSetting? Ignored { get; init; }

    /// <summary>The score in thresholds: what the table sorts by, so each feature is judged against its own line.</summary>
    public double Severity => Score is { } score && Setting.Threshold > 0 ? score / Setting.Threshold : 0;
}

/// <summary>An hour's predictions and how many of them are labelled yet.</summary>
public sealed record LabelCoverage(long Hour, long Predictions, long Labelled);

/// <summary>Quality over the last day against the baseline's, the best constant classifier's, and how much is labelled.</summary>
public sealed record QualityOverview(ProblemType Type, IReadOnlyList<QualityMetric> LastDay, IReadOnlyList<QualityMetric> Baseline,
    (double Accuracy, double F1) BestConstant, IReadOnlyList<LabelCoverage> Coverage);

/// <summary>Everything the drift tab shows for an endpoint.</summary>
public sealed record DriftOverview(string Endpoint, DriftSource? Source, DriftReadStatus? Status, BaselineSummaries? Baseline,
    IReadOnlyList<FeatureDriftRow> Features, long RecordsLastDay, QualityOverview? Quality, IReadOnlyList<DriftFile> Problems)
{
    /// <summary>The endpoint's Model Monitor schedules as last read (empty: none, or not read yet).</summary>
    public IReadOnlyList<Monitor.MonitorSchedule> Monitors { get; init; } = [];
}

/// <summary>A feature's distribution in a window against the baseline's: bins (numbers) or categories, as shares.</summary>
public sealed record DistributionComparison(string Feature, FeatureType Type, IReadOnlyList<DistributionBar> Bars, long BaselineCount, long CurrentCount,
    double? Score, DriftSetting Setting);

/// <summary>One bin or category: its label and the share of the baseline's and the window's values in it.</summary>
public sealed record DistributionBar(string Label, double Baseline, double Current);
