using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

/// <summary>Adaptive polling: endpoints in a deployment every poll, quiet ones once per their series' interval (here 5 minutes).</summary>
public sealed class CadencePollingTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeCloudWatchClient _cloudWatch = new();
    private readonly LiveStore _live;
    private readonly MetricCollector _collector;

    public CadencePollingTests()
    {
        _live = new LiveStore(_time);
        _live.PublishFleet([Endpoint("quiet"), Endpoint("deploying", EndpointStatuses.Updating)]);
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "quiet"));
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "deploying"));
        _collector = new MetricCollector(_cloudWatch, new RecordingMetricWriter(), new FakeCoverageQueries(null), _live,
            Options.Create(new CollectorOptions { BackfillDays = 1, VitalMetricInterval = TimeSpan.FromMinutes(5), SlowMetricInterval = TimeSpan.FromMinutes(5) }),
            _time, NullLogger<MetricCollector>.Instance);
    }

    [Fact]
    public async Task RunOnceAsync_WithinTheQuietInterval_AsksOnlyForTheDeployingEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct); // backfill: both
        var requested = _collector.MetricsRequested;

        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);

        var last = _cloudWatch.Requests[^1];
        var query = Assert.Single(last.MetricDataQueries);
        Assert.Contains(query.MetricStat!.Metric.Dimensions, d => d.Value == "deploying");
        Assert.Equal(requested + 1, _collector.MetricsRequested);
    }

    [Fact]
    public async Task RunOnceAsync_AfterTheQuietInterval_AsksForEveryEndpointInOneCall()
    {
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);
        var calls = _collector.GetMetricDataCalls;

        _time.Advance(TimeSpan.FromMinutes(5));
        await _collector.RunOnceAsync(ct);

        Assert.Equal(calls + 1, _collector.GetMetricDataCalls);
        Assert.Equal(2, _cloudWatch.Requests[^1].MetricDataQueries.Count);
    }

    [Fact]
    public async Task RunOnceAsync_SeriesWatchedByAnAlarm_PolledEveryIntervalOnAQuietEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);
        var quiet = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.Invocations,
            [new("EndpointName", "quiet"), new("VariantName", "AllTraffic")], "Sum", 60);
        _live.PublishWatchedSeries(new HashSet<SeriesKey> { quiet });

        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);

        var endpoints = _cloudWatch.Requests[^1].MetricDataQueries.Select(q => q.MetricStat!.Metric.Dimensions.Single(d => d.Name == "EndpointName").Value);
        Assert.Equal(["deploying", "quiet"], endpoints.Order());
    }

    [Fact]
    public async Task RunOnceAsync_AlarmReadsAStatisticNotDiscovered_FetchesItWithItsHistoryThenEveryInterval()
    {
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);
        var dimensions = new KeyValuePair<string, string>[] { new("EndpointName", "quiet"), new("VariantName", "AllTraffic") };
        var p95 = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.Invocations, dimensions, "p95", 300);
        var unknownMetric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.ModelLatency, dimensions, "p95", 60);
        _live.PublishWatchedSeries(new HashSet<SeriesKey> { p95, unknownMetric });
        var before = _cloudWatch.Requests.Count;

        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);

        var asked = _cloudWatch.Requests.Skip(before).SelectMany(r => r.MetricDataQueries.Select(q => (r, q.MetricStat!))).ToList();
        var forP95 = asked.Where(a => a.Item2.Stat == "p95").ToList();
        // The first poll backfills it (the recent window and a day before), the next re-reads only the recent window.
        Assert.True(forP95.Count >= 3, $"p95 was asked {forP95.Count} times");
        Assert.All(forP95, a => Assert.Equal((SageMakerMetrics.Invocations, 300), (a.Item2.Metric.MetricName, a.Item2.Period)));
        Assert.Contains(forP95, a => a.r.StartTime <= Now.AddDays(-1));
        // A metric the fleet does not publish for this endpoint is never asked for.
        Assert.DoesNotContain(asked, a => a.Item2.Metric.MetricName == SageMakerMetrics.ModelLatency);
    }

    [Fact]
    public void Validate_SlowIntervalShorterThanTheMetricInterval_NamesTheKey()
    {
        var result = new CollectorOptionsValidator().Validate(null,
            new CollectorOptions { MetricInterval = TimeSpan.FromMinutes(2), SlowMetricInterval = TimeSpan.FromMinutes(1) });

        Assert.Contains(result.Failures!, f => f.StartsWith("Collectors:SlowMetricInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_VitalIntervalShorterThanTheMetricInterval_NamesTheKey()
    {
        var result = new CollectorOptionsValidator().Validate(null,
            new CollectorOptions { MetricInterval = TimeSpan.FromMinutes(2), VitalMetricInterval = TimeSpan.FromMinutes(1) });

        Assert.Contains(result.Failures!, f => f.StartsWith("Collectors:VitalMetricInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SlowIntervalTooLongToReadInOneWindow_NamesTheKey()
    {
        var result = new CollectorOptionsValidator().Validate(null, new CollectorOptions { SlowMetricInterval = TimeSpan.FromHours(2) });

        Assert.Contains(result.Failures!, f => f.StartsWith("Collectors:SlowMetricInterval plus Collectors:TrailingWindow", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.True(new CollectorOptionsValidator().Validate(null, new CollectorOptions()).Succeeded);
    }
}
