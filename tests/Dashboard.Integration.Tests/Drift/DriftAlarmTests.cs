using Dashboard.Core.Alarms;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Drift;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Drift;

/// <summary>
/// The recommended drift alarm end to end: simulator's S3 → drift reader → hourly series with their coverage → alarm
/// service → alarm worker. On the embedded default credit-risk drifts and churn-prod does not.
/// </summary>
public sealed class DriftAlarmTests
{
    private static readonly Actor Engineer = new("eng", new HashSet<Role> { Role.Engineer });

    [Fact]
    public async Task AnyFeatureDriftAlarm_CreatedFromTheRecommendation_IsAlarmOnCreditRisk_OkOnChurnProd()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);

        var states = new Dictionary<string, AlarmStatus>();
        foreach (var endpoint in new[] { "credit-risk", "churn-prod" })
        {
            var alarm = await RecommendedAsync(host, endpoint, $"{endpoint}-drift-any-feature", ct);
            Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(Engineer, alarm, isNew: true, ct));
        }
        await host.Services.GetRequiredService<AlarmCollector>().RunOnceAsync(ct);
        foreach (var endpoint in new[] { "credit-risk", "churn-prod" })
        {
            states[endpoint] = (await host.Services.GetRequiredService<IAlarmStore>().FindAsync($"{endpoint}-drift-any-feature", ct))!.Status;
        }

        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(AlarmState.Alarm, states["credit-risk"].State);
        Assert.Equal(AlarmState.Ok, states["churn-prod"].State);
        // Evaluated up to the last complete hour the reader has read, not the hour in progress.
        Assert.Equal(now - now % 3600, states["credit-risk"].EvaluatedAsOf);
        Assert.StartsWith("Threshold crossed: 3 of the last 3 datapoints", states["credit-risk"].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QualityAlarm_IsRecommendedForTheClassifierWithLabels_AtItsBaselineMinus005_AndCanBeSaved()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        await host.Services.GetRequiredService<DriftReader>().RunOnceAsync(ct);
        var standing = host.Services.GetRequiredService<DriftReadBoard>().StandingOf("credit-risk");

        var alarm = await RecommendedAsync(host, "credit-risk", "credit-risk-quality-f1", ct);

        Assert.NotNull(standing?.Quality);
        Assert.Equal(Math.Round(standing.Quality.Baseline - 0.05, 3), alarm.Threshold);
        Assert.Empty(await host.Services.GetRequiredService<AlarmService>().SaveAsync(Engineer, alarm, isNew: true, ct));
        await host.Services.GetRequiredService<AlarmCollector>().RunOnceAsync(ct);
        var status = (await host.Services.GetRequiredService<IAlarmStore>().FindAsync(alarm.Name, ct))!.Status;
        Assert.NotEqual(0, status.EvaluatedAsOf);
    }

    private static async Task<AlarmDefinition> RecommendedAsync(DashboardHost host, string endpoint, string name, CancellationToken ct)
    {
        var state = host.Live.Fleet.Single(e => e.Name == endpoint);
        var stored = await host.Queries.ListSeriesAsync(endpoint, ct);
        var standing = host.Services.GetRequiredService<DriftReadBoard>().StandingOf(endpoint);
        return RecommendedAlarms.For(state, stored, 0.1, standing: standing).Single(r => r.Alarm.Name == name).Alarm;
    }
}
