using Bunit;
using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Security;
using Dashboard.Web.Components.Endpoints;
using Dashboard.Web.Navigation;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Endpoints;

public class BaselinePinCardTests : DashboardTestContext
{
    private static readonly DateTimeOffset s_from = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeBaselinePins _pins;

    public BaselinePinCardTests()
        : this(new FakeBaselinePins())
    {
    }

    private BaselinePinCardTests(FakeBaselinePins pins)
        : base(services => services.AddSingleton<IBaselinePinStore>(pins)) => _pins = pins;

    [Fact]
    public void PinnedView_Engineer_PinsItForEveryone()
    {
        SignInAs("erin", Role.Engineer);
        var card = Render<BaselinePinCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.View, PinnedView()));

        card.Find("[data-testid=pin-for-everyone]").Click();

        Assert.Equal(("erin", s_from.ToUnixTimeSeconds()), (_pins.Pinned!.PinnedBy, _pins.Pinned.From));
        card.WaitForAssertion(() => Assert.Contains("pinned by", card.Find("[data-testid=team-pin]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void TeamPin_Viewer_SeesItButNoPinOrUnpinButtons()
    {
        _pins.Pinned = new BaselinePin("ep", s_from.ToUnixTimeSeconds(), s_from.AddDays(7).ToUnixTimeSeconds(), "erin", 0, "quiet week");

        var card = Render<BaselinePinCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.View, PinnedView(days: 2)));

        Assert.Contains("quiet week", card.Find("[data-testid=team-pin]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(card.Find("[data-testid=use-team-pin]"));
        Assert.Empty(card.FindAll("[data-testid=pin-for-everyone]"));
        Assert.Empty(card.FindAll("[data-testid=unpin]"));
    }

    [Fact]
    public void NoTeamPinAndSeasonalView_RendersNothing()
    {
        SignInAs("erin", Role.Engineer);

        var card = Render<BaselinePinCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.View, new EndpointView(Range, ComparePeriod.None, null, null)));

        Assert.Empty(card.FindAll("[data-testid=baseline-pin]"));
    }

    private static TimeRange Range => TimeRange.Parse(null, null, null, s_from.AddDays(10));

    private static EndpointView PinnedView(int days = 7) => new(Range, ComparePeriod.None, s_from, s_from.AddDays(days));
}
