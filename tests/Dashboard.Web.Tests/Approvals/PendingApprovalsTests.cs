using Bunit;
using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;
using Dashboard.Tests.Shared;
using Dashboard.Web.Approvals;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Approvals;

/// <summary>Changes waiting for a second person, in sight from every page: the navigation count, the fleet strip and the list.</summary>
public sealed class PendingApprovalsTests : StorageTestContext
{
    private static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer });

    private static EndpointState Ab => FleetTestData.Endpoint("pricing-ab", EndpointStatuses.InService,
        FleetTestData.Variant("VariantA", weight: 0.8), FleetTestData.Variant("VariantB", weight: 0.2));

    public PendingApprovalsTests()
        : base(FleetTestData.Now, services =>
        {
            services.AddSingleton<ISageMakerClient>(new FakeSageMakerClient());
            services.AddSingleton<TrafficService>();
        })
    {
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.GetRequiredService<IFleetStore>().SaveAsync([Ab], Ct);
    }

    private Task ProposeAsync() =>
        Services.GetRequiredService<TrafficService>().ProposeAsync(Erin, "pricing-ab", [new("VariantA", 0.2), new("VariantB", 0.8)], "B wins", Ct);

    [Fact]
    public async Task Operator_SeesTheCountAsTheirsToDecideAndTheStripLinksToTheCard()
    {
        await ProposeAsync();
        SignInAs("oscar", Role.Operator);
        Time.Advance(TimeSpan.FromMinutes(12));

        var link = Render<ApprovalsNavLink>();
        var strip = Render<PendingApprovalsStrip>();

        Assert.Equal("1", link.Find("[data-testid=nav-approvals-count]").TextContent);
        Assert.Contains("nav-count-mine", link.Find("[data-testid=nav-approvals-count]").ClassName, StringComparison.Ordinal);
        Assert.Contains("1 change waits for a second person", strip.Markup, StringComparison.Ordinal);
        var item = strip.Find("[data-testid=pending-approval]");
        Assert.Equal("/endpoints/pricing-ab#traffic", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Traffic split VariantA 20 % · VariantB 80 % (now VariantA 80 % · VariantB 20 %)", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("proposed by erin 12 min ago · yours to decide", item.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proposer_SeesItWaitingButNotTheirsToDecide()
    {
        await ProposeAsync();
        SignInAs("erin", Role.Engineer, Role.Operator);

        var link = Render<ApprovalsNavLink>();
        var page = Render<ApprovalsPage>();

        Assert.DoesNotContain("nav-count-mine", link.Find("[data-testid=nav-approvals-count]").ClassName, StringComparison.Ordinal);
        Assert.Equal("Yours: open", page.Find("[data-testid=approval-review]").TextContent.Trim());
    }

    [Fact]
    public async Task ProposedWhileOpen_AppearsWithoutAReloadAndGoesWhenDecided()
    {
        SignInAs("oscar", Role.Operator);
        var page = Render<ApprovalsPage>();
        var strip = Render<PendingApprovalsStrip>();
        Assert.NotNull(page.Find("[data-testid=approvals-empty]"));
        Assert.Empty(strip.FindAll("[data-testid=pending-approvals]"));

        await ProposeAsync();
        Time.Advance(TimeSpan.FromSeconds(2));

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=approval-row]")));
        strip.WaitForAssertion(() => Assert.Single(strip.FindAll("[data-testid=pending-approval]")));
        Assert.Equal("Review and decide", page.Find("[data-testid=approval-review]").TextContent.Trim());

        var change = (await Services.GetRequiredService<TrafficService>().OpenChangeAsync("pricing-ab", Ct))!;
        await Services.GetRequiredService<TrafficService>().RejectAsync(new Actor("oscar", new HashSet<Role> { Role.Operator }), change.Id, null, Ct);
        Time.Advance(TimeSpan.FromSeconds(2));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=approvals-empty]")));
    }
}
