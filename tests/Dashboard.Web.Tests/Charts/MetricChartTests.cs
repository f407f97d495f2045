using Bunit;
using Dashboard.Web.Components.Charts;
using Microsoft.AspNetCore.Components;
using static Dashboard.Web.Tests.Charts.ChartTestData;

namespace Dashboard.Web.Tests.Charts;

public sealed class MetricChartTests : DashboardTestContext
{
    [Fact]
    public void FirstRender_ImportsModuleOnceAndInitsChartOnHost()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));

        Assert.Single(InvocationsOf("import"), i => MetricChart.ModulePath.Equals(i.Arguments[0]));
        var init = Assert.Single(InvocationsOf("init"));
        init.Arguments[0].ShouldBeElementReferenceTo(cut.Find("[data-testid=chart-cpu]"));
        var payload = Assert.IsType<ChartJsModel>(init.Arguments[1]);
        Assert.Equal(["Baseline", "Yesterday", "variant-a", "Outside baseline"], payload.Series.Select(s => s.Name));
        Assert.Equal(["BaselineBand", "PreviousPeriod", "Line", "Outliers"], payload.Series.Select(s => s.Kind));
        var band = payload.Series[0];
        Assert.Equal([T0, T0 + Minute, T0 + 2 * Minute], band.T);
        Assert.Equal([10d, 11, 12], band.V);
        Assert.Equal([30d, 31, 32], band.U!);
        Assert.Null(payload.Series[2].U);
        Assert.Equal(400, Assert.Single(payload.Annotations).Y);
    }

    [Fact]
    public void ReferenceLine_FarAboveThePoints_LeftOffTheAxisAndSaidSoAboveTheChart()
    {
        // The points reach 45 %: a 400 % ceiling on the axis would press them into the bottom tenth.
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));

        Assert.True(Assert.Single(Assert.IsType<ChartJsModel>(Assert.Single(InvocationsOf("init")).Arguments[1]).Annotations).AboveAxis);
        Assert.Equal("Instance ceiling 400 % (above the axis)", cut.Find("[data-testid=chart-refs-cpu]").TextContent.Trim());
    }

    [Fact]
    public void ReferenceLine_NearThePoints_OnTheAxisAndLabelledAboveTheChart()
    {
        var model = CpuModel() with { Annotations = [new ChartAnnotation(50, "churn-cpu 50 %", "#e65100")] };

        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(model)));

        Assert.False(Assert.Single(Assert.IsType<ChartJsModel>(Assert.Single(InvocationsOf("init")).Arguments[1]).Annotations).AboveAxis);
        Assert.Equal("churn-cpu 50 %", cut.Find("[data-testid=chart-refs-cpu]").TextContent.Trim());
    }

    [Fact]
    public void Render_ShowsTitleUnitAndBaselineRule()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));

        Assert.Contains("CPU utilisation", cut.Markup);
        Assert.Contains("Band: p5–p95", cut.Find("[data-testid=baseline-rule]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=chart-empty]"));
    }

    [Fact]
    public void FeedParameter_NewInstance_CallsReplaceNotInit()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));
        var next = Feed(CpuModel() with { Title = "CPU (7 days)" });

        cut.Render(p => p.Add(c => c.Feed, next));

        var init = Assert.Single(InvocationsOf("init"));
        var replace = Assert.Single(InvocationsOf("replace"));
        Assert.Equal(Assert.IsType<ElementReference>(init.Arguments[0]).Id, Assert.IsType<ElementReference>(replace.Arguments[0]).Id);
        Assert.Equal("CPU (7 days)", Assert.IsType<ChartJsModel>(replace.Arguments[1]).Title);
    }

    [Fact]
    public void FeedParameter_SameInstance_DoesNotRedraw()
    {
        var feed = Feed(CpuModel());
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, feed));

        cut.Render(p => p.Add(c => c.Feed, feed));

        Assert.Empty(InvocationsOf("replace"));
        Assert.Single(InvocationsOf("init"));
    }

    [Fact]
    public async Task AppendAsync_SendsOnlyTheDelta()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));
        ChartSeries[] delta = [new("variant-a", ChartSeriesKind.Line, [new(T0 + 3 * Minute, 77.5)])];

        await cut.Instance.AppendAsync(delta, dropBeforeMs: T0 + Minute);

        var append = Assert.Single(InvocationsOf("append"));
        Assert.Equal(Assert.IsType<ElementReference>(InvocationsOf("init")[0].Arguments[0]).Id, Assert.IsType<ElementReference>(append.Arguments[0]).Id);
        var sent = Assert.IsAssignableFrom<IReadOnlyList<ChartJsSeries>>(append.Arguments[1]);
        Assert.Equal([T0 + 3 * Minute], Assert.Single(sent).T);
        Assert.Equal(T0 + Minute, append.Arguments[2]);
        Assert.Empty(InvocationsOf("replace"));
    }

    [Fact]
    public void Drawn_KeepsNoSeriesOnTheServer()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));

        Assert.Single(InvocationsOf("init"));
        Assert.Equal(0, HeldPoints.In(cut.Instance));
    }

    [Fact]
    public async Task Drawn_LivePointsAppended_StillKeepsNoSeries()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));

        await cut.Instance.AppendAsync([new("variant-a", ChartSeriesKind.Line, [new(T0 + 3 * Minute, 77.5)])], null);

        Assert.Single(InvocationsOf("append"));
        Assert.Equal(0, HeldPoints.In(cut.Instance));
    }

    [Fact]
    public void TableView_FetchesTheSeriesAgainThroughTheFeed()
    {
        // Storage has moved on since the chart was drawn: the table shows what it has now.
        var now = CpuModel() with { Series = [new ChartSeries("variant-a", ChartSeriesKind.Line, [new(T0, 20.5), new(T0 + 3 * Minute, 66.5)])] };
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel(), () => now)));

        ShowTable(cut);

        var text = cut.Find("[data-testid=chart-table-cpu]").TextContent;
        Assert.Contains("66.5", text);
        Assert.DoesNotContain("45.3", text);
    }

    [Fact]
    public async Task TableView_LivePointsAppended_UpdateTheTable()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));
        ShowTable(cut);

        await cut.Instance.AppendAsync([new("variant-a", ChartSeriesKind.Line, [new(T0 + 3 * Minute, 77.5)])], dropBeforeMs: T0 + Minute);

        var text = cut.Find("[data-testid=chart-table-cpu]").TextContent;
        Assert.Contains("77.5", text);
        Assert.DoesNotContain("20.5", text); // dropped: older than the window
        Assert.Empty(InvocationsOf("append")); // not sent to a hidden chart
    }

    [Fact]
    public void BackToChartView_LetsTheTablesSeriesGo()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));
        ShowTable(cut);
        Assert.NotEqual(0, HeldPoints.In(cut.Instance));

        ShowChart(cut);

        // The chart is redrawn after the render that shows it.
        cut.WaitForAssertion(() => Assert.Single(InvocationsOf("replace")), TimeSpan.FromSeconds(10));
        Assert.Equal(0, HeldPoints.In(cut.Instance));
    }

    [Fact]
    public void FeedAlreadyTaken_ChartFetchesItsSeriesAgain()
    {
        var feed = Feed(CpuModel());
        feed.Take(); // an earlier instance of this chart drew them

        Render<MetricChart>(p => p.Add(c => c.Feed, feed));

        var init = Assert.Single(InvocationsOf("init"));
        Assert.Equal(3, Assert.IsType<ChartJsModel>(init.Arguments[1]).Series.Single(s => s.Name == "variant-a").T.Length);
    }

    [Fact]
    public void TableView_ListsTheNumbersAndMarksOutliers()
    {
        JSInterop.SetupModule(MetricChart.ModulePath).Setup<string?>("timeZone").SetResult("UTC");
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));

        ShowTable(cut);

        var table = cut.Find("[data-testid=chart-table-cpu]");
        var headers = table.QuerySelectorAll("th").Select(h => h.TextContent.Trim()).ToArray();
        Assert.Equal(["Time", "Baseline lower", "Baseline upper", "Yesterday", "variant-a", "Outside baseline"], headers);
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(3, rows.Length);
        // Newest first: the latest minutes are what people open the table for.
        Assert.Equal(["2025-06-01 00:02:00", "2025-06-01 00:01:00", "2025-06-01 00:00:00"], rows.Select(r => r.QuerySelector("td")!.TextContent.Trim()));
        var second = rows[1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal("2025-06-01 00:01:00", second[0]);
        Assert.Equal(["11", "31", "20", "45.3"], second[1..5]);
        Assert.Contains("outside", second[5]);
        Assert.Single(table.QuerySelectorAll("[data-testid=outside-baseline]"));
        Assert.Contains("display: none", cut.Find("[data-testid=chart-cpu]").GetAttribute("style"));
    }

    [Fact]
    public void DownloadCsv_PassesFileNameAndCsvToModule()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));
        ShowTable(cut);

        cut.Find("[data-testid=chart-csv-cpu]").Click();

        var download = Assert.Single(InvocationsOf("downloadCsv"));
        Assert.Equal("cpu.csv", download.Arguments[0]);
        Assert.Equal(ChartCsv.Build(CpuModel()), download.Arguments[1]);
    }

    [Fact]
    public void BackToChartView_RedrawsWithAppendsMadeWhileHidden()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));
        ShowTable(cut);
        cut.InvokeAsync(() => cut.Instance.AppendAsync(
            [new ChartSeries("variant-a", ChartSeriesKind.Line, [new(T0 + 3 * Minute, 50)])], null));

        Assert.Empty(InvocationsOf("append")); // not sent to a hidden chart
        ShowChart(cut);

        var replace = Assert.Single(InvocationsOf("replace"));
        var line = Assert.IsType<ChartJsModel>(replace.Arguments[1]).Series.Single(s => s.Name == "variant-a");
        Assert.Equal(4, line.T.Length);
    }

    [Fact]
    public void EmptyModel_ShowsMessageAndDoesNotInitChart()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(Empty())));

        Assert.Equal("No data in this range yet", cut.Find("[data-testid=chart-empty]").TextContent.Trim());
        Assert.Contains("display: none", cut.Find("[data-testid=chart-latency]").GetAttribute("style"));
        Assert.Empty(InvocationsOf("init"));
    }

    [Fact]
    public async Task EmptyModel_FirstLivePoint_InitsChart()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(Empty())));

        await cut.InvokeAsync(() => cut.Instance.AppendAsync(
            [new ChartSeries("variant-a", ChartSeriesKind.Line, [new(T0, 3)])], null));

        Assert.Empty(cut.FindAll("[data-testid=chart-empty]"));
        var init = Assert.Single(InvocationsOf("init"));
        Assert.Equal([3d], Assert.IsType<ChartJsModel>(init.Arguments[1]).Series.Single().V);
    }

    [Fact]
    public async Task Dispose_DestroysChart()
    {
        var cut = Render<MetricChart>(p => p.Add(c => c.Feed, Feed(CpuModel())));

        await cut.Instance.DisposeAsync();

        Assert.Single(InvocationsOf("destroy"));
    }

    private static void ShowTable(IRenderedComponent<MetricChart> cut) =>
        cut.FindAll(".mud-toggle-item").Single(e => e.TextContent.Contains("Table")).Click();

    private static void ShowChart(IRenderedComponent<MetricChart> cut) =>
        cut.FindAll(".mud-toggle-item").Single(e => e.TextContent.Contains("Chart")).Click();
}
