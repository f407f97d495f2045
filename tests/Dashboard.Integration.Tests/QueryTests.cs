using Dashboard.Core.Charts;
using Dashboard.Core.Health;
using Dashboard.Core.Overview;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests;

/// <summary>What the pages read, computed from what the collectors stored.</summary>
public sealed class QueryTests
{
    private const long Day = 86_400;

    [Fact]
    public async Task EndpointCharts_ChurnProdLast24Hours_LinesWithinBudgetBandsWhereHistoryExistsAndCpuCeiling()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, backfillDays: 2);
        await host.BackfillAsync(ct);
        var endpoint = await host.Services.GetRequiredService<IFleetStore>().FindAsync("churn-prod", ct);
        Assert.NotNull(endpoint);
        var charts = host.Services.GetRequiredService<EndpointCharts>();
        var now = host.Time.GetUtcNow().ToUnixTimeSeconds();
        var request = new ChartRequest(now - Day, now, MaxPoints: 300);

        var panels = await charts.LoadAsync(endpoint, request, ct);

        Assert.NotEmpty(panels);
        Assert.All(panels, panel =>
        {
            Assert.NotEmpty(panel.Lines);
            Assert.Contains(panel.Lines, line => line.Points.Count > 0);
            Assert.All(panel.Lines, line => Assert.InRange(line.Points.Count, 0, request.MaxPoints));
            Assert.All(panel.Lines.SelectMany(l => l.Points), p => Assert.InRange(p.Time, request.From, request.To - 1));
        });
        // Every hour of the range has the same hour of the day before in the two stored days (all weekdays).
        // One band per percentile, each naming its line.
        var latency = panels.Single(p => p.Spec.Id == "model-latency");
        Assert.Equal(["p50", "p90", "p99"], latency.Bands.Select(b => b.Line));
        var band = latency.Bands.Single(b => b.Line == "p90");
        Assert.Equal(25, band.Bands.Count);
        Assert.All(band.Bands, b => Assert.True(b.Lower <= b.Median && b.Median <= b.Upper, $"{b}"));
        var cpu = panels.Single(p => p.Spec.Ceiling == CeilingKind.Cpu);
        Assert.Contains(cpu.References, r => r.Value == 400);

        // The first stored hours have no day before them: no band there.
        var (from, _) = host.BackfillWindow(TestClock.Start);
        var early = await charts.LoadAsync(endpoint, new ChartRequest(from, from + 6 * 3600), ct);
        Assert.Empty(early.Single(p => p.Spec.Id == "model-latency").Bands);
    }

    [Fact]
    public async Task FleetOverview_DuringSearchEmbeddingsBurst_TenRowsAndTheBurstingEndpointUnhealthy()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, backfillDays: 2);
        await host.BackfillAsync(ct);
        Assert.InRange(host.Time.GetUtcNow(), TestClock.Anchor.AddMinutes(-20), TestClock.Anchor.AddMinutes(25));

        var overview = await host.Services.GetRequiredService<FleetOverviewService>().GetAsync(ct);

        Assert.Equal(10, overview.Rows.Count);
        Assert.Equal(10, overview.Counts.Total);
        var search = overview.Rows.Single(r => r.Endpoint.Name == "search-embeddings");
        Assert.Contains(search.Health.Level, new[] { HealthLevel.Critical, HealthLevel.Degraded });
        Assert.Contains(search.Health.Reasons, r => r.Contains("error rate", StringComparison.Ordinal));
        Assert.Equal(overview.Rows.Count(r => r.Health.Level == HealthLevel.Critical), overview.Counts.Critical);
        Assert.Equal(overview.Rows.Count(r => r.Health.Level == HealthLevel.Degraded), overview.Counts.Degraded);
        Assert.Equal(HealthLevel.Healthy, overview.Rows.Single(r => r.Endpoint.Name == "support-intent").Health.Level);
    }
}
