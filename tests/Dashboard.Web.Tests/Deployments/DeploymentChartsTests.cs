using Bunit;
using Dashboard.Core.Charts;
using Dashboard.Core.Deployments;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Deployments;
using Dashboard.Web.Endpoints;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Fleet.FleetTestData;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Web.Tests.Deployments;

public sealed class DeploymentChartsTests : DashboardTestContext
{
    private readonly FleetServices _fleet;

    public DeploymentChartsTests()
        : this(new FleetServices())
    {
    }

    private DeploymentChartsTests(FleetServices fleet)
        : base(services =>
        {
            fleet.Register(services);
            services.AddSingleton(new BlueGreenCharts(fleet.Queries));
        }) => _fleet = fleet;

    private static SeriesKey ConfigKey(string metric, string stat, string config) =>
        SeriesKey.Create(M.InvocationNamespace, metric, [new("EndpointName", "churn"), new("VariantName", "AllTraffic"), new("EndpointConfigName", config)], stat, 60);

    private IRenderedComponent<DeploymentCharts> RenderCharts(Deployment deployment) =>
        Render<DeploymentCharts>(p => p.Add(c => c.Deployment, deployment));

    private ChartJsModel Drawn(string metricId) => JSInterop.Invocations
        .Where(i => i.Identifier is "init" or "replace")
        .Select(i => Assert.IsType<ChartJsModel>(i.Arguments[1]))
        .Last(m => m.MetricId == metricId);

    [Fact]
    public void BlueGreen_OldConfigBlueNewGreenWithTheStepsMarked()
    {
        var deployment = DeploymentTestData.Canary(Now.AddMinutes(-40), Now.AddMinutes(-20), DeploymentStatus.RolledBack);
        _fleet.AddMinutes(ConfigKey(M.ModelLatency, "p90", "churn-config-v7"), 60, 40_000);
        _fleet.AddMinutes(ConfigKey(M.ModelLatency, "p90", "churn-20250604100000"), 30, 95_000);
        _fleet.AddMinutes(ConfigKey(M.Invocation5XXErrors, "Sum", "churn-20250604100000"), 30, 7);

        var cut = RenderCharts(deployment);

        Assert.Equal("Blue vs green", cut.Find("[data-testid=deployment-charts] .mud-typography-subtitle1").TextContent.Trim());
        var charts = cut.FindComponents<MetricChart>();
        Assert.Equal(["bluegreen-latency-3", "bluegreen-5xx-3"], charts.Select(c => c.Instance.Feed.MetricId));
        var latency = Drawn("bluegreen-latency-3");
        Assert.Equal([("Old config churn-config-v7", DeploymentCharts.BlueColor, 40.0), ("New config churn-20250604100000", DeploymentCharts.GreenColor, 95.0)],
            latency.Series.Select(s => (s.Name, s.Color, s.V[0])));
        Assert.Equal(["#3 started, canary (blue/green)", "#3 canary, 30 %", "#3 rolled back"], latency.Markers.Select(m => m.Label));
        Assert.Equal(DeploymentMarkers.FailedColor, latency.Markers[^1].Color);
        Assert.Equal([7.0], Drawn("bluegreen-5xx-3").Series.Select(s => s.V[0]));
        Assert.Contains("Blue: the old config churn-config-v7", cut.Find("[data-testid=deployment-charts-note]").TextContent);
    }

    [Fact]
    public void NoConfigSeries_SaysWhyInsteadOfEmptyLines()
    {
        var cut = RenderCharts(DeploymentTestData.Canary(Now.AddMinutes(-10)));

        Assert.Contains("only during and after a blue/green deployment", cut.Find("[data-testid=deployment-charts-note]").TextContent);
        Assert.Empty(cut.FindComponents<MetricChart>());
    }

    [Fact]
    public void NotStarted_NoCharts()
    {
        var proposed = DeploymentTestData.Canary(Now) with { Status = DeploymentStatus.Proposed, StartedAt = null };

        var cut = RenderCharts(proposed);

        Assert.Single(cut.FindAll("[data-testid=deployment-charts-empty]"));
        Assert.Empty(cut.FindComponents<MetricChart>());
    }

    [Fact]
    public void NextStep_RedrawsWithItsMarker()
    {
        var deployment = DeploymentTestData.Canary(Now.AddMinutes(-30));
        _fleet.AddMinutes(ConfigKey(M.ModelLatency, "p90", "churn-20250604100000"), 25, 95_000);
        var cut = RenderCharts(deployment);

        var baking = deployment with { Steps = deployment.Steps.Select(s => s.Index == 2 ? s with { State = StepState.Running, StartedAt = Now.AddMinutes(-5) } : s).ToList() };
        cut.Render(p => p.Add(c => c.Deployment, baking));

        Assert.Equal("#3 all traffic on the new fleet, baking", cut.FindComponents<MetricChart>()[0].Instance.Feed.Shell.Markers[^1].Label);
    }
}
