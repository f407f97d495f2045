using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Alarms;

/// <summary>
/// The evaluation worker on real data: simulator → HTTP → collectors → SQLite → alarm worker. An alarm reaches its
/// state, a restart resumes without new transitions, and a collector outage is caught up without inventing any.
/// </summary>
public sealed class AlarmEvaluationTests
{
    private static readonly Actor Engineer = new("eng", new HashSet<Role> { Role.Engineer });

    [Fact]
    public async Task BusyEndpoint_GoesToAlarmOnce_RestartAndRepeatedMinutesChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(Engineer, await BusyAlarm.CreateAsync(host, ct), true, ct));

        await CollectAsync(host, TimeSpan.FromMinutes(2), ct);
        var first = await StatusAsync(host, ct);
        Assert.Equal(AlarmState.Alarm, first.State);
        Assert.Single(await HistoryAsync(host, ct));
        // The metric collector reads every series of an endpoint in ALARM every minute.
        var alarm = Assert.Single(await host.Services.GetRequiredService<IAlarmStore>().ListAsync(ct));
        Assert.Equal([alarm.Definition.Endpoint], host.Services.GetRequiredService<Dashboard.Core.Live.LiveStore>().AlarmingEndpoints);

        // The same minute again, then a restart on the same database: nothing new.
        await host.Services.GetRequiredService<AlarmCollector>().RunOnceAsync(ct);
        await host.RestartAsync(ct);
        await host.Services.GetRequiredService<AlarmCollector>().RunOnceAsync(ct);
        Assert.Equal(first, await StatusAsync(host, ct) with { Evaluation = first.Evaluation });

        await CollectAsync(host, TimeSpan.FromMinutes(3), ct);
        var later = await StatusAsync(host, ct);
        Assert.Equal((AlarmState.Alarm, first.Since), (later.State, later.Since));
        Assert.True(later.EvaluatedAsOf > first.EvaluatedAsOf);
        Assert.Single(await HistoryAsync(host, ct));
    }

    [Fact]
    public async Task CollectorOutage_AlarmWaitsForTheDataThenCatchesUpWithoutSpuriousTransitions()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(Engineer, await BusyAlarm.CreateAsync(host, ct), true, ct));
        await CollectAsync(host, TimeSpan.FromMinutes(2), ct);
        var before = await StatusAsync(host, ct);

        // Ten minutes without a metric poll: the minutes not fetched are not "missing data".
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.Services.GetRequiredService<AlarmCollector>().RunOnceAsync(ct);
        Assert.Equal(before.EvaluatedAsOf, (await StatusAsync(host, ct)).EvaluatedAsOf);

        await CollectAsync(host, TimeSpan.Zero, ct);
        var after = await StatusAsync(host, ct);
        Assert.Equal(AlarmState.Alarm, after.State);
        Assert.True(after.EvaluatedAsOf >= before.EvaluatedAsOf + 10 * 60);
        Assert.Single(await HistoryAsync(host, ct));
    }

    [Fact]
    public async Task AlarmOnAStatisticNotCollected_CollectorFetchesItWithItsHistoryAndTheAlarmIsEvaluatedFromThen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        var coverage = await host.Services.GetRequiredService<ICoverageQueries>().GetCoverageAsync(ct);
        var p90 = coverage.Keys.First(k => k.EndpointName == "churn-prod" && k.MetricName == "ModelLatency" && k.Stat == "p90");
        var p95 = p90 with { Stat = "p95", Period = 300 };
        Assert.DoesNotContain(p95, coverage.Keys);
        var alarm = new AlarmDefinition
        {
            Name = "churn-p95",
            Kind = AlarmKind.Metric,
            Metric = p95,
            Period = 300,
            EvaluationPeriods = 2,
            DatapointsToAlarm = 2,
            Comparison = ComparisonOperator.GreaterThanThreshold,
            Threshold = 0,
            TreatMissingData = TreatMissingData.Breaching,
        };
        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(Engineer, alarm, true, ct));

        // Not evaluated while nothing is fetched (missing data would have meant ALARM, here for the wrong reason).
        await host.Services.GetRequiredService<AlarmCollector>().RunOnceAsync(ct);
        var waiting = await StatusAsync(host, "churn-p95", ct);
        Assert.Equal((AlarmState.InsufficientData, 0L), (waiting.State, waiting.EvaluatedAsOf));
        Assert.Contains(p95, host.Live.WatchedSeries);

        await CollectAsync(host, TimeSpan.FromMinutes(1), ct);

        // CloudWatch's own 5-minute p95 (the simulator computes it), with the backfilled history.
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();
        var (from, _) = host.BackfillWindow(host.Time.GetUtcNow());
        var stored = (await host.Queries.ReadAsync([p95], from, now, ct))[p95];
        Assert.Equal(host.Expected(p95, stored[0].Time, now), stored);
        Assert.True(stored[0].Time <= from + 3600, $"history starts at {DateTimeOffset.FromUnixTimeSeconds(stored[0].Time)}");
        var status = await StatusAsync(host, "churn-p95", ct);
        Assert.Equal(AlarmState.Alarm, status.State);
        Assert.Equal(now - now % 300, status.EvaluatedAsOf);
        var backtest = await host.Services.GetRequiredService<AlarmBacktest>().RunAsync(alarm, now - 86_400, now, ct);
        Assert.Empty(backtest.Uncollected);
        var dayAgo = now - 86_400 - (now - 86_400) % 300;
        Assert.Equal(stored.Where(p => p.Time >= dayAgo).Select(p => (p.Time, p.Value)),
            backtest.Points.Where(p => p.Time >= dayAgo).Select(p => (p.Time, p.Value)));
    }

    private static async Task CollectAsync(DashboardHost host, TimeSpan advance, CancellationToken ct)
    {
        host.Time.Advance(advance);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.MetricCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<AlarmCollector>().RunOnceAsync(ct);
        host.AssertHealthy("Alarms");
    }

    private static async Task<AlarmStatus> StatusAsync(DashboardHost host, CancellationToken ct) => await StatusAsync(host, BusyAlarm.Name, ct);

    private static async Task<AlarmStatus> StatusAsync(DashboardHost host, string alarm, CancellationToken ct) =>
        (await host.Services.GetRequiredService<IAlarmStore>().FindAsync(alarm, ct))!.Status;

    private static Task<IReadOnlyList<AlarmTransition>> HistoryAsync(DashboardHost host, CancellationToken ct) =>
        host.Services.GetRequiredService<IAlarmStore>().HistoryAsync(new AlarmHistoryFilter { AlarmName = BusyAlarm.Name }, ct);
}
