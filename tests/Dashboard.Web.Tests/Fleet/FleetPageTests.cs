using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Web.Fleet;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Fleet;

public sealed class FleetPageTests : DashboardTestContext
{
    private readonly FleetServices _fleet;

    public FleetPageTests()
        : this(new FleetServices())
    {
    }

    private FleetPageTests(FleetServices fleet)
        : base(fleet.Register)
    {
        _fleet = fleet;
        // churn has fresh traffic (healthy), fraud has failed (critical), search-prod has no data yet (degraded).
        _fleet.Live.PublishFleet([Endpoint("churn"), Endpoint("fraud", EndpointStatuses.Failed), Endpoint("search-prod")]);
        _fleet.AddMinutes(Key(SageMakerMetrics.Invocations, "churn"), 30, 120);
        _fleet.AddMinutes(Key(SageMakerMetrics.Invocations, "fraud"), 30, 10);
    }

    [Fact]
    public async Task ClosedWhileTheFirstOverviewLoads_LeavesNoLiveSubscription()
    {
        // The circuit's pending-approvals feed listens for as long as the circuit lives, not the page: counted apart.
        await Services.GetRequiredService<Dashboard.Web.Approvals.PendingApprovalsFeed>().EnsureLoadedAsync();
        var circuitWide = _fleet.Live.SubscriberCount;
        _fleet.Queries.Gate = new TaskCompletionSource();
        Render<FleetPage>();
        // Listening already while the first overview loads: closing now must find the subscription to dispose.
        Assert.Equal(circuitWide + 1, _fleet.Live.SubscriberCount);

        await DisposeComponentsAsync();
        _fleet.Queries.Gate.SetResult();

        Assert.Equal(circuitWide, _fleet.Live.SubscriberCount);
    }

    [Fact]
    public void Render_EveryEndpointWithItsHealthCountsAndRedNumbers()
    {
        var cut = Render<FleetPage>();

        // Worst first: fraud has failed, search-prod has no data yet.
        Assert.Equal(["fraud", "search-prod", "churn"], RowNames(cut));
        Assert.Equal(("1", "1", "1"), (Count(cut, "healthy"), Count(cut, "degraded"), Count(cut, "critical")));
        Assert.Equal("120", cut.Find("[data-testid=endpoint-row-churn]").Closest("tr")!.QuerySelector("[data-testid=invocations]")!.TextContent.Trim());
        Assert.Contains("3 endpoints", cut.Markup);
    }

    [Fact]
    public void QueryQ_FiltersByNameIgnoringCase()
    {
        Navigation.NavigateTo("/?q=FRAUD");

        var cut = Render<FleetPage>();

        Assert.Equal(["fraud"], RowNames(cut));
        Assert.Equal("1", Count(cut, "healthy")); // the cards still count the whole fleet
    }

    [Fact]
    public void QueryStatus_ShowsOnlyThatStatus()
    {
        Navigation.NavigateTo("/?status=Failed");

        var cut = Render<FleetPage>();

        Assert.Equal(["fraud"], RowNames(cut));
    }

    [Fact]
    public void QueryHealth_ShowsOnlyThatLevel()
    {
        Navigation.NavigateTo("/?health=degraded");

        var cut = Render<FleetPage>();

        Assert.Equal(["search-prod"], RowNames(cut));
    }

    [Fact]
    public void QueryFilters_Combine()
    {
        Navigation.NavigateTo("/?q=r&status=InService");

        var cut = Render<FleetPage>();

        Assert.Equal(["search-prod", "churn"], RowNames(cut));
    }

    [Fact]
    public void QueryMatchingNothing_SaysSo()
    {
        Navigation.NavigateTo("/?q=nothing-like-this");

        var cut = Render<FleetPage>();

        Assert.Empty(RowNames(cut));
        Assert.Contains("No endpoints match.", cut.Markup);
    }

    [Fact]
    public void ClickHealthCard_PutsTheLevelInTheUrlKeepingTheSearch()
    {
        Navigation.NavigateTo("/?q=r");
        var cut = Render<FleetPage>();

        cut.Find("[data-testid=health-critical]").Click();

        Assert.EndsWith("/?q=r&health=Critical", Navigation.Uri);
    }

    [Fact]
    public void ClickTheSelectedHealthCard_ClearsTheFilter()
    {
        Navigation.NavigateTo("/?health=Critical");
        var cut = Render<FleetPage>();

        cut.Find("[data-testid=health-critical]").Click();

        Assert.Equal(Navigation.BaseUri, Navigation.Uri);
    }

    [Fact]
    public void LiveFleetChange_AddsTheNewEndpoint()
    {
        var cut = Render<FleetPage>();
        _fleet.Time.Advance(TimeSpan.FromSeconds(1));

        _fleet.Live.PublishFleet([.. _fleet.Live.Fleet, Endpoint("ads")]);

        cut.WaitForAssertion(() => Assert.Equal(["fraud", "ads", "search-prod", "churn"], RowNames(cut)));
    }

    [Fact]
    public void BackfillRunning_ShowsProgress()
    {
        _fleet.Live.PublishBackfill(new BackfillProgress(2, 15, Now.AddDays(-1)));

        var cut = Render<FleetPage>();

        Assert.Contains("2 of 15 windows", cut.Find("[data-testid=backfill]").TextContent);
    }

    [Fact]
    public void SourceFailing_ShowsTheStaleBanner()
    {
        _fleet.Live.ReportSuccess("CloudWatch");
        _fleet.Time.Advance(TimeSpan.FromMinutes(2));
        _fleet.Live.ReportFailure("CloudWatch", "ThrottlingException: Rate exceeded");

        var cut = Render<FleetPage>();

        var banner = cut.Find("[data-testid=stale-banner]");
        Assert.Contains("CloudWatch", banner.TextContent);
        Assert.Contains("since 12:10:00 UTC", banner.TextContent);
        Assert.Contains("ThrottlingException: Rate exceeded", banner.TextContent);
    }

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    private static string[] RowNames(IRenderedComponent<FleetPage> cut) =>
        cut.FindAll("[data-testid^=endpoint-row-]").Select(e => e.TextContent.Trim()).ToArray();

    private static string Count(IRenderedComponent<FleetPage> cut, string level) =>
        cut.Find($"[data-testid=health-{level}-count]").TextContent.Trim();
}
