using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Dashboard.Web.Accounts;
using Dashboard.Web.Audit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
using static Dashboard.Web.Tests.Audit.AuditTestData;

namespace Dashboard.Web.Tests.Audit;

public sealed class AuditPageTests : DashboardTestContext
{
    private readonly FakeAuditQueries _audit;
    private readonly FakeCurrentActor _actor;

    public AuditPageTests()
        : this(new FakeAuditQueries(), new FakeCurrentActor())
    {
    }

    private AuditPageTests(FakeAuditQueries audit, FakeCurrentActor actor)
        : base(services => services.AddSingleton<IAuditQueries>(audit).AddSingleton<ICurrentActor>(actor))
    {
        _audit = audit;
        _actor = actor;
    }

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    [Fact]
    public void FiltersInTheUrl_GoToTheQuery()
    {
        _audit.Total = 500;
        Navigation.NavigateTo("/audit?who=ana&action=alarm&endpoint=fraud-detector&q=latency&from=2026-11-22T10:00:00Z&to=2026-11-22T14:00:00Z&page=3");

        Render<AuditPage>();

        var search = Assert.Single(_audit.Searches);
        Assert.Equal(new AuditFilter("ana", "alarm", "fraud-detector", "latency", Start.AddHours(-2), Start.AddHours(2)), search.Filter);
        Assert.Equal((AuditPage.PageSize, 2 * AuditPage.PageSize), (search.Limit, search.Offset));
    }

    [Fact]
    public void NoFilters_AsksForTheNewestPage()
    {
        Navigation.NavigateTo("/audit");

        Render<AuditPage>();

        Assert.Equal((AuditFilter.None, AuditPage.PageSize, 0), Assert.Single(_audit.Searches));
    }

    [Fact]
    public void TypingAFilter_PutsItInTheUrlKeepingTheOthersAndStartingAtPageOne()
    {
        Navigation.NavigateTo("/audit?endpoint=fraud-detector&page=2");
        var cut = Render<AuditPage>();

        cut.Find("input[data-testid=audit-who]").Input("bob");

        cut.WaitForAssertion(() => Assert.EndsWith("/audit?who=bob&endpoint=fraud-detector", Navigation.Uri));
    }

    [Fact]
    public void ChoosingAFromTime_PutsItInTheUrlAsUtc()
    {
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();

        cut.Find("input[data-testid=audit-from]").Change("2026-11-22T09:30");

        cut.WaitForAssertion(() => Assert.EndsWith("/audit?from=2026-11-22T09%3A30%3A00Z", Navigation.Uri));
    }

    [Fact]
    public void Records_ShownWithWhoWhatAndACompactDiff()
    {
        _audit.Records = [Record(2, actor: "bob"), Record(1, action: AuditActions.AlarmCreate, before: null)];
        Navigation.NavigateTo("/audit");

        var cut = Render<AuditPage>();

        Assert.Equal(["bob", "ana"], cut.FindAll("[data-testid=audit-actor]").Select(e => e.TextContent));
        Assert.Equal(["threshold: 200 → 250", "threshold: 250"], cut.FindAll("[data-testid=audit-diff]").Select(e => e.TextContent.Trim()));
        Assert.Empty(cut.FindAll("[data-testid=audit-before]"));
    }

    [Fact]
    public void ClickingTheDiff_ShowsBeforeAndAfter()
    {
        _audit.Records = [Record(1)];
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();

        cut.Find("[data-testid=audit-diff]").Click();

        Assert.Contains("\"threshold\": 200", cut.Find("[data-testid=audit-before]").TextContent);
        Assert.Contains("\"threshold\": 250", cut.Find("[data-testid=audit-after]").TextContent);
    }

    [Fact]
    public void CsvLink_CarriesTheSameFilters()
    {
        Navigation.NavigateTo("/audit?who=ana&action=alarm");

        var cut = Render<AuditPage>();

        Assert.Equal("/audit.csv?who=ana&action=alarm", cut.Find("a[data-testid=audit-csv]").GetAttribute("href"));
    }

    [Fact]
    public void VerifyButton_HiddenWithoutThePermission()
    {
        _actor.Actor = new Actor("olga", new HashSet<Role> { Role.Operator, Role.Engineer, Role.Viewer });
        Navigation.NavigateTo("/audit");

        var cut = Render<AuditPage>();

        Assert.Empty(cut.FindAll("[data-testid=audit-verify]"));
    }

    [Fact]
    public void VerifyButton_AdminSeesTheIntactResult()
    {
        _actor.Actor = new Actor("adam", new HashSet<Role> { Role.Admin });
        _audit.Verification = new AuditVerification(true, 1_234, null, "Chain intact: 1,234 records.");
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();

        cut.Find("[data-testid=audit-verify]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Chain intact: 1,234 records.", cut.Find("[data-testid=audit-verification]").TextContent.Trim()));
        Assert.Contains("mud-alert-text-success", cut.Find("[data-testid=audit-verification]").ClassName);
    }

    [Fact]
    public void VerifyButton_BrokenChainShownAsAnError()
    {
        _actor.Actor = new Actor("adam", new HashSet<Role> { Role.Admin });
        _audit.Verification = new AuditVerification(false, 56, 57, "Record 57 was changed after it was written.");
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();

        cut.Find("[data-testid=audit-verify]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Record 57 was changed after it was written.", cut.Find("[data-testid=audit-verification]").TextContent.Trim()));
        Assert.Contains("mud-alert-text-error", cut.Find("[data-testid=audit-verification]").ClassName);
    }

    [Fact]
    public void VerifyButton_WithANotedHead_VerifiesAgainstIt()
    {
        var hash = new string('c', 64);
        _actor.Actor = new Actor("adam", new HashSet<Role> { Role.Admin });
        _audit.Verification = new AuditVerification(false, 7, 8, "Record 9, noted as the head, is gone: the newest records were removed (the trail ends at record 7).");
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();

        cut.Find("input[data-testid=audit-noted-head]").Input($"9:{hash}");
        cut.Find("[data-testid=audit-verify]").Click();

        cut.WaitForAssertion(() => Assert.Contains("is gone", cut.Find("[data-testid=audit-verification]").TextContent));
        Assert.Equal([new AuditHead(9, hash)], _audit.NotedHeads);
    }

    [Fact]
    public void NotedHead_NotWrittenRight_SaysSoAtTheFieldAsTypedAndVerifyWaits()
    {
        _actor.Actor = new Actor("adam", new HashSet<Role> { Role.Admin });
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();

        cut.Find("input[data-testid=audit-noted-head]").Input("9:abc");

        cut.WaitForAssertion(() => Assert.Contains("64 hexadecimal digits",
            cut.Find("input[data-testid=audit-noted-head]").Closest(".mud-input-control")!.TextContent));
        Assert.True(cut.Find("[data-testid=audit-verify]").HasAttribute("disabled"));
        Assert.Equal(0, _audit.Verifications);

        cut.Find("input[data-testid=audit-noted-head]").Input("");

        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=audit-verify]").HasAttribute("disabled")));
        Assert.DoesNotContain("hexadecimal", cut.Find("input[data-testid=audit-noted-head]").Closest(".mud-input-control")!.TextContent);
    }

    [Fact]
    public void VerifyButton_RoleRemovedSinceThePageOpened_RefusedOnTheServer()
    {
        _actor.Actor = new Actor("adam", new HashSet<Role> { Role.Admin });
        Navigation.NavigateTo("/audit");
        var cut = Render<AuditPage>();
        _actor.Actor = new Actor("adam", new HashSet<Role> { Role.Viewer });

        cut.Find("[data-testid=audit-verify]").Click();

        cut.WaitForAssertion(() => Assert.Contains("may not verify the audit trail", cut.Find("[data-testid=audit-verification]").TextContent));
        Assert.Equal(0, _audit.Verifications);
    }

    [Fact]
    public void ManyRecords_PagerMovesThroughTheUrl()
    {
        _audit.Records = [Record(1)];
        _audit.Total = 120;
        Navigation.NavigateTo("/audit?who=ana");
        var cut = Render<AuditPage>();

        cut.Find("[data-testid=audit-pages] button[aria-label='Next page']").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("/audit?who=ana&page=2", Navigation.Uri));
    }

    [Theory]
    [InlineData("abc", 0)]
    [InlineData("1.5", 0)]
    [InlineData("99999999999", 2 * AuditPage.PageSize)] // past the last page: the last one
    [InlineData("2147483647", 2 * AuditPage.PageSize)] // once a negative offset
    [InlineData("4", 2 * AuditPage.PageSize)]
    public void PageInTheUrl_UnreadableOrPastTheEnd_ShowsAnExistingPage(string page, int offset)
    {
        _audit.Records = [Record(1)];
        _audit.Total = 120;
        Navigation.NavigateTo($"/audit?page={Uri.EscapeDataString(page)}");

        var cut = Render<AuditPage>();

        Assert.Equal(offset, Assert.Single(_audit.Searches).Offset);
        Assert.Equal(offset / AuditPage.PageSize + 1, cut.FindComponent<MudBlazor.MudPagination>().Instance.GetState(x => x.Selected));
    }
}

internal sealed class FakeCurrentActor : ICurrentActor
{
    public Actor Actor { get; set; } = new("vera", new HashSet<Role> { Role.Viewer });

    public Task<Actor> GetAsync() => Task.FromResult(Actor);
}
