using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// The engineer's drift journey on the embedded fleet: credit-risk's drift tab puts the broken feature first (`channel`,
/// which gained a category its Model Monitor baseline never saw and then lost values), its distribution shows the new
/// category, and quality against ground truth is marked as fallen below the baseline.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DriftJourneyTests(AppFixture app)
{
    [Fact]
    public async Task EngineerOpensDriftingEndpoint_FindsBrokenFeature_SeesQualityFalling()
    {
        var (engineer, errors) = await app.OpenAsync("/endpoints/credit-risk", "engineer");
        await engineer.GetByTestId("tab-drift").ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("/endpoints/credit-risk/drift$"));

        // The drift reader fills the tab within its first rounds after start.
        var rows = engineer.GetByTestId("drift-row");
        await Expect(rows.First).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var channel = engineer.Locator("[data-testid=drift-row][data-feature=channel]");
        await Expect(channel.GetByTestId("drift-score")).ToContainTextAsync("▲", new() { Timeout = 120_000 });
        await Expect(channel.GetByTestId("drift-domain")).ToHaveClassAsync(new Regex("drift-over"));
        await Expect(channel.GetByTestId("drift-missing")).ToHaveClassAsync(new Regex("drift-over"));
        await Expect(engineer.GetByTestId("drift-baseline-text")).ToContainTextAsync("Model Monitor");

        await channel.GetByTestId("drift-feature-link").ClickAsync();
        await Expect(engineer).ToHaveURLAsync(new Regex("feature=channel"));
        await Expect(engineer.GetByTestId("drift-detail")).ToContainTextAsync("channel");
        await Expect(engineer.GetByTestId("drift-distribution")).ToContainTextAsync("partner_api");

        var accuracy = engineer.Locator("[data-testid=quality-row][data-metric=accuracy]");
        await Expect(accuracy).ToContainTextAsync("▼", new() { Timeout = 120_000 });
        await Expect(engineer.GetByTestId("quality-constant")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(engineer, "drift-credit-risk.png");
        Assert.Empty(errors);
    }
}
