using Bunit;
using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Web.Endpoints;
using Dashboard.Web.Navigation;
using Dashboard.Web.Tests.Fleet;
using MudBlazor.Extensions;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Endpoints;

public sealed class ViewToolbarTests : DashboardTestContext
{
    private readonly List<EndpointView> _changes = [];
    private readonly EndpointView _view = new(TimeRange.Parse("24h", null, null, Now), ComparePeriod.None, null, null);

    public ViewToolbarTests()
        : base(new FleetServices().Register)
    {
    }

    [Theory]
    [InlineData("1h", 1)]
    [InlineData("7d", 168)]
    public void ClickRangePreset_RaisesOnChangeWithThePreset(string key, int hours)
    {
        var cut = RenderToolbar();

        cut.Find($"[data-testid=range-{key}]").Click();

        var view = Assert.Single(_changes);
        Assert.Equal(key, view.Range.Key);
        Assert.True(view.Range.IsRelative);
        Assert.Equal(TimeSpan.FromHours(hours), view.Range.Span);
        Assert.Equal(Now.AddMinutes(1), view.Range.To);
        Assert.Equal(_view.Compare, view.Compare);
    }

    [Fact]
    public void Render_TheCurrentPresetIsHighlighted()
    {
        var cut = RenderToolbar();

        Assert.Contains("mud-button-filled", cut.Find("[data-testid=range-24h]").ClassName);
        Assert.DoesNotContain("mud-button-filled", cut.Find("[data-testid=range-1h]").ClassName);
        // A group that overrides its buttons' styles draws every one alike in the browser, whatever their own classes say.
        Assert.DoesNotContain("mud-button-group-override-styles", cut.Find("[data-testid=range-picker]").ClassName);
        Assert.Contains("(live)", cut.Find("[data-testid=range-label]").TextContent);
    }

    [Fact]
    public void CustomWindow_EndBeforeStart_SaysSoAtTheFieldAndDoesNotChange()
    {
        var cut = RenderToolbar();
        cut.Find("[data-testid=range-custom]").Click();

        SetWindow(cut, "2025-06-04T10:00", "2025-06-04T09:00");
        cut.Find("[data-testid=window-apply]").Click();

        Assert.Empty(_changes);
        Assert.Equal("Must be after the start.", ErrorAt(cut, "window-to"));
        Assert.Equal("true", cut.Find("[data-testid=window-to]").GetAttribute("aria-invalid"));
        Assert.Null(ErrorAt(cut, "window-from"));
    }

    [Theory]
    [InlineData("2025-06-05T10:00", "2025-06-05T11:00", "window-from", "Must not be in the future.")]
    [InlineData("2025-02-01T10:00", "2025-06-01T10:00", "window-to", "At most 90 days.")]
    [InlineData("soon", "2025-06-01T10:00", "window-from", "Enter a date and time.")]
    public void CustomWindow_Invalid_ExplainsAtTheFieldAndDoesNotChange(string from, string to, string field, string message)
    {
        var cut = RenderToolbar();
        cut.Find("[data-testid=range-custom]").Click();

        SetWindow(cut, from, to);
        cut.Find("[data-testid=window-apply]").Click();

        Assert.Empty(_changes);
        Assert.Equal(message, ErrorAt(cut, field));
    }

    [Fact]
    public void CustomWindow_Valid_RaisesOnChangeWithAFixedUtcRange()
    {
        var cut = RenderToolbar();
        cut.Find("[data-testid=range-custom]").Click();

        SetWindow(cut, "2025-06-03T08:00", "2025-06-04T08:30");
        cut.Find("[data-testid=window-apply]").Click();

        var range = Assert.Single(_changes).Range;
        Assert.Equal(TimeRange.Custom, range.Key);
        Assert.Equal(new DateTimeOffset(2025, 6, 3, 8, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2025, 6, 4, 8, 30, 0, TimeSpan.Zero), range.To);
        Assert.Empty(cut.FindAll("[data-testid=window-editor]"));
    }

    [Fact]
    public void ClickRangePreset_SeasonalChosenOverATeamPin_KeepsTheChoice()
    {
        var cut = RenderToolbar(_view with { Seasonal = true }, TeamPin);

        cut.Find("[data-testid=range-6h]").Click();

        var view = Assert.Single(_changes);
        Assert.Equal("6h", view.Range.Key);
        Assert.True(view.Seasonal);
    }

    [Theory]
    [InlineData(false, "team")]
    [InlineData(true, "seasonal")]
    public void TeamPin_TheBaselineChoiceFollowsTheUrl(bool seasonal, string expected)
    {
        var cut = RenderToolbar(_view with { Seasonal = seasonal }, TeamPin);

        Assert.Equal(expected, BaselineSelect(cut).GetState(x => x.Value));
    }

    [Fact]
    public async Task TeamPin_ChooseSeasonal_TheViewSaysSoAndHasNoWindow()
    {
        var cut = RenderToolbar(_view with { PinFrom = Now.AddDays(-3), PinTo = Now.AddDays(-2) }, TeamPin);

        await cut.InvokeAsync(() => BaselineSelect(cut).ValueChanged.InvokeAsync("seasonal"));

        var view = Assert.Single(_changes);
        Assert.True(view.Seasonal);
        Assert.False(view.IsPinned);
    }

    [Fact]
    public async Task NoTeamPin_ChooseSeasonal_ThePlainViewIsSeasonalAlready()
    {
        var cut = RenderToolbar(_view with { PinFrom = Now.AddDays(-3), PinTo = Now.AddDays(-2) });

        await cut.InvokeAsync(() => BaselineSelect(cut).ValueChanged.InvokeAsync("seasonal"));

        var view = Assert.Single(_changes);
        Assert.False(view.Seasonal);
        Assert.False(view.IsPinned);
    }

    [Fact]
    public async Task SeasonalView_ChooseTheTeamBaseline_DropsTheSeasonalChoice()
    {
        var cut = RenderToolbar(_view with { Seasonal = true }, TeamPin);

        await cut.InvokeAsync(() => BaselineSelect(cut).ValueChanged.InvokeAsync("team"));

        Assert.Equal(_view, Assert.Single(_changes));
    }

    [Fact]
    public void DeploymentWeekStillRunning_ComingBackThroughTheUrl_TheMenuStillReadsDeployment()
    {
        // The URL keeps whole minutes and the week's end is "now", which has moved on since the choice was made.
        var deployed = Endpoint("churn").LastModifiedAt;
        var cut = RenderToolbar(_view with { PinFrom = deployed, PinTo = Now.AddSeconds(-70) });

        Assert.Equal("deployment", BaselineSelect(cut).GetState(x => x.Value));
    }

    private static readonly BaselinePin TeamPin =
        new("churn", Now.AddDays(-7).ToUnixTimeSeconds(), Now.AddDays(-6).ToUnixTimeSeconds(), "erin", Now.AddDays(-1).ToUnixTimeSeconds());

    private IRenderedComponent<ViewToolbar> RenderToolbar(EndpointView? view = null, BaselinePin? teamPin = null) => Render<ViewToolbar>(p => p
        .Add(c => c.View, view ?? _view)
        .Add(c => c.Endpoint, Endpoint("churn"))
        .Add(c => c.TeamPin, teamPin)
        .Add(c => c.OnChange, (EndpointView changed) => _changes.Add(changed)));

    private static MudBlazor.MudSelect<string> BaselineSelect(IRenderedComponent<ViewToolbar> cut) =>
        cut.FindComponent<MudBlazor.MudSelect<string>>().Instance;

    private static void SetWindow(IRenderedComponent<ViewToolbar> cut, string from, string to)
    {
        cut.Find("[data-testid=window-from]").Change(from);
        cut.Find("[data-testid=window-to]").Change(to);
    }

    /// <summary>The error text MudBlazor shows under the field, or null.</summary>
    private static string? ErrorAt(IRenderedComponent<ViewToolbar> cut, string testId) =>
        cut.Find($"[data-testid={testId}]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
}
