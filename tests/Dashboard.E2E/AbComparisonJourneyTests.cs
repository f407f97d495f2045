using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>An engineer asks whether the A/B test's new variant is better, on the simulated fleet's pricing-ab.</summary>
[Collection(AppCollection.Name)]
public sealed class AbComparisonJourneyTests(AppFixture app)
{
    [Theory]
    [InlineData(AppFixture.DesktopWidth)]
    [InlineData(AppFixture.PhoneWidth)]
    public async Task EndpointPage_TwoVariants_ShowsTheAbVerdictWithItsNumbers(int width)
    {
        var (page, errors) = await app.OpenAsync("/endpoints/pricing-ab", "engineer", width);

        var card = page.GetByTestId("ab-card");
        await Expect(card).ToContainTextAsync(new Regex(@"A/B: is Variant[AB] better than Variant[AB]\?"), new() { Timeout = 60_000 });
        // The control is the variant with the larger weight: VariantA as the scenario starts, VariantB once the traffic
        // journey (same app) has moved the split. The scenario's VariantB is slower (26.5 ms against 21 ms a call).
        if ((await card.TextContentAsync())!.Contains("is VariantB better than VariantA?", StringComparison.Ordinal))
        {
            await Expect(card.GetByTestId("ab-verdict")).ToHaveTextAsync("Fail");
            await Expect(card.GetByTestId("ab-summary")).ToContainTextAsync(new Regex("p90 latency .* slower"));
        }
        else
        {
            await Expect(card.GetByTestId("ab-verdict")).ToHaveTextAsync("Pass");
            await Expect(card.GetByTestId("ab-summary")).ToContainTextAsync("VariantA is not worse than VariantB");
        }
        await Expect(card.GetByTestId("ab-rules")).ToContainTextAsync("Mann–Whitney");
        await AppFixture.ScreenshotAsync(card, $"ab-card-{width}.png");

        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= width, $"The page is {pageWidth} px wide on a {width} px screen.");

        // A shorter range is compared over its own window.
        await page.GetByTestId("range-1h").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("range=1h"), new() { Timeout = 30_000 });
        await Expect(card.GetByTestId("ab-minutes")).ToContainTextAsync(new Regex(@"Minutes with traffic\s*[56]\d\s*[56]\d"), new() { Timeout = 30_000 });
        await AppFixture.ScreenshotAsync(page, $"endpoint-pricing-ab-ab-{width}.png");
        app.AssertNoErrors(errors);
    }
}
