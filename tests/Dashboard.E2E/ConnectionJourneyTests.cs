using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>An operator checks where the data comes from, what it costs, and that the connection works.</summary>
[Collection(AppCollection.Name)]
public sealed class ConnectionJourneyTests(AppFixture app)
{
    [Fact]
    public async Task ConnectionPage_TestConnection_ShowsTheCallerIdentity_ReportsBothServicesReachableAndShowsTheCost()
    {
        var (page, errors) = await app.OpenAsync("/");
        await page.GetByTestId("nav-connection").ClickAsync();

        await Expect(page.GetByTestId("connection-mode")).ToContainTextAsync("Simulated");
        await Expect(page.GetByTestId("projected-cost")).ToContainTextAsync("$");
        // Loaded on open from the simulator's STS GetCallerIdentity.
        await Expect(page.GetByTestId("caller-identity")).ToContainTextAsync("123456789012", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("caller-identity")).ToContainTextAsync("arn:aws:iam::123456789012:user/simulator");
        await page.GetByTestId("test-connection").ClickAsync();

        await Expect(page.GetByTestId("connection-check")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("connection-check").First).ToContainTextAsync("SageMaker: reachable");
        await Expect(page.GetByTestId("connection-check").Last).ToContainTextAsync("CloudWatch: reachable");
        await Expect(page.GetByTestId("connection-calls")).ToContainTextAsync("GetMetricData");
        await AppFixture.ScreenshotAsync(page, "connection.png");
        app.AssertNoErrors(errors);
    }
}
