using Dashboard.Core.Metrics;

namespace Dashboard.Core.Drift;

/// <summary>
/// The series the drift reader writes through the metric ingest path, hourly, so charts, baselines, alarms and live
/// updates treat them as CloudWatch series: a drift score per feature and each quality metric, per endpoint, and the worst
/// feature's score in its own thresholds (what an alarm on "any feature drifting" watches).
/// </summary>
public static class DriftSeries
{
    public const string DriftNamespace = "Dashboard/Drift";
    public const string QualityNamespace = "Dashboard/Quality";
    public const string Stat = "Average";
    public const string LabelledShare = "labelled_share";

    /// <summary>A namespace of its own, so no captured feature's name can collide with the summary's.</summary>
    public const string SummaryNamespace = "Dashboard/DriftSummary";
    public const string MaxInThresholds = "MaxDriftInThresholds";

    public static SeriesKey Drift(string endpoint, string feature) =>
        SeriesKey.Create(DriftNamespace, feature, [KeyValuePair.Create("EndpointName", endpoint)], Stat, SageMakerMetrics.HourPeriod);

    public static SeriesKey Quality(string endpoint, string metric) =>
        SeriesKey.Create(QualityNamespace, metric, [KeyValuePair.Create("EndpointName", endpoint)], Stat, SageMakerMetrics.HourPeriod);

    /// <summary>Each hour, the largest of the features' drift scores divided by their own thresholds (1 = on its threshold).</summary>
    public static SeriesKey Worst(string endpoint) =>
        SeriesKey.Create(SummaryNamespace, MaxInThresholds, [KeyValuePair.Create("EndpointName", endpoint)], Stat, SageMakerMetrics.HourPeriod);
}
