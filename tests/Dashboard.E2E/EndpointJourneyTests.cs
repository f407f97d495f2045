using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>An ML engineer investigates one endpoint: charts against baselines, time range, table and CSV, live points.</summary>
[Collection(AppCollection.Name)]
public sealed class EndpointJourneyTests(AppFixture app)
{
    [Fact]
    public async Task EndpointPage_FromFleet_ShowsChartsWithBaselineBandAndCeiling()
    {
        var (page, errors) = await app.OpenAsync("/");
        await page.GetByTestId("endpoint-row-churn-prod").GetByRole(AriaRole.Link).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/endpoints/churn-prod$"));
        await Expect(page.GetByTestId("endpoint-name")).ToHaveTextAsync("churn-prod");
        foreach (var chart in new[] { "cpu", "memory", "disk", "model-latency", "overhead-latency", "invocations", "invocations-per-instance", "errors", "error-rate" })
        {
            await Expect(page.GetByTestId($"chart-{chart}").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        }
        // The baseline band is a range area; the CPU chart marks the instance's ceiling (ml.m5.xlarge: 4 vCPU = 400 %).
        await Expect(page.GetByTestId("chart-model-latency").Locator(".apexcharts-rangeArea-series path").First).ToBeAttachedAsync(new() { Timeout = 60_000 });
        // The ceiling is listed above the chart, grey; the axis stretches to it only when the line comes near it.
        await Expect(page.GetByTestId("chart-refs-cpu")).ToContainTextAsync("400 %");
        await Expect(page.GetByTestId("baseline-description")).ToContainTextAsync("median");
        Assert.Equal(0, await page.GetByTestId("metric-chart-model-latency").GetByTestId("baseline-rule").CountAsync());
        Assert.Equal(0, await page.GetByTestId("chart-gpu").CountAsync());

        await AppFixture.ScreenshotAsync(page, "endpoint-churn-prod.png");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task EndpointPage_GpuEndpointWithTwoVariants_ShowsGpuChartsAndPerVariantSeries()
    {
        var (page, errors) = await app.OpenAsync("/endpoints/recsys-ranker");
        await Expect(page.GetByTestId("chart-gpu").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("chart-gpu-memory").Locator("svg.apexcharts-svg")).ToBeVisibleAsync();

        var (ab, abErrors) = await app.OpenAsync("/endpoints/pricing-ab");
        await Expect(ab.GetByTestId("chart-invocations").Locator(".apexcharts-legend")).ToContainTextAsync("VariantA", new() { Timeout = 60_000 });
        await Expect(ab.GetByTestId("chart-invocations").Locator(".apexcharts-legend")).ToContainTextAsync("VariantB");
        await AppFixture.ScreenshotAsync(ab, "endpoint-pricing-ab.png");
        app.AssertNoErrors(errors);
        app.AssertNoErrors(abErrors);
    }

    [Fact]
    public async Task TimeRange_Changed_IsInTheUrlAndAReloadReproducesIt()
    {
        var (page, errors) = await app.OpenAsync("/endpoints/llm-summarizer");
        await Expect(page.GetByTestId("chart-model-latency").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await page.GetByTestId("range-7d").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"range=7d"), new() { Timeout = 30_000 });
        // Seven days of every panel take a while on a loaded machine: choose the overlay once they are drawn, as a person would.
        await Expect(page.GetByTestId("range-7d")).ToHaveClassAsync(new Regex("mud-button-filled"), new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("chart-model-latency").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByTestId("compare-select").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Yesterday" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"compare=day"), new() { Timeout = 30_000 });

        await AppFixture.ReloadAsync(page);
        await Expect(page.GetByTestId("range-7d")).ToHaveClassAsync(new Regex("mud-button-filled"));
        await Expect(page.GetByTestId("chart-model-latency").Locator(".apexcharts-legend")).ToContainTextAsync("yesterday", new() { Timeout = 60_000 });
        await AppFixture.ScreenshotAsync(page, "endpoint-llm-7d.png");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task TeamBaseline_PinnedByAnEngineer_IsWhatAViewerSeesUntilUnpinned()
    {
        // Yesterday's working hours, pinned for the whole team (no other journey opens this endpoint).
        var day = DateTime.UtcNow.Date.AddDays(-1);
        var window = $"pinFrom={day.AddHours(8):yyyy-MM-ddTHH:mm:ssZ}&pinTo={day.AddHours(20):yyyy-MM-ddTHH:mm:ssZ}";
        var (engineer, errors) = await app.OpenAsync($"/endpoints/demand-forecast?{window}", "engineer");
        await engineer.GetByTestId("pin-note").FillAsync("Normal weekday before the promotion");
        await engineer.GetByTestId("pin-note").PressAsync("Tab");
        await engineer.GetByTestId("pin-for-everyone").ClickAsync();
        await Expect(engineer.GetByTestId("use-seasonal")).ToBeVisibleAsync();

        var (viewer, viewerErrors) = await app.OpenAsync("/endpoints/demand-forecast", "viewer");
        await Expect(viewer.GetByTestId("baseline-description")).ToContainTextAsync("the team's, pinned by engineer", new() { Timeout = 60_000 });
        await Expect(viewer.GetByTestId("team-pin")).ToContainTextAsync("Compared with the team's baseline");
        await Expect(viewer.GetByTestId("team-pin")).ToContainTextAsync("Normal weekday before the promotion");
        await Expect(viewer.GetByTestId("baseline-description")).ToContainTextAsync("Pinned window");
        await Expect(viewer.GetByTestId("unpin")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("chart-model-latency").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await AppFixture.ScreenshotAsync(viewer, "endpoint-team-baseline.png");

        // Seasonal instead is part of the URL, so a reload (or a shared link) keeps it; the card leads back.
        await viewer.GetByTestId("use-seasonal").ClickAsync();
        await Expect(viewer).ToHaveURLAsync(new Regex("baseline=seasonal"));
        await AppFixture.ReloadAsync(viewer);
        await Expect(viewer.GetByTestId("baseline-description")).ToContainTextAsync("seasonal, chosen instead of the team's", new() { Timeout = 60_000 });
        await viewer.GetByTestId("use-team-pin").ClickAsync();
        await Expect(viewer).ToHaveURLAsync(new Regex("/endpoints/demand-forecast[?]range=24h$"));
        await Expect(viewer.GetByTestId("baseline-description")).ToContainTextAsync("the team's, pinned by engineer", new() { Timeout = 60_000 });

        // Unpinning (also the clean-up: the app is shared) puts the page back on seasonal without a reload.
        await app.GoToAsync(engineer, "/endpoints/demand-forecast");
        await engineer.EvaluateAsync("() => { window.__notReloaded = true; }");
        await engineer.GetByTestId("unpin").ClickAsync();
        await Expect(engineer.GetByTestId("baseline-description")).ToContainTextAsync("Same hour of the day", new() { Timeout = 60_000 });
        await Expect(engineer.GetByTestId("baseline-pin")).ToHaveCountAsync(0);
        Assert.True(await engineer.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        app.AssertNoErrors(errors);
        app.AssertNoErrors(viewerErrors);
    }

    [Fact]
    public async Task CustomRange_WithEndBeforeStart_SaysSoAtTheField()
    {
        var (page, errors) = await app.OpenAsync("/endpoints/churn-prod");
        await page.GetByTestId("range-custom").ClickAsync();
        await page.GetByTestId("window-from").FillAsync("2026-11-20T10:00");
        await page.GetByTestId("window-to").FillAsync("2026-11-19T10:00");
        await page.GetByTestId("window-apply").ClickAsync();

        await Expect(page.GetByText("Must be after the start.")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/endpoints/churn-prod$"));
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task TableView_ShowsTheNumbersAndDownloadsCsv()
    {
        var (page, errors) = await app.OpenAsync("/endpoints/churn-prod?range=1h");
        var card = page.GetByTestId("metric-chart-invocations");
        await Expect(page.GetByTestId("chart-invocations").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });

        await card.GetByTestId("chart-view-toggle").GetByText("Table", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("chart-table-invocations").Locator("tbody tr").First).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("chart-csv-invocations").ClickAsync());
        var path = Path.Combine(AppFixture.ArtifactsDir, download.SuggestedFilename);
        await download.SaveAsAsync(path);

        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal("invocations.csv", download.SuggestedFilename);
        Assert.StartsWith("time", lines[0], StringComparison.OrdinalIgnoreCase);
        Assert.True(lines.Length > 10, $"expected an hour of minutes, got {lines.Length} lines");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task UnknownEndpoint_ShowsNotFound()
    {
        var (page, errors) = await app.OpenAsync("/endpoints/no-such-endpoint");

        await Expect(page.GetByTestId("endpoint-not-found")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("endpoint-not-found")).ToContainTextAsync("no-such-endpoint");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task OpenPage_WhenANewMinuteIsCollected_AppendsThePointWithoutReload()
    {
        var (page, errors) = await app.OpenAsync("/endpoints/churn-prod?range=1h");
        var line = page.GetByTestId("chart-invocations").Locator(".apexcharts-line-series path.apexcharts-line").First;
        await Expect(line).ToBeAttachedAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync("() => { window.__notReloaded = true; }");
        var before = await line.GetAttributeAsync("d");

        // A new minute completes within 60 s and is polled every 5 s in this run; the drawn line then changes.
        await page.WaitForFunctionAsync(
            "before => document.querySelector('[data-testid=chart-invocations] .apexcharts-line-series path.apexcharts-line')?.getAttribute('d') !== before",
            before, new() { Timeout = 100_000, PollingInterval = 1000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        app.AssertNoErrors(errors);
    }
}
