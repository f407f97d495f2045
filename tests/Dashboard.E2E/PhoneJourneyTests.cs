using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// The dashboard on a phone (390 × 844): the fleet, an endpoint and an alarm, none of them scrolling sideways, with the
/// links in the app bar's menu; and the notification bell opened by a mouse click on a laptop.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PhoneJourneyTests(AppFixture app)
{
    [Fact]
    public async Task Phone_FleetThenEndpointThenAlarm_NothingScrollsSideways()
    {
        var (page, errors) = await app.OpenAsync("/", "engineer", AppFixture.PhoneWidth);
        await Expect(page.Locator("[data-testid^=endpoint-row-]")).ToHaveCountAsync(10, new() { Timeout = 30_000 });
        // Stacked rows carry their values, not only their labels.
        await Expect(page.GetByTestId("endpoint-row-churn-prod").Locator("xpath=..").GetByTestId("p90")).ToContainTextAsync("ms");
        await AssertFitsAsync(page);
        await AppFixture.ScreenshotAsync(page, "phone-fleet.png");

        // The app bar keeps the title and the bell; the other links are in its menu.
        Assert.False(await page.GetByTestId("nav-alarms").IsVisibleAsync());
        await page.GetByTestId("phone-menu").ClickAsync();
        await Expect(page.GetByTestId("phone-signed-in")).ToContainTextAsync("engineer");
        await AppFixture.ScreenshotAsync(page, "phone-menu.png");
        await page.Keyboard.PressAsync("Escape");

        await app.GoToAsync(page, "/endpoints/pricing-ab");
        await Expect(page.GetByTestId("chart-model-latency").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // Variants read as cards with their values; the range buttons and the chart's view toggle are whole.
        await Expect(page.GetByTestId("variants").Locator("td[data-label='Traffic share']").First).ToBeVisibleAsync();
        await AssertWithinWidthAsync(page.GetByTestId("range-custom"));
        await AssertWithinWidthAsync(page.GetByTestId("metric-chart-model-latency").GetByTestId("chart-view-toggle"));
        await AssertFitsAsync(page);
        await AppFixture.ScreenshotAsync(page, "phone-endpoint.png");

        // A chart's table view scrolls inside its card instead of widening the page.
        var latency = page.GetByTestId("metric-chart-model-latency");
        await latency.GetByTestId("chart-view-toggle").GetByText("Table").ClickAsync();
        await Expect(latency.GetByTestId("chart-table-model-latency")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await AssertFitsAsync(page);
        await latency.GetByTestId("chart-view-toggle").GetByText("Chart").ClickAsync();

        await page.GetByTestId("chart-new-alarm-model-latency").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/alarms/new\\?endpoint=pricing-ab"));
        await app.GoToAsync(page, new Uri(page.Url).PathAndQuery);
        await AssertFitsAsync(page);
        await AppFixture.ScreenshotAsync(page, "phone-new-alarm.png");

        // A long unbroken value the form ignores is named in a note that wraps, not one that widens the page.
        await app.GoToAsync(page, "/alarms/new?endpoint=pricing-ab&metric=ModelLatency&variant=" + new string('v', 300));
        await Expect(page.GetByTestId("prefill-note")).ToBeVisibleAsync();
        await AssertFitsAsync(page);
        app.AssertNoErrors(errors);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task Laptop_BellClickedWithTheMouse_Opens(string user)
    {
        var (page, errors) = await app.OpenAsync("/", user);

        await page.GetByTestId("notification-bell-button").ClickAsync();

        await Expect(page.GetByText("Alarm state changes")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Mute windows" })).ToBeVisibleAsync();
        app.AssertNoErrors(errors);
    }

    private static async Task AssertWithinWidthAsync(ILocator part)
    {
        var box = await part.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= AppFixture.PhoneWidth, $"Cut at the edge: {box.X} + {box.Width} px.");
    }

    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= AppFixture.PhoneWidth, $"The page is {width} px wide on a {AppFixture.PhoneWidth} px phone.");
    }
}
