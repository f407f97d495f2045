using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Storage.Tests.Notifications.NotificationTestData;

namespace Dashboard.Storage.Tests.Notifications;

public class WebhookStoreTests
{
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/secret-token";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_ThenList_ShowsTheRedactedUrlOnly()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);

        var created = await store.CreateAsync(Hook("ops-slack", SlackUrl, WebhookFormat.Slack), Admin, Ct);

        var listed = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal("ops-slack", listed.Name);
        Assert.Equal("https://hooks.slack.com/…", listed.RedactedUrl);
        Assert.Equal(WebhookFormat.Slack, listed.Format);
        Assert.True(listed.Enabled);
        Assert.Null(listed.LastStatus);
        Assert.Equal(SlackUrl, (await store.FindAsync(created.Id, Ct))!.Url);
    }

    [Fact]
    public async Task CreateAsync_AuditRecordHoldsTheRedactedUrlNeverTheToken()
    {
        await using var db = await TempDatabase.CreateAsync();

        await Store(db).CreateAsync(Hook("ops-slack", SlackUrl), Admin, Ct);

        Assert.Equal(1, await db.ScalarAsync(
            "SELECT count(*) FROM AuditRecords WHERE Action = 'webhook.create' AND Target = 'ops-slack' AND Actor = 'ada' AND After LIKE '%https://hooks.slack.com/…%'"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE After LIKE '%secret-token%' OR After LIKE '%/services/%'"));
    }

    [Fact]
    public async Task CreateAsync_AuditFails_WebhookNotStored()
    {
        await using var db = await TempDatabase.CreateAsync();
        await BreakAuditAsync(db);

        await Assert.ThrowsAnyAsync<Exception>(() => Store(db).CreateAsync(Hook("ops", SlackUrl), Admin, Ct));

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Webhooks"));
    }

    [Fact]
    public async Task CreateAsync_Engineer_RefusedBecauseWebhooksAreSettings()
    {
        await using var db = await TempDatabase.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Store(db).CreateAsync(Hook("ops", SlackUrl), Engineer, Ct));

        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Webhooks"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task CreateAsync_NameTakenIgnoringCaseAndBadUrl_FieldErrorsAndNothingWritten()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        await store.CreateAsync(Hook("Ops", SlackUrl), Admin, Ct);

        var refused = await Assert.ThrowsAsync<WebhookValidationException>(() => store.CreateAsync(Hook(" ops ", "ftp://example.com/x"), Admin, Ct));

        Assert.Equal(["Name", "Url"], refused.Errors.Select(e => e.Field));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM Webhooks"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task SetEnabledAsync_AuditsBeforeAndAfterAndDisabledGetsNothingQueued()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var on = await store.CreateAsync(Hook("on", SlackUrl), Admin, Ct);
        var off = await store.CreateAsync(Hook("off", "https://example.com/hook?token=abc"), Admin, Ct);

        await store.SetEnabledAsync(off.Id, false, Admin, Ct);
        var queued = await store.EnqueueAsync([await TransitionAsync(db)], Ct);

        Assert.Equal(1, queued);
        Assert.Equal(on.Id, Assert.Single(await store.DeliveriesAsync(new DeliveryFilter(), Ct)).WebhookId);
        Assert.Equal(1, await db.ScalarAsync(
            "SELECT count(*) FROM AuditRecords WHERE Action = 'webhook.update' AND Target = 'off' AND Before LIKE '%\"enabled\":true%' AND After LIKE '%\"enabled\":false%' AND After NOT LIKE '%token%'"));
    }

    [Fact]
    public async Task SetEnabledAsync_Engineer_RefusedAndUnchanged()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var hook = await store.CreateAsync(Hook("ops", SlackUrl), Admin, Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.SetEnabledAsync(hook.Id, false, Engineer, Ct));

        Assert.True(Assert.Single(await store.ListAsync(Ct)).Enabled);
    }

    [Fact]
    public async Task EnqueueAsync_OnePerEnabledWebhook_MutedNone_NoneTwice()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        await store.CreateAsync(Hook("one", SlackUrl), Admin, Ct);
        await store.CreateAsync(Hook("two", "https://example.com/two"), Admin, Ct);
        var transition = await TransitionAsync(db, asOf: 600);
        var muted = await TransitionAsync(db, asOf: 660, mutedBy: "Mute window 1");

        Assert.Equal(2, await store.EnqueueAsync([transition, muted], Ct));
        Assert.Equal(0, await store.EnqueueAsync([transition], Ct));

        var log = await store.DeliveriesAsync(new DeliveryFilter(), Ct);
        Assert.Equal(2, log.Count);
        Assert.All(log, d => Assert.Equal(transition.Id, d.Transition?.Id));
        Assert.All(log, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
    }

    [Fact]
    public async Task DueAndRecordAttempt_FollowTheRetrySchedule_LogNewestFirst()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var hook = await store.CreateAsync(Hook("ops", SlackUrl), Admin, Ct);
        var first = await TransitionAsync(db, asOf: 600);
        await store.EnqueueAsync([first], Ct);
        var now = Now;

        var due = Assert.Single(await store.DueAsync(now, 10, Ct));
        Assert.Equal(SlackUrl, due.Webhook.Url);
        Assert.Equal("a1", due.Transition?.AlarmName);
        Assert.Equal(0, due.Attempts);
        await store.RecordAttemptAsync(due.Id, new DeliveryAttempt(now, DeliveryStatus.Pending, 503, "HTTP 503", now + 30), Ct);

        Assert.Empty(await store.DueAsync(now + 29, 10, Ct));
        Assert.Equal(1, Assert.Single(await store.DueAsync(now + 30, 10, Ct)).Attempts);
        await store.RecordAttemptAsync(due.Id, new DeliveryAttempt(now + 30, DeliveryStatus.Delivered, 200, null, now + 30), Ct);
        Assert.Empty(await store.DueAsync(now + 3600, 10, Ct));

        var second = await TransitionAsync(db, asOf: 660);
        await store.EnqueueAsync([second], Ct);
        var log = await store.DeliveriesAsync(new DeliveryFilter(), Ct);
        Assert.Equal([second.Id, first.Id], log.Select(d => d.Transition!.Id));
        var delivered = log[1];
        Assert.Equal((DeliveryStatus.Delivered, 2, 200, (string?)null), (delivered.Status, delivered.Attempts, delivered.LastStatusCode, delivered.LastError));
        Assert.Equal("ops", delivered.WebhookName);
        Assert.Single(await store.DeliveriesAsync(new DeliveryFilter { Status = DeliveryStatus.Pending, WebhookId = hook.Id }, Ct));
    }

    [Fact]
    public async Task DueAsync_DisabledWebhook_WaitsUntilEnabled()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var hook = await store.CreateAsync(Hook("ops", SlackUrl), Admin, Ct);
        await store.EnqueueAsync([await TransitionAsync(db)], Ct);

        await store.SetEnabledAsync(hook.Id, false, Admin, Ct);
        Assert.Empty(await store.DueAsync(Now, 10, Ct));
        await store.SetEnabledAsync(hook.Id, true, Admin, Ct);
        Assert.Single(await store.DueAsync(Now, 10, Ct));
    }

    [Fact]
    public async Task ListAsync_ShowsTheNewestAttempt()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        await store.CreateAsync(Hook("ops", SlackUrl), Admin, Ct);
        await store.EnqueueAsync([await TransitionAsync(db)], Ct);
        var due = Assert.Single(await store.DueAsync(Now, 10, Ct));

        await store.RecordAttemptAsync(due.Id, new DeliveryAttempt(Now, DeliveryStatus.Failed, 404, "HTTP 404 Not Found", Now), Ct);

        var listed = Assert.Single(await store.ListAsync(Ct));
        Assert.Equal((DeliveryStatus.Failed, 404, "HTTP 404 Not Found"), (listed.LastStatus, listed.LastStatusCode, listed.LastError));
    }

    [Fact]
    public async Task DeleteAsync_RemovesTheWebhookAndItsLogAndAudits()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var hook = await store.CreateAsync(Hook("ops", SlackUrl), Admin, Ct);
        await store.EnqueueAsync([await TransitionAsync(db)], Ct);

        await store.DeleteAsync(hook.Id, Admin, Ct);

        Assert.Empty(await store.ListAsync(Ct));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Deliveries"));
        Assert.Equal(1, await db.ScalarAsync(
            "SELECT count(*) FROM AuditRecords WHERE Action = 'webhook.delete' AND Target = 'ops' AND Before LIKE '%hooks.slack.com/…%' AND Before NOT LIKE '%secret-token%'"));
    }

    [Fact]
    public async Task DeleteAsync_Viewer_RefusedAndKept()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = Store(db);
        var hook = await store.CreateAsync(Hook("ops", SlackUrl), Admin, Ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => store.DeleteAsync(hook.Id, Viewer, Ct));

        Assert.Single(await store.ListAsync(Ct));
    }

    private static IWebhookStore Store(TempDatabase db) => db.Services.GetRequiredService<IWebhookStore>();

    private static Webhook Hook(string name, string url, WebhookFormat format = WebhookFormat.Generic) => new(0, name, url, format, true);
}
