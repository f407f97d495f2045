using Dashboard.Core.CloudWatch;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

public sealed class MetricCollectorTests
{
    // Now is 2025-06-04 12:10:30 and two days are backfilled: windows [11:00, 12:10), then days back to 2 June 12:00.
    private static readonly long End = At(4, 12, 10);
    private static readonly (long, long)[] FirstPollWindows = [(At(4, 11), End), (At(3, 11), At(4, 11)), (At(2, 12), At(3, 11))];

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeCloudWatchClient _cloudWatch = new();
    private readonly RecordingMetricWriter _writer = new();
    private readonly LiveStore _live;

    public MetricCollectorTests()
    {
        _live = new LiveStore(_time);
        _live.PublishFleet([Endpoint("churn")]);
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "churn"));
    }

    [Fact]
    public async Task RunOnceAsync_FirstPollOnAnEmptyStore_FetchesTheRecentWindowThenDayWindowsNewestFirst()
    {
        var collector = Collector();

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FirstPollWindows, _cloudWatch.Requests.Select(r => (r.StartTime.ToUnixTimeSeconds(), r.EndTime.ToUnixTimeSeconds())));
        Assert.All(_cloudWatch.Requests, r => Assert.Equal(ScanBy.TimestampAscending, r.ScanBy));
        Assert.Equal(3, collector.GetMetricDataCalls);
    }

    [Fact]
    public async Task RunOnceAsync_Queries_AskForEachSeriesWithItsFullMetricStatPeriodAndStat()
    {
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.ModelLatency, "churn", "AllTraffic", new Dimension("EndpointConfigName", "churn-config-4")));

        await Collector().RunOnceAsync(TestContext.Current.CancellationToken);

        var queries = _cloudWatch.Requests[0].MetricDataQueries;
        Assert.Equal(["q0", "q1", "q2", "q3", "q4"], queries.Select(q => q.Id));
        Assert.Equal(["Sum", "Average", "p50", "p90", "p99"], queries.Select(q => q.MetricStat!.Stat));
        Assert.All(queries, q => Assert.Equal(60, q.MetricStat!.Period));
        Assert.Contains(new Dimension("EndpointConfigName", "churn-config-4"), queries[4].MetricStat!.Metric.Dimensions);
    }

    [Fact]
    public async Task RunOnceAsync_MoreThan500Series_SplitsEachWindowIntoCallsOfAtMost500Queries()
    {
        _cloudWatch.Metrics.Clear();
        for (var i = 0; i < 130; i++)
        {
            _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.ModelLatency, "churn", $"variant-{i:000}")); // 4 series each
        }

        await Collector().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal([500, 20, 500, 20, 500, 20], _cloudWatch.Requests.Select(r => r.MetricDataQueries.Count));
        Assert.Equal(520, _writer.All.Where(b => b.Coverage is not null).Select(b => b.Key).Distinct().Count());
    }

    [Fact]
    public async Task RunOnceAsync_NextToken_IsFollowedAndCoverageIsRecordedWithTheLastPageOnly()
    {
        var window = At(4, 11);
        _cloudWatch.Respond = request => request.StartTime.ToUnixTimeSeconds() == window && request.NextToken is null
            ? FakeCloudWatchClient.OnePointAtStart(request) with { NextToken = "page-2" }
            : new GetMetricDataResponse([new MetricDataResult("q0", null, [request.EndTime.AddMinutes(-1)], [7], StatusCodes.Complete)]);
        var collector = Collector();

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal([(window, null), (window, "page-2")], _cloudWatch.Requests.Take(2).Select(r => (r.StartTime.ToUnixTimeSeconds(), r.NextToken)));
        Assert.Equal(4, collector.GetMetricDataCalls);
        var firstPage = Assert.Single(_writer.Writes[0]);
        Assert.Null(firstPage.Coverage);
        Assert.Equal([new MetricPoint(window, 1)], firstPage.Points);
        var lastPage = Assert.Single(_writer.Writes[1]);
        Assert.Equal(new FetchedRange(window, End), lastPage.Coverage);
    }

    [Fact]
    public async Task RunOnceAsync_EachWindow_ExtendsTheCoverageBackwards()
    {
        _cloudWatch.Respond = FakeCloudWatchClient.NoData;

        await Collector().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            [new FetchedRange(At(4, 11), End), new FetchedRange(At(3, 11), End), new FetchedRange(At(2, 12), End)],
            _writer.Writes.Select(w => Assert.Single(w).Coverage));
        Assert.All(_writer.All, b => Assert.Empty(b.Points));
    }

    [Fact]
    public async Task RunOnceAsync_AfterACompleteBackfill_NextPollIsOneRecentWindow()
    {
        var collector = Collector();
        await collector.RunOnceAsync(TestContext.Current.CancellationToken);
        _cloudWatch.Requests.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        var request = Assert.Single(_cloudWatch.Requests);
        Assert.Equal((At(4, 11), At(4, 12, 11)), (request.StartTime.ToUnixTimeSeconds(), request.EndTime.ToUnixTimeSeconds()));
    }

    [Fact]
    public async Task RunOnceAsync_StoredCoverage_ResumesWhereTheLastRunStopped()
    {
        var key = Key(SageMakerMetrics.Invocations, "churn");
        var collector = Collector(new Dictionary<SeriesKey, FetchedRange> { [key] = new(At(3, 11), End - 5 * Minute) });

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal([(At(4, 11), End), (At(2, 12), At(3, 11))],
            _cloudWatch.Requests.Select(r => (r.StartTime.ToUnixTimeSeconds(), r.EndTime.ToUnixTimeSeconds())));
    }

    [Fact]
    public async Task RunOnceAsync_Points_ArePublishedWithTheNewestTimeAndBackfillProgress()
    {
        var notified = new List<LiveChange>();
        using var subscription = _live.Subscribe(c => { notified.Add(c); return Task.CompletedTask; }, TimeSpan.Zero);
        _cloudWatch.Respond = request => new GetMetricDataResponse(
            [new MetricDataResult("q0", null, [request.StartTime, request.EndTime.AddMinutes(-1)], [1, 2], StatusCodes.Complete)]);

        await Collector().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(End - Minute, _live.NewestMetricTime);
        Assert.Equal(new BackfillProgress(3, 3, DateTimeOffset.FromUnixTimeSeconds(At(2, 12))), _live.Backfill);
        Assert.False(_live.Backfill.IsRunning);
        Assert.Contains(notified, c => c.Has(LiveChangeKind.Metrics) && c.Concerns("churn"));
        Assert.Equal(6, _writer.All.Sum(b => b.Points.Count));
    }

    [Fact]
    public async Task RunOnceAsync_SteadyStatePoll_DoesNotReportBackfill()
    {
        var key = Key(SageMakerMetrics.Invocations, "churn");
        var collector = Collector(new Dictionary<SeriesKey, FetchedRange> { [key] = new(At(2, 12), End - Minute) });

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(BackfillProgress.None, _live.Backfill);
        Assert.Single(_cloudWatch.Requests);
    }

    [Fact]
    public async Task RunOnceAsync_EndpointsOutsideTheFleet_AreNotPolled()
    {
        _cloudWatch.Metrics.Add(InvocationMetric(SageMakerMetrics.Invocations, "someone-elses"));

        await Collector().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.All(_cloudWatch.Requests, r => Assert.Single(r.MetricDataQueries));
    }

    [Fact]
    public async Task RunOnceAsync_NoFleetYet_DoesNothing()
    {
        _live.PublishFleet([]);

        await Collector().RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Empty(_cloudWatch.ListRequests);
        Assert.Empty(_cloudWatch.Requests);
    }

    [Fact]
    public async Task RunOnceAsync_CloudWatchFails_DoesNotThrowReportsTheFailureAndWritesNothing()
    {
        _cloudWatch.Failure = new AwsServiceException("CloudWatch", "ThrottlingException", "Rate exceeded", 400, "req-1");
        var collector = Collector();

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);
        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        var source = _live.Sources[MetricCollector.SourceName];
        Assert.True(source.IsFailing);
        Assert.Equal(2, source.ConsecutiveFailures);
        Assert.Contains("ThrottlingException", source.LastError);
        Assert.Null(source.LastSuccess);
        Assert.Empty(_writer.Writes);
        Assert.Null(_live.NewestMetricTime);
    }

    [Fact]
    public async Task RunOnceAsync_FailsInTheMiddleOfTheBackfill_KeepsWhatWasStoredAndResumes()
    {
        var calls = 0;
        _cloudWatch.Respond = request => ++calls == 2
            ? throw new HttpRequestException("connection reset")
            : FakeCloudWatchClient.OnePointAtStart(request);
        var collector = Collector();

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal("connection reset", _live.Sources[MetricCollector.SourceName].LastError);
        Assert.Equal(new FetchedRange(At(4, 11), End), Assert.Single(Assert.Single(_writer.Writes)).Coverage);

        _cloudWatch.Requests.Clear();
        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(FirstPollWindows, _cloudWatch.Requests.Select(r => (r.StartTime.ToUnixTimeSeconds(), r.EndTime.ToUnixTimeSeconds())));
        Assert.Equal(new FetchedRange(At(2, 12), End), Assert.Single(_writer.Writes[^1]).Coverage);
    }

    [Fact]
    public async Task RunOnceAsync_SuccessAfterFailures_ResetsConsecutiveFailures()
    {
        _cloudWatch.Failure = new TimeoutException("timed out");
        var collector = Collector();
        await collector.RunOnceAsync(TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(5));
        _cloudWatch.Failure = null;

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        var source = _live.Sources[MetricCollector.SourceName];
        Assert.False(source.IsFailing);
        Assert.Equal(0, source.ConsecutiveFailures);
        Assert.Equal(Now.AddSeconds(5), source.LastSuccess);
        Assert.Equal(Now, source.LastFailure);
        Assert.NotEmpty(_writer.Writes);
    }

    [Fact]
    public async Task RunOnceAsync_Cancelled_IsNotReportedAsAFailure()
    {
        using var cts = new CancellationTokenSource();
        _cloudWatch.Respond = _ =>
        {
            cts.Cancel();
            throw new OperationCanceledException(cts.Token);
        };

        await Collector().RunOnceAsync(cts.Token);

        Assert.False(_live.Sources.ContainsKey(MetricCollector.SourceName));
    }

    private MetricCollector Collector(IReadOnlyDictionary<SeriesKey, FetchedRange>? coverage = null) =>
        new(_cloudWatch, _writer, new FakeCoverageQueries(coverage), _live,
            // Every series every minute: these tests are about windows, PollCadenceTests about cadences.
            Options.Create(new CollectorOptions { BackfillDays = 2, VitalMetricInterval = TimeSpan.FromMinutes(1), SlowMetricInterval = TimeSpan.FromMinutes(1) }),
            _time, NullLogger<MetricCollector>.Instance);
}
