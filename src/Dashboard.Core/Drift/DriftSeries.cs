using Dashboard.Core.Metrics;

namespace Dashboard.Core.Drift;

/// <summary>
/// The series the drift reader writes through the metric ingest path, hourly, so charts, baselines, alarms and live
/// updates treat them as CloudWatch series: a drift score per feature and each quality metric, per endpoint.
/// </summary>
public static class DriftSeries
{
    public const string DriftNamespace = "Dashboard/Drift";
    public const string QualityNamespace = "Dashboard/Quality";
    public const string Stat = "Average";
    public const string LabelledShare = "labelled_share";

    public static SeriesKey Drift(string endpoint, string feature) =>
        SeriesKey.Create(DriftNamespace, feature, [KeyValuePair.Create("EndpointName", endpoint)], Stat, SageMakerMetrics.HourPeriod);

    public static SeriesKey Quality(string endpoint, string metric) =>
        SeriesKey.Create(QualityNamespace, metric, [KeyValuePair.Create("EndpointName", endpoint)], Stat, SageMakerMetrics.HourPeriod);
}
