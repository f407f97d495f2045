using Bunit;
using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Security;
using Dashboard.Web.Endpoints;
using Dashboard.Web.Navigation;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Endpoints;

public class BaselinePinCardTests : DashboardTestContext
{
    private static readonly DateTimeOffset From = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeBaselinePins _pins;
    private readonly List<BaselinePin?> _changes = [];

    public BaselinePinCardTests()
        : this(new FakeBaselinePins())
    {
    }

    private BaselinePinCardTests(FakeBaselinePins pins)
        : base(services => services.AddSingleton<IBaselinePinStore>(pins)) => _pins = pins;

    [Fact]
    public void PinnedView_Engineer_PinsItForEveryoneAndTellsThePage()
    {
        SignInAs("erin", Role.Engineer);
        var card = RenderCard(PinnedView());

        card.Find("[data-testid=pin-for-everyone]").Click();

        Assert.Equal(("erin", From.ToUnixTimeSeconds()), (_pins.Pinned!.PinnedBy, _pins.Pinned.From));
        Assert.Same(_pins.Pinned, Assert.Single(_changes));
        card.WaitForAssertion(() => Assert.Contains("Compared with the team's baseline", card.Find("[data-testid=team-pin]").TextContent, StringComparison.Ordinal));
        Assert.Empty(card.FindAll("[data-testid=pin-for-everyone]"));
    }

    [Fact]
    public void TeamPinAndPlainView_SaysItIsTheTeamsBaselineAndLinksToSeasonal()
    {
        _pins.Pinned = TeamPin();

        var card = RenderCard(new EndpointView(Range, ComparePeriod.None, null, null));

        var text = System.Text.RegularExpressions.Regex.Replace(card.Find("[data-testid=team-pin]").TextContent, @"\s+", " ");
        Assert.Contains("Compared with the team's baseline: 10 Nov 00:00 UTC – 17 Nov 00:00 UTC, pinned by erin on 18 Nov 09:30 UTC — “quiet week”.", text, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=team-pin-not-used]"));
        Assert.Equal("/endpoints/ep?range=24h&baseline=seasonal", card.Find("[data-testid=use-seasonal]").GetAttribute("href"));
        Assert.Empty(card.FindAll("[data-testid=use-team-pin]"));
    }

    [Fact]
    public void SeasonalView_WithTeamPin_SaysSoAndLinksBackToTheTeamPin()
    {
        _pins.Pinned = TeamPin();

        var card = RenderCard(new EndpointView(Range, ComparePeriod.PreviousDay, null, null, Seasonal: true));

        Assert.StartsWith("Team baseline:", card.Find("[data-testid=team-pin]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("seasonal baseline instead", card.Find("[data-testid=team-pin-not-used]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/endpoints/ep?range=24h&compare=day", card.Find("[data-testid=use-team-pin]").GetAttribute("href"));
        Assert.Empty(card.FindAll("[data-testid=use-seasonal]"));
    }

    [Fact]
    public void TeamPin_Viewer_SeesItButNoPinOrUnpinButtons()
    {
        _pins.Pinned = TeamPin();

        var card = RenderCard(PinnedView(days: 2));

        Assert.Contains("quiet week", card.Find("[data-testid=team-pin]").TextContent, StringComparison.Ordinal);
        Assert.Contains("another window", card.Find("[data-testid=team-pin-not-used]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/endpoints/ep?range=24h", card.Find("[data-testid=use-team-pin]").GetAttribute("href"));
        Assert.Empty(card.FindAll("[data-testid=pin-for-everyone]"));
        Assert.Empty(card.FindAll("[data-testid=unpin]"));
    }

    [Fact]
    public void TeamPin_EngineerUnpins_TellsThePageThereIsNone()
    {
        SignInAs("erin", Role.Engineer);
        _pins.Pinned = TeamPin();
        var card = RenderCard(new EndpointView(Range, ComparePeriod.None, null, null));

        card.Find("[data-testid=unpin]").Click();

        Assert.Null(_pins.Pinned);
        Assert.Null(Assert.Single(_changes));
        Assert.Empty(card.FindAll("[data-testid=baseline-pin]"));
    }

    [Fact]
    public void NoTeamPinAndSeasonalView_RendersNothing()
    {
        SignInAs("erin", Role.Engineer);

        var card = RenderCard(new EndpointView(Range, ComparePeriod.None, null, null));

        Assert.Empty(card.FindAll("[data-testid=baseline-pin]"));
    }

    private IRenderedComponent<BaselinePinCard> RenderCard(EndpointView view) => Render<BaselinePinCard>(p => p
        .Add(c => c.Endpoint, "ep")
        .Add(c => c.View, view)
        .Add(c => c.TeamPin, _pins.Pinned)
        .Add(c => c.TeamPinChanged, (BaselinePin? pin) => _changes.Add(pin)));

    private static BaselinePin TeamPin() => new("ep", From.ToUnixTimeSeconds(), From.AddDays(7).ToUnixTimeSeconds(), "erin",
        From.AddDays(8).AddHours(9.5).ToUnixTimeSeconds(), "quiet week");

    private static TimeRange Range => TimeRange.Parse(null, null, null, From.AddDays(10));

    private static EndpointView PinnedView(int days = 7) => new(Range, ComparePeriod.None, From, From.AddDays(days));
}
