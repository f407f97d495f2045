using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>A manager or engineer opens the dashboard: the fleet, its health, and filtering.</summary>
[Collection(AppCollection.Name)]
public sealed class FleetJourneyTests(AppFixture app)
{
    [Fact]
    public async Task FleetPage_OnFirstStart_ShowsEveryEndpointWithHealthAndRedNumbers()
    {
        var (page, errors) = await app.OpenAsync("/");

        var rows = page.Locator("[data-testid^=endpoint-row-]");
        await Expect(rows).ToHaveCountAsync(10, new() { Timeout = 30_000 });
        // RED numbers appear once the newest window of the backfill is stored.
        await Expect(page.Locator("[data-testid=endpoint-row-churn-prod]").Locator("xpath=..").GetByTestId("p90"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ ms"), new() { Timeout = 60_000 });

        var counts = 0;
        foreach (var level in new[] { "healthy", "degraded", "critical" })
        {
            counts += int.Parse(await page.GetByTestId($"health-{level}-count").InnerTextAsync());
        }
        Assert.Equal(10, counts);
        // The simulated fleet has a 5XX burst in progress, so the summary explains at least one problem.
        await Expect(page.GetByTestId("health-reasons")).ToContainTextAsync("search-embeddings", new() { Timeout = 60_000 });

        await AppFixture.ScreenshotAsync(page, "fleet.png");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task FleetPage_FilterByName_KeepsMatchingRowsAndPutsTheFilterInTheUrl()
    {
        var (page, errors) = await app.OpenAsync("/");
        await Expect(page.Locator("[data-testid^=endpoint-row-]")).ToHaveCountAsync(10, new() { Timeout = 30_000 });

        await page.GetByTestId("name-filter").FillAsync("fraud");

        await Expect(page.Locator("[data-testid^=endpoint-row-]")).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"\?q=fraud"));
        await AppFixture.ReloadAsync(page);
        await Expect(page.Locator("[data-testid^=endpoint-row-]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task FleetPage_FilterByStatus_ShowsOnlyThatStatus()
    {
        var (page, errors) = await app.OpenAsync("/?status=Updating");

        await Expect(page.Locator("[data-testid^=endpoint-row-]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("endpoint-row-image-moderation")).ToBeVisibleAsync();
        app.AssertNoErrors(errors);
    }
}
