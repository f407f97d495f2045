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
        // On the 24-hour view the start and the canary, 4 minutes apart, share a marker; the end an hour later has its own.
        Assert.All(charts, c => Assert.Equal(["#3 started, canary (blue/green) … canary, 30 %", "#3 rolled back"],
            c.Instance.Feed.Shell.Markers.Select(m => m.Label)));
        Assert.Equal([DeploymentMarkers.StepColor, DeploymentMarkers.FailedColor], charts[0].Instance.Feed.Shell.Markers.Select(m => m.Color));
    }

    [Fact]
    public void StartedOutsideTheDashboard_MarkedLikeOurOwn()
    {
        _fleet.Deployments.Put(DeploymentTestData.Canary(Now.AddMinutes(-30)) with { StartedOutside = true });

        var cut = RenderPage();

        Assert.StartsWith("#3 started outside the dashboard", cut.FindComponents<MetricChart>()[0].Instance.Feed.Shell.Markers[0].Label);
    }

    [Fact]
    public void DeploymentMovesOn_ChartsRedrawnWithTheNewMarker()
    {
        var deployment = DeploymentTestData.Canary(Now.AddMinutes(-30));
        _fleet.Deployments.Put(deployment);
        var cut = RenderPage();

        _fleet.Deployments.Put(deployment with { Status = DeploymentStatus.Succeeded, FinishedAt = Now.AddMinutes(-1) });
        _fleet.Live.PublishTraffic("churn");

        cut.WaitForAssertion(() => Assert.EndsWith("succeeded", cut.FindComponents<MetricChart>()[0].Instance.Feed.Shell.Markers[^1].Label));
    }

    [Fact]
    public void ToMarkers_CloseMarksOfOneDeploymentShareAMarkerOthersKeepTheirOwn()
    {
        var marks = new List<Core.Charts.DeploymentMark>
        {
            new(3, Now, "#3 started, canary (blue/green)", Core.Charts.DeploymentMarkKind.Start),
            new(4, Now.AddSeconds(10), "#4 started outside the dashboard", Core.Charts.DeploymentMarkKind.Start),
            new(3, Now.AddSeconds(20), "#3 canary, 30 %", Core.Charts.DeploymentMarkKind.Step),
            new(3, Now.AddSeconds(50), "#3 rolled back", Core.Charts.DeploymentMarkKind.Failed),
            new(3, Now.AddMinutes(5), "#3 later", Core.Charts.DeploymentMarkKind.Step),
        };

        var markers = DeploymentMarkers.ToMarkers(marks, rangeSeconds: 3600);

        Assert.Equal([("#3 started, canary (blue/green)", DeploymentMarkers.StepColor), ("#4 started outside the dashboard", DeploymentMarkers.StepColor),
            ("#3 canary, 30 % … rolled back", DeploymentMarkers.FailedColor), ("#3 later", DeploymentMarkers.StepColor)], markers.Select(m => (m.Label, m.Color)));
    }

    [Fact]
    public void OutsideTheRange_NotMarked()
    {
        _fleet.Deployments.Put(DeploymentTestData.Canary(Now.AddDays(-3), Now.AddDays(-3).AddHours(1), DeploymentStatus.Succeeded));

        var cut = RenderPage();

        Assert.Empty(cut.FindComponents<MetricChart>()[0].Instance.Feed.Shell.Markers);
    }
}
