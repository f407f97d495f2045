using Bunit;
using Bunit.TestDoubles;
using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Endpoints;
using Dashboard.Web.Tests.Charts;
using Dashboard.Web.Tests.Fleet;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Extensions;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Endpoints;

public sealed class EndpointPageTests : DashboardTestContext
{
    // An m5 endpoint without Model Monitor: every panel but the two GPU ones and drift.
    private static readonly string[] CpuPanels =
        ["model-latency", "overhead-latency", "invocations", "errors", "error-rate", "cpu", "memory", "disk"];

    private readonly FleetServices _fleet;

    public EndpointPageTests()
        : this(new FleetServices())
    {
    }

    private EndpointPageTests(FleetServices fleet)
        : base(fleet.Register)
    {
        _fleet = fleet;
        _fleet.AddMinutes(Key(SageMakerMetrics.Invocations, "churn"), 30, 120);
    }

    [Fact]
    public void UnknownEndpoint_SaysItIsNotInTheFleet()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);

        var cut = RenderPage("fraud");

        Assert.Contains("fraud", cut.Find("[data-testid=endpoint-not-found]").TextContent);
        Assert.Empty(cut.FindComponents<MetricChart>());
    }

    [Fact]
    public void FleetNotKnownYet_WaitsInsteadOfSayingNotFound()
    {
        var cut = RenderPage("churn");

        Assert.Empty(cut.FindAll("[data-testid=endpoint-not-found]"));
        Assert.Contains("Waiting for the first answer from SageMaker", cut.Markup);
    }

    [Theory]
    [InlineData(Role.Engineer, "/alarms/new?endpoint=churn&variant=AllTraffic&metric=ModelLatency&statistic=p90")]
    [InlineData(Role.Viewer, null)]
    public void MetricChart_LinksToANewAlarmOnItsMetricForThoseWhoMayEditAlarms(Role role, string? expected)
    {
        SignInAs("erin", role);
        _fleet.Live.PublishFleet([Endpoint("churn")]);

        var cut = RenderPage("churn");

        var latency = cut.FindComponents<MetricChart>().Single(c => c.Instance.Feed.MetricId == "model-latency");
        Assert.Equal(expected, latency.Instance.Feed.Shell.NewAlarmUrl);
        Assert.Equal(expected is null ? 0 : 1, cut.FindAll("[data-testid=chart-new-alarm-model-latency]").Count);
        Assert.Null(cut.FindComponents<MetricChart>().Single(c => c.Instance.Feed.MetricId == "error-rate").Instance.Feed.Shell.NewAlarmUrl);
    }

    [Fact]
    public void KnownEndpoint_OneChartPerApplicablePanelAndTheBaselineRule()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);

        var cut = RenderPage("churn");

        Assert.Equal(CpuPanels, cut.FindComponents<MetricChart>().Select(c => c.Instance.Feed.MetricId));
        Assert.Equal("churn", cut.Find("[data-testid=endpoint-name]").TextContent.Trim());
        var baseline = cut.Find("[data-testid=baseline-description]").TextContent;
        Assert.Contains("Same hour of the day over the previous day", baseline);
        Assert.Contains("Poisson", baseline);
    }

    [Fact]
    public void GpuEndpoint_AddsTheGpuCharts()
    {
        _fleet.Live.PublishFleet([Endpoint("vision", variants: [Variant("AllTraffic", "ml.g5.12xlarge")])]);

        var cut = RenderPage("vision");

        Assert.Equal(CpuPanels.Length + 2, cut.FindComponents<MetricChart>().Count);
        Assert.Single(cut.FindAll("[data-testid=metric-chart-gpu-memory]"));
    }

    [Fact]
    public void FleetOnlyInStorage_IsReadFromTheStore()
    {
        _fleet.Store.Stored = [Endpoint("churn")];

        var cut = RenderPage("churn");

        Assert.Equal(CpuPanels.Length, cut.FindComponents<MetricChart>().Count);
    }

    [Fact]
    public void RangeInTheUrl_IsTheSelectedRange()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("/endpoints/churn?range=1h");

        var cut = RenderPage("churn");

        Assert.Contains("mud-button-filled", cut.Find("[data-testid=range-1h]").ClassName);
        var invocations = DrawnInvocations();
        Assert.All(invocations.Series.SelectMany(s => s.T), t => Assert.True(t >= Now.AddHours(-1).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void ChoosingAPreset_NavigatesToTheViewsUrl()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var cut = RenderPage("churn");

        cut.Find("[data-testid=range-6h]").Click();

        Assert.EndsWith("/endpoints/churn?range=6h", Services.GetRequiredService<BunitNavigationManager>().Uri);
    }

    [Fact]
    public void NewMetrics_AreAppendedToTheDrawnCharts()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var cut = RenderPage("churn");
        var newPoint = Now.ToUnixTimeSeconds();
        _fleet.Queries.Add(Key(SageMakerMetrics.Invocations, "churn"), [new MetricPoint(newPoint, 321)]);
        _fleet.Time.Advance(TimeSpan.FromMinutes(1));

        _fleet.Live.PublishMetrics(["churn"], newPoint);

        cut.WaitForAssertion(() => Assert.NotEmpty(InvocationsOf("append")));
        var sent = InvocationsOf("append").Select(i => Assert.IsAssignableFrom<IReadOnlyList<ChartJsSeries>>(i.Arguments[1])).ToList();
        var invocations = Assert.Single(sent.SelectMany(s => s), s => s.Name == "Invocations");
        Assert.Equal([newPoint * 1000], invocations.T);
        Assert.Equal([321d], invocations.V);
        Assert.Single(sent.SelectMany(s => s), s => s.Name == "error rate"); // derived from the same new minute
    }

    [Fact]
    public void ThirtyDayView_IsDrawnFromQuarterHoursAndRedrawnWhenANewOneBegins()
    {
        _fleet.AddMinutes(Key(SageMakerMetrics.Invocations, "churn"), 30 * 24 * 60, 120);
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        Navigation.NavigateTo("/endpoints/churn?range=30d");
        var cut = RenderPage("churn");
        Assert.Contains("drawn from 15-minute means", BaselineNote(cut), StringComparison.Ordinal);
        Assert.All(DrawnInvocations().Series.Single(s => s.Name == "Invocations").T, t => Assert.Equal(0, t / 1000 % 900));
        var draws = Draws();
        var reads = _fleet.Queries.ReadCalls;

        // 12:11, still inside the quarter-hour the last bucket (12:00) stands for: handled (the health row is read
        // again), but nothing is drawn or appended.
        _fleet.Time.Advance(TimeSpan.FromMinutes(1));
        _fleet.Live.PublishMetrics(["churn"], Now.ToUnixTimeSeconds());
        cut.WaitForAssertion(() => Assert.True(_fleet.Queries.ReadCalls > reads));
        Assert.Equal(draws, Draws());

        // 12:16: the 12:15 bucket has begun, and the whole view is read again from the tier.
        _fleet.Queries.Add(Key(SageMakerMetrics.Invocations, "churn"), [new MetricPoint(Now.ToUnixTimeSeconds() + 5 * Minute, 480)]);
        _fleet.Time.Advance(TimeSpan.FromMinutes(5));
        _fleet.Live.PublishMetrics(["churn"], Now.ToUnixTimeSeconds() + 5 * Minute);

        cut.WaitForAssertion(() => Assert.Equal((Now.ToUnixTimeSeconds() + 5 * Minute) / 900 * 900 * 1000,
            DrawnInvocations().Series.Single(s => s.Name == "Invocations").T[^1]));
        Assert.Empty(InvocationsOf("append"));
    }

    [Fact]
    public void OtherEndpointsMetrics_AreIgnored()
    {
        _fleet.Live.PublishFleet([Endpoint("churn"), Endpoint("fraud")]);
        var cut = RenderPage("churn");
        _fleet.Time.Advance(TimeSpan.FromMinutes(1));

        _fleet.Live.PublishMetrics(["fraud"], Now.ToUnixTimeSeconds());

        Assert.Empty(InvocationsOf("append"));
        Assert.Equal(CpuPanels.Length, cut.FindComponents<MetricChart>().Count);
    }

    [Fact]
    public void TeamPin_PlainUrl_ChartsCompareWithTheTeamsWindow()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        PinQuietDayForTheTeam();

        var cut = RenderPage("churn");

        Assert.Contains("Pinned window 2025-06-01 00:00 – 2025-06-02 00:00 UTC", BaselineNote(cut), StringComparison.Ordinal);
        // The pinned day ran at 50 a minute: that is the band now, and the current 120 a minute is outside it.
        var band = DrawnInvocations().Series.Single(s => s.Kind == nameof(ChartSeriesKind.BaselineBand));
        Assert.All(band.V.Zip(band.U!), p => Assert.InRange(50, p.First, p.Second));
        Assert.All(band.U!, upper => Assert.True(upper < 120));
        var description = cut.Find("[data-testid=baseline-description]").TextContent;
        Assert.Contains("the team's, pinned by erin. Pinned window 2025-06-01 00:00 – 2025-06-02 00:00 UTC", description, StringComparison.Ordinal);
        Assert.Contains("Compared with the team's baseline", cut.Find("[data-testid=team-pin]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/endpoints/churn?range=24h&baseline=seasonal", cut.Find("[data-testid=use-seasonal]").GetAttribute("href"));
        Assert.Equal("team", BaselineSelect(cut).GetState(x => x.Value));
    }

    [Fact]
    public void TeamPin_FleetArrivesAfterThePageOpened_ChartsStillCompareWithTheTeamsWindow()
    {
        PinQuietDayForTheTeam();
        var cut = RenderPage("churn");

        _fleet.Live.PublishFleet([Endpoint("churn")]);

        cut.WaitForAssertion(() => Assert.Contains("Pinned window 2025-06-01 00:00", BaselineNote(cut), StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=use-seasonal]"));
    }

    [Fact]
    public void TeamPin_Viewer_SeesTheSameDefaultWithoutPinButtons()
    {
        SignInAs("vera", Role.Viewer);
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        PinQuietDayForTheTeam();

        var cut = RenderPage("churn");

        Assert.Contains("pinned by erin", cut.Find("[data-testid=baseline-description]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=use-seasonal]"));
        Assert.Empty(cut.FindAll("[data-testid=unpin]"));
        Assert.Empty(cut.FindAll("[data-testid=pin-for-everyone]"));
    }

    [Fact]
    public void TeamPin_SeasonalInTheUrl_ComparesWithItsOwnHistoryAndLinksBack()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        PinQuietDayForTheTeam();
        Navigation.NavigateTo("/endpoints/churn?baseline=seasonal");

        var cut = RenderPage("churn");

        Assert.Contains("Same hour of the day over the previous", BaselineNote(cut), StringComparison.Ordinal);
        var description = cut.Find("[data-testid=baseline-description]").TextContent;
        Assert.Contains("seasonal, chosen instead of the team's pinned baseline. Same hour of the day", description, StringComparison.Ordinal);
        Assert.Equal("/endpoints/churn?range=24h", cut.Find("[data-testid=use-team-pin]").GetAttribute("href"));
        Assert.Equal("seasonal", BaselineSelect(cut).GetState(x => x.Value));
    }

    [Fact]
    public void TeamPin_WindowInTheUrl_WinsOverTheTeamPin()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        PinQuietDayForTheTeam();
        Navigation.NavigateTo("/endpoints/churn?pinFrom=2025-06-03T00:00:00Z&pinTo=2025-06-03T12:00:00Z");

        var cut = RenderPage("churn");

        Assert.Contains("Pinned window 2025-06-03 00:00 – 2025-06-03 12:00 UTC", BaselineNote(cut), StringComparison.Ordinal);
        Assert.Contains("a window other than the team's. Pinned window 2025-06-03 00:00", cut.Find("[data-testid=baseline-description]").TextContent, StringComparison.Ordinal);
        Assert.Contains("another window", cut.Find("[data-testid=team-pin-not-used]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTeamPin_ComparesSeasonallyAndShowsNoPinCard()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);

        var cut = RenderPage("churn");

        Assert.Contains("Same hour of the day over the previous", BaselineNote(cut), StringComparison.Ordinal);
        Assert.DoesNotContain("pinned", BaselineNote(cut), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(cut.FindAll("[data-testid=baseline-pin]"));
        Assert.Equal("seasonal", BaselineSelect(cut).GetState(x => x.Value));
    }

    [Fact]
    public void TeamPin_EngineerUnpins_PageFallsBackToSeasonalWithoutNavigating()
    {
        SignInAs("erin", Role.Engineer);
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        PinQuietDayForTheTeam();
        var cut = RenderPage("churn");
        var before = Navigation.Uri;

        cut.Find("[data-testid=unpin]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Same hour of the day over the previous", BaselineNote(cut), StringComparison.Ordinal));
        Assert.DoesNotContain("pinned", BaselineNote(cut), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(cut.FindAll("[data-testid=baseline-pin]"));
        Assert.Equal(before, Navigation.Uri);
    }

    [Fact]
    public void WindowInTheUrl_EngineerPinsIt_PageSaysItIsNowTheTeams()
    {
        SignInAs("erin", Role.Engineer);
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        Navigation.NavigateTo("/endpoints/churn?pinFrom=2025-06-01T00:00:00Z&pinTo=2025-06-02T00:00:00Z");
        var cut = RenderPage("churn");

        cut.Find("[data-testid=pin-for-everyone]").Click();

        cut.WaitForAssertion(() => Assert.Contains("the team's, pinned by erin.", cut.Find("[data-testid=baseline-description]").TextContent, StringComparison.Ordinal));
        Assert.NotNull(cut.Find("[data-testid=use-seasonal]"));
    }

    [Fact]
    public void SeasonalInTheUrl_ChoosingARange_KeepsTheBaselineChoice()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        PinQuietDayForTheTeam();
        Navigation.NavigateTo("/endpoints/churn?baseline=seasonal");
        var cut = RenderPage("churn");

        cut.Find("[data-testid=range-6h]").Click();

        Assert.EndsWith("/endpoints/churn?range=6h&baseline=seasonal", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamPin_ChoosingSeasonalInTheToolbar_PutsItInTheUrl()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        PinQuietDayForTheTeam();
        var cut = RenderPage("churn");

        await cut.InvokeAsync(() => BaselineSelect(cut).ValueChanged.InvokeAsync("seasonal"));

        Assert.EndsWith("/endpoints/churn?range=24h&baseline=seasonal", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void WholeCalendarInTheUrl_ChartsTheStoredHistoryAndSaysSoByTheToolbar()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        Navigation.NavigateTo("/endpoints/churn?range=custom&from=0001-01-01T00:00Z&to=9999-12-31T23:59Z");

        var cut = RenderPage("churn");

        // The stored history is the last 30 minutes (see the constructor).
        Assert.Equal("You asked for 1 Jan 0001 00:00 – 31 Dec 9999 23:59 UTC; showing 4 Jun 2025 11:40 – 4 Jun 2025 12:11 UTC, because "
            + "the stored history begins on 4 Jun 2025 and nothing is stored after now.", cut.Find("[data-testid=range-capped]").TextContent.Trim());
        Assert.Contains("Wed 4 Jun 11:40 – Wed 4 Jun 12:11 UTC", cut.Find("[data-testid=range-label]").TextContent, StringComparison.Ordinal);
        var bandTimes = DrawnInvocations().Series.Where(s => s.Kind == nameof(ChartSeriesKind.BaselineBand)).SelectMany(s => s.T);
        Assert.All(bandTimes, t => Assert.InRange(t, Now.AddHours(-1).ToUnixTimeMilliseconds(), Now.AddMinutes(1).ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void WholeCalendarAsTheBaselineWindow_IsCutToTheStoredHistoryAndSaidSo()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        Navigation.NavigateTo("/endpoints/churn?pinFrom=0001-01-01T00:00Z&pinTo=9999-12-31T23:59Z");

        var cut = RenderPage("churn");

        Assert.StartsWith("The baseline window you asked for, 1 Jan 0001 00:00 – 31 Dec 9999 23:59 UTC, is cut to the stored history: 4 Jun 2025 11:40",
            cut.Find("[data-testid=range-capped]").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Pinned window 2025-06-04 11:40 – 2025-06-04 12:10 UTC", cut.Find("[data-testid=baseline-description]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prerender_RequestAborted_TheChartReadStops()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var reading = new TaskCompletionSource();
        var stopped = new TaskCompletionSource();
        _fleet.Queries.BeforeRead = async (_, _, token) =>
        {
            reading.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                stopped.TrySetResult();
            }
        };
        using var aborted = new CancellationTokenSource();
        Services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestAborted = aborted.Token };
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        RenderPage("churn");
        await reading.Task.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);

        await aborted.CancelAsync();

        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public void ChartsDrawn_PageKeepsNoSeries()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);

        var cut = RenderPage("churn");

        Assert.NotEmpty(InvocationsOf("init"));
        Assert.Equal(0, HeldPoints.In(cut.Instance));
    }

    [Fact]
    public void NewMetricsAppended_PageStillKeepsNoSeries()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var cut = RenderPage("churn");
        var newPoint = Now.ToUnixTimeSeconds();
        _fleet.Queries.Add(Key(SageMakerMetrics.Invocations, "churn"), [new MetricPoint(newPoint, 321)]);
        _fleet.Time.Advance(TimeSpan.FromMinutes(1));

        _fleet.Live.PublishMetrics(["churn"], newPoint);

        cut.WaitForAssertion(() => Assert.NotEmpty(InvocationsOf("append")));
        Assert.Equal(0, HeldPoints.In(cut.Instance));
    }

    [Fact]
    public void TableView_ShowsTheSeriesAsStoredNow_AndBackInChartViewLetsThemGo()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var cut = RenderPage("churn");
        // A minute later a new point is stored: the table, fetched when asked for, has it.
        var newPoint = Now.ToUnixTimeSeconds();
        _fleet.Queries.Add(Key(SageMakerMetrics.Invocations, "churn"), [new MetricPoint(newPoint, 321)]);
        _fleet.Time.Advance(TimeSpan.FromMinutes(1));
        var chart = cut.Find("[data-testid=metric-chart-invocations]");

        chart.QuerySelectorAll(".mud-toggle-item").Single(e => e.TextContent.Contains("Table")).Click();

        cut.WaitForElement("[data-testid=chart-csv-invocations]").Click();
        Assert.Contains(",321", Assert.IsType<string>(Assert.Single(InvocationsOf("downloadCsv")).Arguments[1]));
        cut.Find("[data-testid=metric-chart-invocations]").QuerySelectorAll(".mud-toggle-item").Single(e => e.TextContent.Contains("Chart")).Click();
        Assert.Equal(321d, DrawnInvocations().Series.Single(s => s.Name == "Invocations").V[^1]);
        Assert.Equal(0, HeldPoints.In(cut.Instance));
    }

    [Fact]
    public void RarelyReadSeries_ChartSaysHowOftenAndWhenLastRead()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var now = Now.ToUnixTimeSeconds();
        // The default cadences: CPU and the other percentiles hourly, the vital series every 5 minutes.
        _fleet.Coverage[CpuKey("churn")] = new FetchedRange(now - 86_400, now - 12 * Minute);
        _fleet.Coverage[Key(SageMakerMetrics.Invocations, "churn")] = new FetchedRange(now - 86_400, now);
        _fleet.Coverage[Key(SageMakerMetrics.ModelLatency, "churn", "p90")] = new FetchedRange(now - 86_400, now - 3 * Minute);
        _fleet.Coverage[Key(SageMakerMetrics.ModelLatency, "churn", "p99")] = new FetchedRange(now - 86_400, now - 30 * Minute);

        var cut = RenderPage("churn");

        Assert.Equal("CPU utilisation: read every 60 min, last read 12 min ago", cut.Find("[data-testid=chart-staleness-cpu]").TextContent);
        Assert.Equal("ModelLatency p99: read every 60 min, last read 30 min ago; p90: read every 5 min, last read 3 min ago",
            cut.Find("[data-testid=chart-staleness-model-latency]").TextContent);
        Assert.Equal("Invocations per minute: read every 5 min, last read less than a minute ago",
            cut.Find("[data-testid=chart-staleness-invocations]").TextContent);
    }

    [Fact]
    public void DeployingEndpoint_EverySeriesReadEveryMinute_ChartsSayNothing()
    {
        _fleet.Live.PublishFleet([Endpoint("churn", Dashboard.Core.SageMaker.EndpointStatuses.Updating)]);
        var now = Now.ToUnixTimeSeconds();
        _fleet.Coverage[CpuKey("churn")] = new FetchedRange(now - 86_400, now);
        _fleet.Coverage[Key(SageMakerMetrics.Invocations, "churn")] = new FetchedRange(now - 86_400, now);

        var cut = RenderPage("churn");

        Assert.Empty(cut.FindAll("[data-testid^=chart-staleness-]"));
    }

    [Fact]
    public void RarelyReadSeries_ReadEveryMinuteWhileAnAlarmReadsIt_SaysNothing()
    {
        _fleet.Live.PublishFleet([Endpoint("churn")]);
        var now = Now.ToUnixTimeSeconds();
        _fleet.Coverage[CpuKey("churn")] = new FetchedRange(now - 86_400, now);
        _fleet.Live.PublishWatchedSeries(new HashSet<SeriesKey> { CpuKey("churn") });

        var cut = RenderPage("churn");

        Assert.Empty(cut.FindAll("[data-testid=chart-staleness-cpu]"));
    }

    private static SeriesKey CpuKey(string endpoint) => Key(SageMakerMetrics.CpuUtilization, endpoint, "Average");

    private BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    /// <summary>erin pinned Sunday 1 June for the team; invocations ran at 50 a minute that day (120 now).</summary>
    private void PinQuietDayForTheTeam()
    {
        var from = new DateTimeOffset(2025, 6, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        _fleet.Queries.Add(Key(SageMakerMetrics.Invocations, "churn"), Enumerable.Range(0, 24 * 60).Select(i => new MetricPoint(from + i * Minute, 50)));
        _fleet.Pins.Pinned = new BaselinePin("churn", from, from + 86_400, "erin", from + 2 * 86_400, "quiet Sunday");
    }

    /// <summary>The page's one note on how every band is computed (the charts carry none of their own).</summary>
    private static string BaselineNote(IRenderedComponent<EndpointPage> cut) => cut.Find("[data-testid=baseline-description]").TextContent;

    /// <summary>The invocations chart as last sent to the browser (the series live there once drawn).</summary>
    private ChartJsModel DrawnInvocations() => JSInterop.Invocations
        .Where(i => i.Identifier is "init" or "replace")
        .Select(i => Assert.IsType<ChartJsModel>(i.Arguments[1]))
        .Last(m => m.MetricId == "invocations");

    private int Draws() => JSInterop.Invocations.Count(i => i.Identifier is "init" or "replace");

    private static MudBlazor.MudSelect<string> BaselineSelect(IRenderedComponent<EndpointPage> cut) =>
        cut.FindComponent<ViewToolbar>().FindComponent<MudBlazor.MudSelect<string>>().Instance;

    private IRenderedComponent<EndpointPage> RenderPage(string name) => Render<EndpointPage>(p => p.Add(c => c.Name, name));
}
