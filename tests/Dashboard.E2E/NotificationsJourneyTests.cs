using System.Globalization;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// An engineer mutes an endpoint's alarms for a maintenance window (a wrong window is refused at its field); an
/// administrator is refused a webhook to the cloud metadata service, adds one whose URL carries a token, sees it shown
/// redacted, and sends a test that fails plainly.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NotificationsJourneyTests(AppFixture app)
{
    [Fact]
    public async Task Engineer_AddsAMuteWindow_AfterTheWrongOneIsRefusedAtItsField()
    {
        var (page, errors) = await app.OpenAsync("/alarms/mutes", "engineer");
        var from = DateTime.UtcNow.AddHours(1);
        await page.Locator("input[data-testid=mute-endpoint]").FillAsync("llm-summarizer");
        await page.Locator("input[data-testid=mute-reason]").FillAsync("GPU driver patching");
        await page.Locator("input[data-testid=mute-from]").FillAsync(Utc(from));
        await page.Locator("input[data-testid=mute-to]").FillAsync(Utc(from.AddHours(-2)));
        await page.GetByTestId("mute-add").ClickAsync();
        await Expect(page.GetByTestId("mute-form")).ToContainTextAsync("after", new() { Timeout = 15_000 });
        Assert.Equal(0, await page.GetByTestId("mute-row").CountAsync());

        await page.Locator("input[data-testid=mute-to]").FillAsync(Utc(from.AddHours(2)));
        await page.GetByTestId("mute-add").ClickAsync();
        await Expect(page.GetByTestId("mute-row").First).ToContainTextAsync("llm-summarizer", new() { Timeout = 15_000 });
        await AppFixture.ScreenshotAsync(page, "mute-windows.png");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task Admin_AddsAWebhook_ItsTokenIsNeverShown_AndATestSendFailsPlainly()
    {
        var (page, errors) = await app.OpenAsync("/settings/notifications", "admin");
        await page.Locator("input[data-testid=webhook-name]").FillAsync("ops-e2e");
        // The cloud metadata service, written as one number: refused at the field, nothing added.
        await page.Locator("input[data-testid=webhook-url]").FillAsync("http://2852039166/latest/meta-data/");
        await page.GetByTestId("webhook-add").ClickAsync();
        await Expect(page.GetByTestId("webhook-form")).ToContainTextAsync("169.254.169.254, a link-local address (the cloud metadata service)",
            new() { Timeout = 15_000 });
        var row = page.GetByTestId("webhook-row").Filter(new() { HasText = "ops-e2e" });
        Assert.Equal(0, await row.CountAsync());

        // Loopback is allow-listed in this app's configuration (AppFixture).
        await page.Locator("input[data-testid=webhook-url]").FillAsync("http://127.0.0.1:9/hooks/T000/B000/very-secret-token");
        await page.GetByTestId("webhook-add").ClickAsync();
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.DoesNotContain("very-secret-token", await page.ContentAsync(), StringComparison.Ordinal);

        await row.GetByTestId("webhook-test").ClickAsync();
        await Expect(page.GetByTestId("settings-message")).ToContainTextAsync("Test to ops-e2e failed: no connection.", new() { Timeout = 30_000 });
        Assert.DoesNotContain("very-secret-token", await page.ContentAsync(), StringComparison.Ordinal);
        await AppFixture.ScreenshotAsync(page, "notification-settings.png");
        app.AssertNoErrors(errors);
    }

    private static string Utc(DateTime time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
