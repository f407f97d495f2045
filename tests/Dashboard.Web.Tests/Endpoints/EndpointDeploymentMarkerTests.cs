using Bunit;
using Dashboard.Core.Deployments;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Endpoints;
using Dashboard.Web.Tests.Deployments;
using Dashboard.Web.Tests.Fleet;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Endpoints;

public sealed class EndpointDeploymentMarkerTests : DashboardTestContext
{
    private readonly FleetServices _fleet;

    public EndpointDeploymentMarkerTests()
        : this(new FleetServices())
    {
    }

    private EndpointDeploymentMarkerTests(FleetServices fleet)
        : base(fleet.Register)
    {
        _fleet = fleet;
        _fleet.AddMinutes(Key(SageMakerMetrics.Invocations, "churn"), 30, 120);
        _fleet.Live.PublishFleet([Endpoint("churn")]);
    }

    private IRenderedComponent<EndpointPage> RenderPage() => Render<EndpointPage>(p => p.Add(c => c.Name, "churn"));

    [Fact]
    public void StoredDeployment_MarkedOnEveryChartOfItsEndpoint()
    {
        _fleet.Deployments.Put(DeploymentTestData.Canary(Now.AddHours(-2), Now.AddHours(-1), DeploymentStatus.RolledBack));
        _fleet.Deployments.Put(DeploymentTestData.Canary(Now.AddHours(-3)) with { Id = 9, Plan = DeploymentTestData.Canary(Now).Plan with { Endpoint = "fraud" } });

        var cut = RenderPage();

        var charts = cut.FindComponents<MetricChart>();
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.Equal(["#3 started, canary (blue/green)", "#3 canary, 30 %", "#3 rolled back"],
            c.Instance.Feed.Shell.Markers.Select(m => m.Label)));
        Assert.Equal([DeploymentMarkers.StepColor, DeploymentMarkers.StepColor, DeploymentMarkers.FailedColor], charts[0].Instance.Feed.Shell.Markers.Select(m => m.Color));
    }

    [Fact]
    public void StartedOutsideTheDashboard_MarkedLikeOurOwn()
    {
        _fleet.Deployments.Put(DeploymentTestData.Canary(Now.AddMinutes(-30)) with { StartedOutside = true });

        var cut = RenderPage();

        Assert.Equal("#3 started outside the dashboard", cut.FindComponents<MetricChart>()[0].Instance.Feed.Shell.Markers[0].Label);
    }

    [Fact]
    public void DeploymentMovesOn_ChartsRedrawnWithTheNewMarker()
    {
        var deployment = DeploymentTestData.Canary(Now.AddMinutes(-30));
        _fleet.Deployments.Put(deployment);
        var cut = RenderPage();

        _fleet.Deployments.Put(deployment with { Status = DeploymentStatus.Succeeded, FinishedAt = Now.AddMinutes(-1) });
        _fleet.Live.PublishTraffic("churn");

        cut.WaitForAssertion(() => Assert.Equal("#3 succeeded", cut.FindComponents<MetricChart>()[0].Instance.Feed.Shell.Markers[^1].Label));
    }

    [Fact]
    public void OutsideTheRange_NotMarked()
    {
        _fleet.Deployments.Put(DeploymentTestData.Canary(Now.AddDays(-3), Now.AddDays(-3).AddHours(1), DeploymentStatus.Succeeded));

        var cut = RenderPage();

        Assert.Empty(cut.FindComponents<MetricChart>()[0].Instance.Feed.Shell.Markers);
    }
}
