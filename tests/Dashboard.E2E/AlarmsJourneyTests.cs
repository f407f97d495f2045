using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// An engineer adds an endpoint's recommended alarms and watches them on the Alarms page until they are evaluated,
/// opens one to see why it is in its state, and searches the state history; a manager (viewer) sees the same pages
/// without the buttons that change anything.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AlarmsJourneyTests(AppFixture app)
{
    private const string Endpoint = "pricing-ab";

    [Fact]
    public async Task Engineer_AddsRecommendedAlarms_SeesThemEvaluatedAndExplained_ThenViewerSeesNoEditButtons()
    {
        var (page, errors) = await app.OpenAsync($"/endpoints/{Endpoint}?range=1h", "engineer");
        await page.GetByTestId("recommended-alarms").ClickAsync();
        await Expect(page.GetByTestId("recommended-item").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AlarmEditorJourneyTests.TickAllAsync(page);
        await page.GetByTestId("recommended-create").ClickAsync();
        await Expect(page.GetByTestId("recommended-summary")).ToContainTextAsync("Created", new() { Timeout = 30_000 });

        await app.GoToAsync(page, $"/alarms?endpoint={Endpoint}");
        var rows = page.GetByTestId("alarm-row");
        await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.True(await rows.CountAsync() >= 4);
        await Expect(page.GetByTestId("new-alarm")).ToBeVisibleAsync();
        // Evaluated within a few cycles of the worker (every 5 s here): no alarm of the endpoint stays unevaluated.
        await Expect(page.GetByTestId("count-INSUFFICIENT_DATA")).ToContainTextAsync("· 0", new() { Timeout = 60_000 });
        await Expect(rows.First.GetByTestId("alarm-sparkline").Locator("polyline")).ToBeAttachedAsync();
        await AppFixture.ScreenshotAsync(page, "alarms-list.png");

        await rows.Locator("a", new() { HasTextRegex = new Regex("latency-p90$") }).First.ClickAsync();
        await Expect(page.GetByTestId("alarm-name")).ToContainTextAsync("latency-p90");
        await Expect(page.GetByTestId("explain-summary")).ToContainTextAsync("of 5 are needed for ALARM");
        Assert.True(await page.GetByTestId("explain-row").CountAsync() >= 5);
        await Expect(page.GetByTestId("history-row").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "alarm-detail.png");

        await app.GoToAsync(page, $"/alarms/history?endpoint={Endpoint}");
        await Expect(page.GetByTestId("history-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("history-csv").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.StartsWith("time_utc,alarm,endpoint,old_state,new_state,reason,notified", csv, StringComparison.Ordinal);
        Assert.Contains(Endpoint, csv, StringComparison.Ordinal);
        app.AssertNoErrors(errors);

        var (viewer, viewerErrors) = await app.OpenAsync($"/alarms?endpoint={Endpoint}", "viewer");
        await Expect(viewer.GetByTestId("alarm-row").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(viewer.GetByTestId("new-alarm")).ToHaveCountAsync(0);
        await viewer.GetByTestId("alarm-row").First.Locator("a").First.ClickAsync();
        await Expect(viewer.GetByTestId("alarm-name")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("edit-alarm")).ToHaveCountAsync(0);
        await Expect(viewer.GetByTestId("delete-alarm")).ToHaveCountAsync(0);
        app.AssertNoErrors(viewerErrors);
    }
}
