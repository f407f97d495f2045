using Dashboard.Core.Live;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Live;

public sealed class LiveStoreTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly LiveStore _store;
    private readonly List<LiveChange> _received = [];

    public LiveStoreTests() => _store = new LiveStore(_time);

    [Fact]
    public void Subscribe_FirstChange_IsDeliveredWithoutWaiting()
    {
        using var subscription = _store.Subscribe(Record, Interval);

        _store.PublishMetrics(["churn"], 1_000);

        var change = Assert.Single(_received);
        Assert.Equal(LiveChangeKind.Metrics, change.Kind);
        Assert.Equal(["churn"], change.Endpoints);
    }

    [Fact]
    public void Subscribe_BurstWithinTheInterval_IsMergedIntoOneCallWhenTheIntervalEnds()
    {
        using var subscription = _store.Subscribe(Record, Interval);
        _store.PublishMetrics(["churn"], 1_000);

        _store.PublishFleet([Endpoint("fraud")]);
        _store.PublishMetrics(["search"], 1_060);
        _store.PublishMetrics(["churn"], 1_120);
        _time.Advance(Interval - TimeSpan.FromMilliseconds(1));

        Assert.Single(_received);

        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(2, _received.Count);
        var merged = _received[1];
        Assert.Equal(LiveChangeKind.Fleet | LiveChangeKind.Metrics, merged.Kind);
        Assert.Equal(["fraud", "search", "churn"], merged.Endpoints);
    }

    [Fact]
    public void Subscribe_ChangeAfterAQuietInterval_IsDeliveredAtOnce()
    {
        using var subscription = _store.Subscribe(Record, Interval);
        _store.PublishMetrics(["churn"], 1_000);
        _time.Advance(TimeSpan.FromSeconds(5));

        _store.PublishMetrics(["fraud"], 1_060);

        Assert.Equal(2, _received.Count);
    }

    [Fact]
    public void Dispose_PendingChange_IsNeverDelivered()
    {
        var subscription = _store.Subscribe(Record, Interval);
        _store.PublishMetrics(["churn"], 1_000);
        _store.PublishMetrics(["fraud"], 1_060);

        subscription.Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));
        _store.PublishMetrics(["search"], 1_120);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Single(_received);
    }

    [Fact]
    public void Subscribe_ThrowingSubscriber_DoesNotStopOthersOrItself()
    {
        var failing = 0;
        using var bad = _store.Subscribe(_ =>
        {
            failing++;
            throw new InvalidOperationException("circuit gone");
        }, Interval);
        using var faulted = _store.Subscribe(_ => Task.FromException(new InvalidOperationException("async failure")), Interval);
        using var good = _store.Subscribe(Record, Interval);

        _store.PublishMetrics(["churn"], 1_000);
        _time.Advance(TimeSpan.FromSeconds(2));
        _store.PublishMetrics(["churn"], 1_060);

        Assert.Equal(2, failing);
        Assert.Equal(2, _received.Count);
    }

    [Fact]
    public void LiveChange_Concerns_TheListedEndpointsAndEveryoneForStatus()
    {
        var metrics = new LiveChange(LiveChangeKind.Metrics, ["churn"]);
        var status = new LiveChange(LiveChangeKind.Status, []);
        var merged = new LiveChange(LiveChangeKind.Metrics | LiveChangeKind.Status, ["churn"]);

        Assert.True(metrics.Concerns("churn"));
        Assert.False(metrics.Concerns("fraud"));
        Assert.True(status.Concerns("fraud"));
        Assert.True(merged.Concerns("fraud"));
        Assert.True(merged.Has(LiveChangeKind.Metrics));
        Assert.False(merged.Has(LiveChangeKind.Fleet));
    }

    [Fact]
    public void ReportFailureThenSuccess_CountsFailuresInARowAndResets()
    {
        _store.ReportFailure("CloudWatch", "ThrottlingException: slow down");
        _time.Advance(TimeSpan.FromSeconds(5));
        _store.ReportFailure("CloudWatch", "ThrottlingException: still slow");

        var failing = _store.Sources["CloudWatch"];
        Assert.Equal(2, failing.ConsecutiveFailures);
        Assert.True(failing.IsFailing);
        Assert.Equal("ThrottlingException: still slow", failing.LastError);
        Assert.Equal(Now.AddSeconds(5), failing.LastFailure);

        _time.Advance(TimeSpan.FromSeconds(5));
        _store.ReportSuccess("CloudWatch");

        var recovered = _store.Sources["CloudWatch"];
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.False(recovered.IsFailing);
        Assert.Equal(Now.AddSeconds(10), recovered.LastSuccess);
        Assert.False(_store.Sources.ContainsKey("SageMaker"));
    }

    [Fact]
    public void Sources_IsASnapshot()
    {
        var before = _store.Sources;

        _store.ReportSuccess("SageMaker");

        Assert.Empty(before);
        Assert.Single(_store.Sources);
    }

    [Fact]
    public void ReportSuccess_NotifiesAStatusChange()
    {
        using var subscription = _store.Subscribe(Record, Interval);

        _store.ReportSuccess("SageMaker");

        Assert.Equal(LiveChangeKind.Status, Assert.Single(_received).Kind);
    }

    [Fact]
    public void PublishMetrics_NewestMetricTime_OnlyMovesForward()
    {
        Assert.Null(_store.NewestMetricTime);

        _store.PublishMetrics(["churn"], 2_000);
        _store.PublishMetrics(["fraud"], 1_000);

        Assert.Equal(2_000, _store.NewestMetricTime);
    }

    [Fact]
    public void PublishFleetAndBackfill_AreReadBack()
    {
        var fleet = new[] { Endpoint("churn") };
        var progress = new BackfillProgress(2, 15, Now.AddDays(-1));

        _store.PublishFleet(fleet);
        _store.PublishBackfill(progress);

        Assert.Same(fleet, _store.Fleet);
        Assert.Equal(progress, _store.Backfill);
        Assert.True(progress.IsRunning);
        Assert.Equal(100.0 * 2 / 15, progress.Percent, 6);
    }

    [Fact]
    public void Published_EveryPublish_CarriesItsKindEndpointsAndState()
    {
        var published = new List<LivePublication>();
        _store.Published += published.Add;
        var fleet = new[] { Endpoint("churn") };
        var progress = new BackfillProgress(1, 4, Now);

        _store.PublishFleet(fleet);
        _store.PublishMetrics(["churn"], 1_000);
        _store.PublishAlarms(["fraud"]);
        _store.PublishTraffic("search");
        _store.PublishNotices(["churn"]);
        _store.PublishBackfill(progress);
        _store.ReportFailure("CloudWatch", "ThrottlingException");
        _store.PublishWatchedSeries(new HashSet<Core.Metrics.SeriesKey>());

        Assert.Equal([LiveChangeKind.Fleet, LiveChangeKind.Metrics, LiveChangeKind.Alarms, LiveChangeKind.Traffic,
            LiveChangeKind.Notices, LiveChangeKind.Status, LiveChangeKind.Status], published.Select(p => p.Kind));
        Assert.Same(fleet, published[0].Fleet);
        Assert.Equal(["churn"], published[0].Endpoints);
        Assert.Equal(1_000, published[1].NewestMetricTime);
        Assert.Equal(["search"], published[3].Endpoints);
        Assert.Equal(progress, published[5].Backfill);
        Assert.Equal(1, published[6].Source!.ConsecutiveFailures);
        Assert.Equal("ThrottlingException", published[6].Source!.LastError);
    }

    [Fact]
    public void Apply_RelayedChange_UpdatesStateAndNotifiesButIsNotPublishedAgain()
    {
        var published = new List<LivePublication>();
        _store.Published += published.Add;
        using var subscription = _store.Subscribe(Record, TimeSpan.Zero);
        var fleet = new[] { Endpoint("churn") };
        var failing = new SourceStatus("CloudWatch", null, Now, "ThrottlingException", 3);

        _store.Apply(new LivePublication(LiveChangeKind.Fleet, ["churn"]) { Fleet = fleet });
        _store.Apply(new LivePublication(LiveChangeKind.Metrics, ["churn"]) { NewestMetricTime = 2_000 });
        _store.Apply(new LivePublication(LiveChangeKind.Metrics, ["churn"]) { NewestMetricTime = 1_000 });
        _store.Apply(new LivePublication(LiveChangeKind.Status, []) { Source = failing, Backfill = new BackfillProgress(3, 3, Now) });
        _store.Apply(new LivePublication(LiveChangeKind.Alarms, ["fraud"]));

        Assert.Empty(published);
        Assert.Same(fleet, _store.Fleet);
        Assert.Equal(2_000, _store.NewestMetricTime);
        Assert.Equal(failing, _store.Sources["CloudWatch"]);
        Assert.Equal(3, _store.Backfill.WindowsDone);
        Assert.Contains(_received, c => c.Has(LiveChangeKind.Alarms) && c.Concerns("fraud"));
        Assert.Contains(_received, c => c.Has(LiveChangeKind.Fleet) && c.Concerns("churn"));
    }

    private Task Record(LiveChange change)
    {
        _received.Add(change);
        return Task.CompletedTask;
    }
}
