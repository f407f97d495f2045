using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.Workers;
using Dashboard.Web.Hosting.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Hosting.Health;

/// <summary>Readiness of the collectors: 3 intervals (1 minute each here) without a successful poll make a source stale.</summary>
public sealed class CollectorFreshnessHealthCheckTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly LiveStore _live;
    private readonly FixedLease _lease = new() { HeldHere = true, Holder = "replica-a", Since = Start };

    public CollectorFreshnessHealthCheckTests() => _live = new LiveStore(_time);

    [Fact]
    public async Task Check_NoPollYetWithinThreeIntervalsOfStart_Healthy()
    {
        var check = Check();
        _time.Advance(TimeSpan.FromMinutes(3));

        var result = await RunAsync(check);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("SageMaker: no poll yet", result.Description);
    }

    [Fact]
    public async Task Check_NoSuccessfulPollForMoreThanThreeIntervals_UnhealthySayingWhichSource()
    {
        var check = Check();
        _time.Advance(TimeSpan.FromMinutes(1));
        _live.ReportSuccess(FleetCollector.SourceName);
        _live.ReportSuccess(MetricCollector.SourceName);
        _time.Advance(TimeSpan.FromMinutes(2));
        _live.ReportSuccess(FleetCollector.SourceName);
        _live.ReportFailure(MetricCollector.SourceName, "AccessDenied: arn:aws:iam::123456789012:user/someone is not authorized");
        _time.Advance(TimeSpan.FromMinutes(1.5));

        var result = await RunAsync(check);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("SageMaker: polled 90 s ago.", result.Description);
        Assert.Contains("CloudWatch: stale, last polled 210 s ago (allowed 180 s); its last 1 attempt(s) failed.", result.Description);
        Assert.DoesNotContain("123456789012", result.Description);
    }

    [Fact]
    public async Task Check_LastAttemptFailedButStillFresh_Degraded()
    {
        var check = Check();
        _live.ReportSuccess(FleetCollector.SourceName);
        _live.ReportSuccess(MetricCollector.SourceName);
        _time.Advance(TimeSpan.FromMinutes(1));
        _live.ReportFailure(FleetCollector.SourceName, "ThrottlingException: Rate exceeded");

        Assert.Equal(HealthStatus.Degraded, (await RunAsync(check)).Status);
    }

    [Fact]
    public async Task Check_BackfillRunning_CloudWatchCountsAsFresh()
    {
        var check = Check();
        _live.ReportSuccess(FleetCollector.SourceName);
        _live.PublishBackfill(new BackfillProgress(3, 10, Start));
        _time.Advance(TimeSpan.FromMinutes(2.5));
        _live.ReportSuccess(FleetCollector.SourceName);
        _time.Advance(TimeSpan.FromMinutes(2));

        var result = await RunAsync(check);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("CloudWatch: fetching history (30% done).", result.Description);
    }

    [Fact]
    public async Task Check_LeaseTakenOverLater_GraceCountsFromTheTakeover()
    {
        var check = Check();
        _time.Advance(TimeSpan.FromMinutes(10));
        _lease.Since = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HealthStatus.Healthy, (await RunAsync(check)).Status);
    }

    [Fact]
    public async Task Check_ReplicaWithoutTheLease_JudgesTheNewestMetricTimeIncludingCloudWatchDelay()
    {
        _lease.HeldHere = false;
        var check = Check();
        _live.PublishMetrics(["churn"], Start.ToUnixTimeSeconds());
        _time.Advance(TimeSpan.FromMinutes(8));
        var fresh = await RunAsync(check);
        _time.Advance(TimeSpan.FromMinutes(1));
        var stale = await RunAsync(check);

        Assert.Equal((HealthStatus.Healthy, "Metrics: polled by replica-a; newest point 480 s old."), (fresh.Status, fresh.Description));
        Assert.Equal(HealthStatus.Unhealthy, stale.Status);
        Assert.Equal("Metrics: polled by replica-a; stale, newest point 540 s old (allowed 480 s).", stale.Description);
    }

    private CollectorFreshnessHealthCheck Check() =>
        new(_live, _lease, new StaticOptionsMonitor(new CollectorOptions
        {
            FleetInterval = TimeSpan.FromMinutes(1),
            MetricInterval = TimeSpan.FromMinutes(1),
        }), _time);

    private static Task<HealthCheckResult> RunAsync(IHealthCheck check) =>
        check.CheckHealthAsync(new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("collectors", check, HealthStatus.Unhealthy, null),
        }, TestContext.Current.CancellationToken);

    private sealed class FixedLease : IWorkerLeaseState
    {
        public bool HeldHere { get; set; }

        public string? Holder { get; set; }

        public DateTimeOffset? Since { get; set; }
    }

    private sealed class StaticOptionsMonitor(CollectorOptions value) : IOptionsMonitor<CollectorOptions>
    {
        public CollectorOptions CurrentValue => value;

        public CollectorOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CollectorOptions, string?> listener) => null;
    }
}
