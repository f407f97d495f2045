using Dashboard.Core.CloudWatch;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Collectors;

/// <summary>
/// Finds the series to poll with ListMetrics, keeping each metric's full dimension set (SageMaker adds an
/// EndpointConfigName dimension during blue/green deployments; those series are kept apart), for the fleet's endpoints.
/// </summary>
public static class MetricDiscovery
{
    public static readonly string[] Namespaces =
        [SageMakerMetrics.InvocationNamespace, SageMakerMetrics.InstanceNamespace, SageMakerMetrics.DataQualityNamespace];

    public static async Task<IReadOnlyList<SeriesKey>> DiscoverAsync(ICloudWatchClient cloudWatch, IReadOnlySet<string> endpoints,
        CancellationToken cancellationToken)
    {
        var series = new List<SeriesKey>();
        foreach (var ns in Namespaces)
        {
            string? token = null;
            do
            {
                var page = await cloudWatch.ListMetricsAsync(new ListMetricsRequest(Namespace: ns, NextToken: token), cancellationToken);
                foreach (var metric in page.Metrics)
                {
                    series.AddRange(ToSeries(metric, endpoints));
                }
                token = page.NextToken;
            }
            while (token is not null);
        }
        return series;
    }

    public static IEnumerable<SeriesKey> ToSeries(Metric metric, IReadOnlySet<string> endpoints)
    {
        var dimensions = metric.Dimensions.Select(d => KeyValuePair.Create(d.Name, d.Value)).ToList();
        var endpoint = dimensions.FirstOrDefault(d => d.Key is "EndpointName" or "Endpoint").Value;
        if (endpoint is null || !endpoints.Contains(endpoint))
        {
            return [];
        }
        if (SageMakerMetrics.IsDrift(metric.MetricName))
        {
            return [SeriesKey.Create(metric.Namespace, metric.MetricName, dimensions, SageMakerMetrics.DriftStat, SageMakerMetrics.HourPeriod)];
        }
        return SageMakerMetrics.CollectedStats.TryGetValue(metric.MetricName, out var stats)
            ? stats.Select(stat => SeriesKey.Create(metric.Namespace, metric.MetricName, dimensions, stat, SageMakerMetrics.MinutePeriod))
            : [];
    }

    public static Metric ToMetric(SeriesKey key) =>
        new(key.Namespace, key.MetricName, key.DimensionList.Select(d => new Dimension(d.Key, d.Value)).ToList());
}
