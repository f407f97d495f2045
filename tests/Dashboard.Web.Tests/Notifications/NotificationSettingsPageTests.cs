using Bunit;
using Dashboard.Core.Alarms;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Web.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Notifications;

public class NotificationSettingsPageTests : NotificationPageContext
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/secret-token";

    [Fact]
    public async Task Viewer_SeesWebhooksRedacted_ButNoFormOrButtons()
    {
        await Webhooks.CreateAsync(new Webhook(0, "ops-slack", SlackUrl, WebhookFormat.Slack, true), Admin, Ct);

        var cut = Render<NotificationSettingsPage>();

        var row = cut.WaitForElement("[data-testid=webhook-row]");
        Assert.Contains("ops-slack", row.TextContent);
        Assert.Contains("https://hooks.slack.com/…", row.TextContent);
        Assert.DoesNotContain("secret-token", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=webhook-form]"));
        Assert.Empty(cut.FindAll("[data-testid=webhook-add]"));
        Assert.Empty(cut.FindAll("[data-testid=webhook-delete]"));
        Assert.Empty(cut.FindAll("[data-testid=webhook-test]"));
        Assert.True(cut.Find("input[data-testid=webhook-enabled]").HasAttribute("disabled"));
    }

    [Fact]
    public void Engineer_CannotChangeSettings_NoForm()
    {
        SignInAs("erin", Role.Engineer);

        var cut = Render<NotificationSettingsPage>();

        cut.WaitForAssertion(() => Assert.Contains("No webhooks yet.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=webhook-add]"));
    }

    [Fact]
    public async Task Admin_EmptyForm_SaysWhatIsMissingAtEachFieldAndSavesNothing()
    {
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        cut.WaitForElement("[data-testid=webhook-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Give the webhook a name.", "Enter the URL to post to."], Errors(cut)));
        Assert.Empty(await Webhooks.ListAsync(Ct));
    }

    [Fact]
    public async Task Admin_BadUrlAndTakenName_ErrorsAtTheFieldsWithoutEchoingTheUrl()
    {
        await Webhooks.CreateAsync(new Webhook(0, "ops", SlackUrl, WebhookFormat.Slack, true), Admin, Ct);
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        cut.WaitForElement("input[data-testid=webhook-name]").Change("OPS");
        cut.Find("input[data-testid=webhook-url]").Change("ftp://example.com/another-secret");
        cut.Find("[data-testid=webhook-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["A webhook named 'OPS' exists already.", "The URL must start with https:// or http://."], Errors(cut)));
        Assert.DoesNotContain("another-secret", cut.Find("[data-testid=webhooks]").TextContent);
        Assert.Single(await Webhooks.ListAsync(Ct));
    }

    [Fact]
    public async Task Admin_AddsAWebhook_ListedRedactedAndAudited()
    {
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        cut.WaitForElement("input[data-testid=webhook-name]").Change("ops-slack");
        cut.Find("input[data-testid=webhook-url]").Change(SlackUrl);
        cut.Find("[data-testid=webhook-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("https://hooks.slack.com/…", cut.Find("[data-testid=webhook-row]").TextContent));
        Assert.Empty(Errors(cut));
        Assert.DoesNotContain("secret-token", cut.Markup);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'webhook.create' AND Actor = 'ada'"));
    }

    [Fact]
    public async Task Admin_DeleteAsksFirstThenDeletes()
    {
        await Webhooks.CreateAsync(new Webhook(0, "ops", SlackUrl, WebhookFormat.Generic, true), Admin, Ct);
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        cut.WaitForElement("[data-testid=webhook-delete]").Click();
        Assert.Single(await Webhooks.ListAsync(Ct));
        cut.Find("[data-testid=webhook-delete-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=webhook-row]")));
        Assert.Empty(await Webhooks.ListAsync(Ct));
    }

    [Fact]
    public async Task Admin_SendTest_ReportsTheAnswer()
    {
        await Webhooks.CreateAsync(new Webhook(0, "ops", SlackUrl, WebhookFormat.Generic, true), Admin, Ct);
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        cut.WaitForElement("[data-testid=webhook-test]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Test sent to ops: HTTP 200.", cut.Find("[data-testid=settings-message]").TextContent));
    }

    [Fact]
    public async Task DeliveryLog_NewestFirstWithStatusAndAttempts()
    {
        await Webhooks.CreateAsync(new Webhook(0, "ops", SlackUrl, WebhookFormat.Generic, true), Admin, Ct);
        await CreateAlarmAsync("churn-latency");
        await Webhooks.EnqueueAsync([await TransitionAsync("churn-latency", AlarmState.Alarm, 600)], Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Webhooks.EnqueueAsync([await TransitionAsync("churn-latency", AlarmState.Ok, 660)], Ct);
        var older = (await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct))[1];
        await Webhooks.RecordAttemptAsync(older.Id, new DeliveryAttempt(older.CreatedAt, DeliveryStatus.Failed, 404, "HTTP 404 Not Found", 0), Ct);

        var cut = Render<NotificationSettingsPage>();

        var rows = cut.WaitForElements("[data-testid=delivery-row]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("ALARM → OK", rows[0].TextContent);
        Assert.Contains("Pending", rows[0].TextContent);
        Assert.Contains("INSUFFICIENT_DATA → ALARM", rows[1].TextContent);
        Assert.Contains("Failed", rows[1].TextContent);
        Assert.Contains("HTTP 404 Not Found", rows[1].TextContent);
    }

    [Fact]
    public async Task DeliveryLog_DeploymentNotice_ShownWithItsLinkChangeAndOutcome()
    {
        await Webhooks.CreateAsync(new Webhook(0, "ops", SlackUrl, WebhookFormat.Slack, true), Admin, Ct);
        await CreateAlarmAsync("churn-latency");
        await Webhooks.EnqueueAsync([await TransitionAsync("churn-latency", AlarmState.Alarm, 600)], Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Services.GetRequiredService<IDeploymentNoticeStore>().RecordAsync([new DeploymentNotice(3, "churn-prod", "final",
            DeploymentNoticeKind.RolledBack, Time.GetUtcNow(), "Deployment #3 on churn-prod rolled back", null)], 3, deliver: true, Ct);
        var notice = (await Webhooks.DeliveriesAsync(new DeliveryFilter(), Ct))[0];
        await Webhooks.RecordAttemptAsync(notice.Id, new DeliveryAttempt(notice.CreatedAt, DeliveryStatus.Failed, 410, "HTTP 410 Gone", 0), Ct);

        var cut = Render<NotificationSettingsPage>();

        var rows = cut.WaitForElements("[data-testid=delivery-row]");
        Assert.Equal(["Deployment", "Alarm"], rows.Select(r => r.GetAttribute("data-kind")));
        Assert.Contains("Deployment #3 on churn-prod", rows[0].TextContent);
        Assert.Contains("rolled back", rows[0].TextContent);
        Assert.Contains("Failed", rows[0].TextContent);
        Assert.Contains("HTTP 410 Gone", rows[0].TextContent);
        Assert.Equal("/deployments/3", rows[0].QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("INSUFFICIENT_DATA → ALARM", rows[1].TextContent);
        Assert.Contains("Failed", cut.Find("[data-testid=webhook-row]").TextContent);
    }

    private static string[] Errors(IRenderedComponent<NotificationSettingsPage> cut) =>
        cut.FindAll(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0).ToArray();
}
