using System.Text.Json;
using Dashboard.Core.Collectors;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests;

/// <summary>What a poll costs in GetMetricData calls once history is stored: one window, ceil(series / 500) calls.</summary>
public sealed class PollCostTests
{
    [Fact]
    public async Task MetricPoll_RestartAfterBackfill_FetchesOnlyTheRecentWindowAndStoresTheNewMinutes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var (from, firstEnd) = host.BackfillWindow(TestClock.Start);

        await host.RestartAsync(ct);
        host.Time.Advance(TimeSpan.FromMinutes(7));
        // A restarted dashboard's live store is empty; the metric collector discovers series for the fleet it lists.
        await host.FleetCollector.RunOnceAsync(ct);
        var attemptsBefore = host.Faults.Attempts(FaultSwitch.GetMetricData);
        await host.MetricCollector.RunOnceAsync(ct);

        host.AssertHealthy(MetricCollector.SourceName);
        var minuteSeries = (await CoverageAsync(host, ct)).Keys.Count(k => k.Period == 60);
        var calls = CeilDiv(minuteSeries, MetricCollector.MaxQueriesPerCall);
        Assert.Equal(calls, host.MetricCollector.GetMetricDataCalls);
        Assert.Equal(calls, host.Faults.Attempts(FaultSwitch.GetMetricData) - attemptsBefore);
        var end = host.BackfillWindow(host.Time.GetUtcNow()).To;
        Assert.All(LastRequests(host, calls), w => Assert.Equal((end / 3600 * 3600 - 3600, end), w));

        var stored = await host.ReadEverythingAsync(ct);
        foreach (var (key, points) in stored)
        {
            SeriesAssert.SamePoints(key, host.Expected(key, from, end), points);
        }
        var invocations = stored.Single(s => s.Key.EndpointName == "churn-prod" && s.Key.MetricName == "Invocations").Value;
        Assert.Equal(7, invocations.Count(p => p.Time >= firstEnd));
    }

    [Fact]
    public async Task MetricPoll_RestartAfterLongerThanTheBackfill_RefetchesTheWholeWindowOnceThenOneWindow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);

        // Off for two days and two hours: everything stored ends before the new horizon.
        await host.RestartAsync(ct);
        host.Time.Advance(TimeSpan.FromHours(50));
        await host.FleetCollector.RunOnceAsync(ct);
        await host.MetricCollector.RunOnceAsync(ct);

        host.AssertHealthy(MetricCollector.SourceName);
        var (from, end) = host.BackfillWindow(host.Time.GetUtcNow());
        var coverage = await CoverageAsync(host, ct);
        var stored = await host.Queries.ReadAsync(coverage.Keys.ToList(), from, end, ct);
        foreach (var (key, points) in stored)
        {
            Assert.Equal(new Core.Metrics.FetchedRange(from, end / key.Period * key.Period), coverage[key]);
            SeriesAssert.SamePoints(key, host.Expected(key, from, end), points);
        }

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await AssertOneWindowPollAsync(host, ct);
    }

    [Fact]
    public async Task MetricPoll_NothingOlderMissing_CostsOneWindowPerPoll()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var from = host.BackfillWindow(TestClock.Start).From;

        // 14:21, 14:22, 14:30, 14:59: every minute series re-reads its trailing window inside the recent window.
        foreach (var step in new[] { 1, 1, 8, 29 })
        {
            host.Time.Advance(TimeSpan.FromMinutes(step));
            await AssertOneWindowPollAsync(host, ct);
        }

        var end = host.BackfillWindow(host.Time.GetUtcNow()).To;
        foreach (var (key, points) in await host.ReadEverythingAsync(ct))
        {
            SeriesAssert.SamePoints(key, host.Expected(key, from, end), points);
        }
    }

    [Fact]
    public async Task MetricPoll_FirstPollAfterTheHourTurns_CostsOneWindow()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.MetricCollector.RunOnceAsync(ct);
        var backfill = host.Live.Backfill;

        // 15:01: the drift series' 14:00 hour is complete and due.
        host.Time.Advance(TimeSpan.FromMinutes(40));
        await AssertOneWindowPollAsync(host, ct);
        Assert.Equal(backfill, host.Live.Backfill);
    }

    /// <summary>One poll: ceil(series / 500) GetMetricData calls, all for the recent window [last full hour, now).</summary>
    private static async Task AssertOneWindowPollAsync(DashboardHost host, CancellationToken cancellationToken)
    {
        var callsBefore = host.MetricCollector.GetMetricDataCalls;
        var attemptsBefore = host.Faults.Attempts(FaultSwitch.GetMetricData);

        await host.MetricCollector.RunOnceAsync(cancellationToken);

        host.AssertHealthy(MetricCollector.SourceName);
        var calls = CeilDiv((await CoverageAsync(host, cancellationToken)).Count, MetricCollector.MaxQueriesPerCall);
        Assert.Equal(calls, host.MetricCollector.GetMetricDataCalls - callsBefore);
        Assert.Equal(calls, host.Faults.Attempts(FaultSwitch.GetMetricData) - attemptsBefore);
        var end = host.BackfillWindow(host.Time.GetUtcNow()).To;
        Assert.All(LastRequests(host, calls), w => Assert.Equal((end / 3600 * 3600 - 3600, end), w));
    }

    private static Task<IReadOnlyDictionary<Core.Metrics.SeriesKey, Core.Metrics.FetchedRange>> CoverageAsync(DashboardHost host,
        CancellationToken cancellationToken) =>
        host.Services.GetRequiredService<ICoverageQueries>().GetCoverageAsync(cancellationToken);

    /// <summary>[StartTime, EndTime) of the last <paramref name="count"/> GetMetricData requests on the wire.</summary>
    private static IEnumerable<(long Start, long End)> LastRequests(DashboardHost host, int count) =>
        host.Faults.Bodies(FaultSwitch.GetMetricData).TakeLast(count).Select(body =>
        {
            using var json = JsonDocument.Parse(body);
            return (json.RootElement.GetProperty("StartTime").GetInt64(), json.RootElement.GetProperty("EndTime").GetInt64());
        });

    private static int CeilDiv(int value, int divisor) => (value + divisor - 1) / divisor;
}
