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
    private static readonly Actor s_engineer = new("eng", new HashSet<Role> { Role.Engineer });

    [Fact]
    public async Task BusyEndpoint_GoesToAlarmOnce_RestartAndRepeatedMinutesChangeNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.BackfillAsync(ct);
        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(s_engineer, await BusyAlarm.CreateAsync(host, ct), true, ct));

        await CollectAsync(host, TimeSpan.FromMinutes(2), ct);
        var first = await StatusAsync(host, ct);
        Assert.Equal(AlarmState.Alarm, first.State);
        Assert.Single(await HistoryAsync(host, ct));

        // The same minute again, then a restart on the same database: nothing new.
        await host.Services.GetRequiredService<AlarmCollector>().PollOnceAsync(ct);
        await host.RestartAsync(ct);
        await host.Services.GetRequiredService<AlarmCollector>().PollOnceAsync(ct);
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
        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(s_engineer, await BusyAlarm.CreateAsync(host, ct), true, ct));
        await CollectAsync(host, TimeSpan.FromMinutes(2), ct);
        var before = await StatusAsync(host, ct);

        // Ten minutes without a metric poll: the minutes not fetched are not "missing data".
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.Services.GetRequiredService<AlarmCollector>().PollOnceAsync(ct);
        Assert.Equal(before.EvaluatedAsOf, (await StatusAsync(host, ct)).EvaluatedAsOf);

        await CollectAsync(host, TimeSpan.Zero, ct);
        var after = await StatusAsync(host, ct);
        Assert.Equal(AlarmState.Alarm, after.State);
        Assert.True(after.EvaluatedAsOf >= before.EvaluatedAsOf + 10 * 60);
        Assert.Single(await HistoryAsync(host, ct));
    }

    private static async Task CollectAsync(DashboardHost host, TimeSpan advance, CancellationToken ct)
    {
        host.Time.Advance(advance);
        await host.FleetCollector.PollOnceAsync(ct);
        await host.MetricCollector.PollOnceAsync(ct);
        await host.Services.GetRequiredService<AlarmCollector>().PollOnceAsync(ct);
        host.AssertHealthy("Alarms");
    }

    private static async Task<AlarmStatus> StatusAsync(DashboardHost host, CancellationToken ct) =>
        (await host.Services.GetRequiredService<IAlarmStore>().FindAsync(BusyAlarm.Name, ct))!.Status;

    private static Task<IReadOnlyList<AlarmTransition>> HistoryAsync(DashboardHost host, CancellationToken ct) =>
        host.Services.GetRequiredService<IAlarmStore>().HistoryAsync(new AlarmHistoryFilter { AlarmName = BusyAlarm.Name }, ct);
}
