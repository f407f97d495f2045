using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Metrics;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

public sealed class MetricDiscoveryTests
{
    private static readonly HashSet<string> Fleet = new(["churn", "fraud"], StringComparer.Ordinal);

    [Fact]
    public void ToSeries_CountMetric_OneSumSeriesPerMinute()
    {
        var series = Assert.Single(MetricDiscovery.ToSeries(InvocationMetric(SageMakerMetrics.Invocations, "churn"), Fleet));

        Assert.Equal(Key(SageMakerMetrics.Invocations, "churn"), series);
        Assert.Equal(60, series.Period);
        Assert.Equal("churn", series.EndpointName);
        Assert.Equal("AllTraffic", series.VariantName);
    }

    [Fact]
    public void ToSeries_Latency_AverageAndThreePercentiles()
    {
        var series = MetricDiscovery.ToSeries(InvocationMetric(SageMakerMetrics.ModelLatency, "churn"), Fleet).ToList();

        Assert.Equal(["Average", "p50", "p90", "p99"], series.Select(s => s.Stat));
        Assert.All(series, s => Assert.Equal(SageMakerMetrics.MinutePeriod, s.Period));
    }

    [Fact]
    public void ToSeries_ExtraEndpointConfigNameDimension_IsADifferentSeries()
    {
        var plain = Assert.Single(MetricDiscovery.ToSeries(InvocationMetric(SageMakerMetrics.Invocations, "churn"), Fleet));
        var blueGreen = Assert.Single(MetricDiscovery.ToSeries(
            InvocationMetric(SageMakerMetrics.Invocations, "churn", "AllTraffic", new Dimension("EndpointConfigName", "churn-config-4")), Fleet));

        Assert.NotEqual(plain, blueGreen);
        Assert.Equal("churn-config-4", blueGreen.Dimension("EndpointConfigName"));
        Assert.Equal("churn", blueGreen.EndpointName);
    }

    [Fact]
    public void ToSeries_DimensionOrder_DoesNotMatter()
    {
        var reordered = new Metric(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.Invocations,
            [new Dimension("VariantName", "AllTraffic"), new Dimension("EndpointName", "churn")]);

        Assert.Equal(Key(SageMakerMetrics.Invocations, "churn"), Assert.Single(MetricDiscovery.ToSeries(reordered, Fleet)));
    }

    [Fact]
    public void ToSeries_DriftMetric_MaximumPerHour()
    {
        var metric = new Metric(SageMakerMetrics.DataQualityNamespace, "feature_baseline_drift_age",
            [new Dimension("Endpoint", "fraud"), new Dimension("MonitoringSchedule", "hourly")]);

        var series = Assert.Single(MetricDiscovery.ToSeries(metric, Fleet));

        Assert.Equal("Maximum", series.Stat);
        Assert.Equal(3600, series.Period);
        Assert.Equal("fraud", series.EndpointName);
    }

    [Fact]
    public void ToSeries_MetricNotCollected_IsSkipped()
    {
        Assert.Empty(MetricDiscovery.ToSeries(InvocationMetric("ModelSetupTime", "churn"), Fleet));
    }

    [Fact]
    public void ToSeries_EndpointNotInTheFleet_IsSkipped()
    {
        Assert.Empty(MetricDiscovery.ToSeries(InvocationMetric(SageMakerMetrics.Invocations, "deleted-last-week"), Fleet));
    }

    [Fact]
    public void ToSeries_NoEndpointDimension_IsSkipped()
    {
        var metric = new Metric(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.Invocations, [new Dimension("VariantName", "AllTraffic")]);

        Assert.Empty(MetricDiscovery.ToSeries(metric, Fleet));
    }

    [Fact]
    public void ToMetric_RoundTripsTheFullDimensionSet()
    {
        var metric = InvocationMetric(SageMakerMetrics.ModelLatency, "churn", "AllTraffic", new Dimension("EndpointConfigName", "churn-config-4"));
        var key = MetricDiscovery.ToSeries(metric, Fleet).First();

        var back = MetricDiscovery.ToMetric(key);

        Assert.Equal(metric.Namespace, back.Namespace);
        Assert.Equal(metric.MetricName, back.MetricName);
        Assert.Equal(metric.Dimensions.OrderBy(d => d.Name, StringComparer.Ordinal), back.Dimensions);
    }

    [Fact]
    public async Task DiscoverAsync_ListsEveryNamespaceAndFollowsNextToken()
    {
        var cloudWatch = new FakeCloudWatchClient { ListMetricsPageSize = 1 };
        cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "churn"));
        cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "fraud"));
        cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "other"));
        cloudWatch.Metrics.Add(new Metric(SageMakerMetrics.InstanceNamespace, SageMakerMetrics.CpuUtilization,
            [new Dimension("EndpointName", "churn"), new Dimension("VariantName", "AllTraffic")]));

        var series = await MetricDiscovery.DiscoverAsync(cloudWatch, Fleet, TestContext.Current.CancellationToken);

        Assert.Equal(["churn", "fraud", "churn"], series.Select(s => s.EndpointName));
        Assert.Equal(MetricDiscovery.Namespaces, cloudWatch.ListRequests.Select(r => r.Namespace).Distinct());
        Assert.Equal(3, cloudWatch.ListRequests.Count(r => r.Namespace == SageMakerMetrics.InvocationNamespace));
    }
}
