using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

/// <summary>The blue and green fleets' series (EndpointConfigName) are found while a deployment runs, not 15 minutes later.</summary>
public sealed class DeploymentDiscoveryTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeCloudWatchClient _cloudWatch = new();
    private readonly LiveStore _live;
    private readonly MetricCollector _collector;

    public DeploymentDiscoveryTests()
    {
        _live = new LiveStore(_time);
        _live.PublishFleet([Endpoint("churn")]);
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "churn"));
        _collector = new(_cloudWatch, new RecordingMetricWriter(), new FakeCoverageQueries(null), _live,
            Options.Create(new CollectorOptions { BackfillDays = 2 }), _time, NullLogger<MetricCollector>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<int> ListingsAfterAsync(TimeSpan wait)
    {
        var before = _cloudWatch.ListRequests.Count;
        _time.Advance(wait);
        await _collector.RunOnceAsync(Ct);
        return _cloudWatch.ListRequests.Count - before;
    }

    [Fact]
    public async Task InService_ListedAgainOnlyAfterTheDiscoveryInterval()
    {
        await _collector.RunOnceAsync(Ct);

        Assert.Equal(0, await ListingsAfterAsync(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task Updating_ListedEveryMinuteAndTheGreenSeriesPolled()
    {
        await _collector.RunOnceAsync(Ct);
        _live.PublishFleet([Endpoint("churn", EndpointStatuses.Updating)]);
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "churn", "AllTraffic", new Dimension("EndpointConfigName", "churn-green")));

        Assert.Equal(0, await ListingsAfterAsync(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(0, await ListingsAfterAsync(TimeSpan.FromSeconds(40)));
        Assert.Contains(_cloudWatch.Requests.SelectMany(r => r.MetricDataQueries),
            q => q.MetricStat!.Metric.Dimensions.Contains(new Dimension("EndpointConfigName", "churn-green")));
    }

    [Fact]
    public async Task ConfigChangedBetweenPolls_ListedOnceMore()
    {
        await _collector.RunOnceAsync(Ct);
        _live.PublishFleet([Endpoint("churn") with { ConfigName = "churn-green" }]);

        Assert.NotEqual(0, await ListingsAfterAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(0, await ListingsAfterAsync(TimeSpan.FromMinutes(1)));
    }
}
