using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests;

public sealed class BackfillTests
{
    [Fact]
    public async Task Backfill_FirstStart_StoresEveryScenarioPointOfTheWindowExactlyOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, backfillDays: 2);

        await host.BackfillAsync(ct);

        var fleet = await host.Services.GetRequiredService<IFleetStore>().ListAsync(ct);
        Assert.Equal(10, fleet.Count);
        Assert.Equal(host.Scenario.Endpoints.Select(e => e.Name).Order(), fleet.Select(e => e.Name).Order());

        var (from, to) = host.BackfillWindow(TestClock.Start);
        var stored = await host.ReadEverythingAsync(ct);
        var expectedSeries = host.Scenario.Series.Sum(s => SageMakerMetrics.IsDrift(s.MetricName) ? 1 : SageMakerMetrics.CollectedStats[s.MetricName].Length);
        Assert.Equal(expectedSeries, stored.Count);
        foreach (var (key, points) in stored)
        {
            SeriesAssert.SamePoints(key, host.Expected(key, from, to), points);
        }

        // The comparison above is not vacuous: these series are full for the whole window.
        AssertFull(host, stored, "churn-prod", "ModelLatency", "p90", from, to);
        AssertFull(host, stored, "churn-prod", "Invocations", "Sum", from, to);
        AssertFull(host, stored, "recsys-ranker", "GPUUtilization", "Average", from, to);
        var drift = stored.Single(s => s.Key.EndpointName == "credit-risk" && s.Key.MetricName == "feature_baseline_drift_debt_to_income");
        Assert.Equal(("Maximum", 3600), (drift.Key.Stat, drift.Key.Period));
        Assert.Equal((to / 3600 * 3600 - from) / 3600, drift.Value.Count);

        var coverage = await host.Services.GetRequiredService<ICoverageQueries>().GetCoverageAsync(ct);
        var watermarks = await host.Queries.GetWatermarksAsync(ct);
        Assert.Equal(stored.Count, coverage.Count);
        foreach (var (key, points) in stored)
        {
            Assert.Equal(new FetchedRange(from, to / key.Period * key.Period), coverage[key]);
            if (points.Count > 0)
            {
                Assert.Equal(points[^1].Time, watermarks[key]);
            }
        }
    }

    /// <summary>A point for every minute of the window, each the value FleetScenario.GetValue generates for it.</summary>
    private static void AssertFull(DashboardHost host, IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> stored, string endpoint,
        string metric, string stat, long from, long to)
    {
        var (key, points) = stored.Single(s => s.Key.EndpointName == endpoint && s.Key.MetricName == metric && s.Key.Stat == stat);
        Assert.Equal((to - from) / 60, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var minute = from + i * 60;
            Assert.Equal(minute, points[i].Time);
            Assert.Equal(host.Scenario.GetValue(endpoint, key.VariantName, metric, stat, 60, DateTimeOffset.FromUnixTimeSeconds(minute)), points[i].Value);
        }
    }
}
