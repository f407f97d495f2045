using System.Diagnostics;
using Dashboard.Core.Alarms;
using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.Tests.Collectors;
using Dashboard.Core.Tests.Notifications;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Telemetry;

/// <summary>What the collectors and the webhook dispatcher record into the dashboard's meter and activity source.</summary>
public sealed class DashboardTelemetryTests
{
    private readonly FakeTimeProvider _time = new(Now);
    private readonly LiveStore _live;

    public DashboardTelemetryTests()
    {
        _live = new LiveStore(_time);
        _live.PublishFleet([Endpoint("churn")]);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MetricCollector_FirstPoll_CountsEveryPointWrittenAsIngested()
    {
        using var telemetry = new TelemetryRecorder();
        var cloudWatch = new FakeCloudWatchClient();
        cloudWatch.Metrics.Add(InvocationMetric(Core.Metrics.SageMakerMetrics.Invocations, "churn"));
        var writer = new RecordingMetricWriter();

        await MetricCollector(cloudWatch, writer).RunOnceAsync(Ct);

        var written = writer.All.Sum(batch => batch.Points.Count);
        Assert.True(written > 0);
        Assert.Equal(written, telemetry.Sum("dashboard.points.ingested"));
    }

    [Fact]
    public async Task PollingCollector_Round_RecordsItsDurationPerSourceAndASpanNamedAfterTheWork()
    {
        using var telemetry = new TelemetryRecorder();
        var collector = new TimedCollector(_live, _time) { Takes = TimeSpan.FromSeconds(2.5) };

        await collector.RunOnceAsync(Ct);

        var round = Assert.Single(telemetry.Of("dashboard.poll.duration"));
        Assert.Equal((2.5, "Timed", "success"), (round.Value, round.Tag("source"), round.Tag("outcome")));
        var span = Assert.Single(telemetry.Activities);
        Assert.Equal(("Polling Timed", ActivityStatusCode.Unset), (span.DisplayName, span.Status));
        Assert.Equal(telemetry.Root.SpanId, span.ParentSpanId);
    }

    [Fact]
    public async Task PollingCollector_FailedRound_RecordsAFailureAndAnErrorSpan()
    {
        using var telemetry = new TelemetryRecorder();
        var collector = new TimedCollector(_live, _time) { Takes = TimeSpan.FromSeconds(1), Fails = true };

        await collector.RunOnceAsync(Ct);

        var round = Assert.Single(telemetry.Of("dashboard.poll.duration"));
        Assert.Equal((1.0, "failure"), (round.Value, round.Tag("outcome")));
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(telemetry.Activities).Status);
    }

    [Fact]
    public async Task WebhookDispatcher_Attempts_CountedByTheirOutcome()
    {
        using var telemetry = new TelemetryRecorder();
        var store = new InMemoryWebhookStore();
        store.Add("ops", "https://example.com/hook");
        var dispatcher = new WebhookDispatcher(store, new ScriptedSender(new(503, "HTTP 503"), new(200, null)), new DeliverySignal(),
            Options.Create(new NotificationOptions()), _time, NullLogger<WebhookDispatcher>.Instance);
        await store.EnqueueAsync([new AlarmTransition(1, "a1", "churn", _time.GetUtcNow().ToUnixTimeSeconds(), AlarmState.Ok,
            AlarmState.Alarm, "Threshold crossed", null, null)], Ct);

        await dispatcher.DispatchDueAsync(Ct);
        _time.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.DispatchDueAsync(Ct);

        Assert.Equal(1, telemetry.Sum("dashboard.webhook.attempts", ("status", "Pending")));
        Assert.Equal(1, telemetry.Sum("dashboard.webhook.attempts", ("status", "Delivered")));
    }

    private MetricCollector MetricCollector(FakeCloudWatchClient cloudWatch, RecordingMetricWriter writer) =>
        new(cloudWatch, writer, new FakeCoverageQueries(null), _live, Options.Create(new CollectorOptions { BackfillDays = 2 }), _time,
            NullLogger<MetricCollector>.Instance);

    /// <summary>A source whose rounds take a set time on the fake clock, and fail when told.</summary>
    private sealed class TimedCollector(LiveStore live, FakeTimeProvider time) : PollingCollector(live, time, NullLogger.Instance)
    {
        public TimeSpan Takes { get; init; }

        public bool Fails { get; init; }

        protected override string Source => "Timed";

        protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

        protected override Task RunAsync(CancellationToken cancellationToken)
        {
            time.Advance(Takes);
            return Fails ? Task.FromException(new InvalidOperationException("the source is down")) : Task.CompletedTask;
        }
    }
}
