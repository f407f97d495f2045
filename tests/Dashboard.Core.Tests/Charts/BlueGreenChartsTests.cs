using Dashboard.Core.Charts;
using Dashboard.Core.Deployments;
using Dashboard.Core.Metrics;
using Dashboard.Tests.Shared;
using static Dashboard.Core.Tests.DeploymentNotices.DeploymentSamples;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Tests.Charts;

public sealed class BlueGreenChartsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InMemoryMetricQueries _queries = new();

    private static SeriesKey Key(string metric, string stat, string variant, string? config = null) =>
        SeriesKey.Create(M.InvocationNamespace, metric, new[] { KeyValuePair.Create("EndpointName", "churn-prod"), KeyValuePair.Create("VariantName", variant) }
            .Concat(config is null ? [] : [KeyValuePair.Create("EndpointConfigName", config)]), stat, 60);

    private void AddMinutes(SeriesKey key, double value) =>
        _queries.Add(key, Enumerable.Range(0, 120).Select(i => new MetricPoint(Start.ToUnixTimeSeconds() - 3600 + i * 60, value)));

    [Fact]
    public async Task LoadAsync_BlueGreen_OldConfigBlueNewConfigGreenInMilliseconds()
    {
        var deployment = Finished(DeploymentStatus.RolledBack, "alarm");
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic", "churn-prod-config-v7"), 40_000);
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic", "churn-prod-20261207120500"), 90_000);
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic"), 50_000);
        AddMinutes(Key(M.Invocation5XXErrors, "Sum", "AllTraffic", "churn-prod-20261207120500"), 4);
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic", "someone-elses-config"), 1);

        var view = await new BlueGreenCharts(_queries).LoadAsync(deployment, Start.AddHours(3), Ct);

        Assert.NotNull(view);
        Assert.Equal((Start.AddMinutes(-25).ToUnixTimeSeconds(), Start.AddMinutes(60).ToUnixTimeSeconds()), (view.From, view.To));
        var latency = view.Panels.Single(p => p.Id == "bluegreen-latency");
        Assert.Equal("ms", latency.Unit);
        Assert.Equal([("Old config churn-prod-config-v7", BlueGreenSide.Blue, 40.0), ("New config churn-prod-20261207120500", BlueGreenSide.Green, 90.0)],
            latency.Lines.Select(l => (l.Name, l.Side, l.Points[0].Value)));
        Assert.All(latency.Lines, l => Assert.True(l.Points.All(p => p.Time >= view.From && p.Time <= view.To + 60)));
        Assert.Equal([BlueGreenSide.Green], view.Panels.Single(p => p.Id == "bluegreen-5xx").Lines.Select(l => l.Side));
        Assert.Equal(["#3 started, canary (blue/green)", "#3 canary, 30 %", "#3 rolled back"], view.Marks.Select(m => m.Label));
        Assert.StartsWith("Blue: the old config churn-prod-config-v7", view.Note);
    }

    [Fact]
    public async Task LoadAsync_NoConfigSeries_SaysWhy()
    {
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic"), 50_000);

        var view = await new BlueGreenCharts(_queries).LoadAsync(Deploying(1), Start.AddMinutes(20), Ct);

        Assert.NotNull(view);
        Assert.False(view.HasLines);
        Assert.Equal(Start.AddMinutes(20).ToUnixTimeSeconds(), view.To);
        Assert.Contains("only during and after a blue/green deployment", view.Note);
    }

    [Fact]
    public async Task LoadAsync_GatedCanary_ControlAndCanaryVariants()
    {
        var plan = new DeploymentPlan("churn-prod", DeploymentStrategy.GatedCanary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")], []) { Steps = [5, 100] };
        var deployment = Deploying(1) with { Plan = plan, Steps = DeploymentTimeline.Steps(plan, 2) };
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic"), 40_000);
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic-canary"), 45_000);
        AddMinutes(Key(M.ModelLatency, "p90", "AllTraffic", "churn-prod-config-v7"), 1);

        var view = await new BlueGreenCharts(_queries).LoadAsync(deployment, Start.AddMinutes(20), Ct);

        Assert.Equal([("Control AllTraffic", BlueGreenSide.Blue), ("Canary AllTraffic-canary", BlueGreenSide.Green)],
            view!.Panels.Single(p => p.Id == "bluegreen-latency").Lines.Select(l => (l.Name, l.Side)));
    }

    [Fact]
    public async Task LoadAsync_NotStarted_Null()
    {
        Assert.Null(await new BlueGreenCharts(_queries).LoadAsync(Proposed(), Start, Ct));
    }
}
