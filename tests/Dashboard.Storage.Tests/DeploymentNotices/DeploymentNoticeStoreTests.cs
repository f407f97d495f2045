using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Storage.Tests.Notifications.NotificationTestData;

namespace Dashboard.Storage.Tests.DeploymentNotices;

public sealed class DeploymentNoticeStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IDeploymentNoticeStore Notices(TempDatabase db) => db.Services.GetRequiredService<IDeploymentNoticeStore>();

    private static DeploymentNotice Notice(long deployment, string key, DeploymentNoticeKind kind = DeploymentNoticeKind.StepReached) =>
        new(deployment, "churn-prod", key, kind, Now, $"Deployment #{deployment} on churn-prod: {key}", "detail");

    private static async Task<long> WebhookAsync(TempDatabase db, string name, bool enabled = true)
    {
        var store = db.Services.GetRequiredService<IWebhookStore>();
        var hook = await store.CreateAsync(new Webhook(0, name, $"https://hooks.slack.com/services/{name}", WebhookFormat.Slack, true), Admin, Ct);
        if (!enabled)
        {
            await store.SetEnabledAsync(hook.Id, false, Admin, Ct);
        }
        return hook.Id;
    }

    [Fact]
    public async Task Watermark_NoneUntilTheFirstRoundThenKeptAcrossRestarts()
    {
        var folder = TempDatabase.NewFolder();
        await using (var db = await TempDatabase.OpenAsync(folder, deleteOnDispose: false))
        {
            Assert.Null(await Notices(db).WatermarkAsync(Ct));
            await Notices(db).RecordAsync([], 0, deliver: false, Ct);
            Assert.Equal(0, await Notices(db).WatermarkAsync(Ct));
            await Notices(db).RecordAsync([Notice(7, "proposed")], 7, deliver: true, Ct);
        }
        await using var reopened = await TempDatabase.OpenAsync(folder, deleteOnDispose: true);

        Assert.Equal(7, await Notices(reopened).WatermarkAsync(Ct));
        Assert.Empty(await Notices(reopened).RecordAsync([Notice(7, "proposed")], 7, deliver: true, Ct));
        Assert.Single(await Notices(reopened).RecentAsync(10, Ct));
    }

    [Fact]
    public async Task RecordAsync_SameNoticeTwice_StoredAndQueuedOnce()
    {
        await using var db = await TempDatabase.CreateAsync();
        await WebhookAsync(db, "ops");
        await WebhookAsync(db, "team");
        await WebhookAsync(db, "off", enabled: false);

        var first = await Notices(db).RecordAsync([Notice(3, "proposed", DeploymentNoticeKind.Proposed), Notice(3, "step:1")], 3, deliver: true, Ct);
        var second = await Notices(db).RecordAsync([Notice(3, "proposed", DeploymentNoticeKind.Proposed), Notice(3, "step:1"), Notice(3, "final", DeploymentNoticeKind.RolledBack)],
            4, deliver: true, Ct);

        Assert.Equal(["proposed", "step:1"], first.Select(n => n.Key));
        Assert.All(first, n => Assert.True(n.Id > 0));
        Assert.Equal(["final"], second.Select(n => n.Key));
        Assert.Equal(3, await db.ScalarAsync("SELECT count(*) FROM DeploymentNotices"));
        Assert.Equal(6, await db.ScalarAsync("SELECT count(*) FROM Deliveries WHERE Kind = 'Deployment' AND NoticeId IS NOT NULL"));
        Assert.Equal(4, await Notices(db).WatermarkAsync(Ct));
    }

    [Fact]
    public async Task RecordAsync_NotDelivering_StoresWithoutQueueing()
    {
        await using var db = await TempDatabase.CreateAsync();
        await WebhookAsync(db, "ops");

        await Notices(db).RecordAsync([Notice(3, "proposed")], 3, deliver: false, Ct);

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM DeploymentNotices"));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM Deliveries"));
    }

    [Fact]
    public async Task DueAsync_AlarmAndDeploymentDeliveries_OneQueueThenOneLogWithTheirOutcomes()
    {
        await using var db = await TempDatabase.CreateAsync();
        var hook = await WebhookAsync(db, "ops");
        var webhooks = db.Services.GetRequiredService<IWebhookStore>();
        var transition = await TransitionAsync(db);
        await webhooks.EnqueueAsync([transition], Ct);
        await Notices(db).RecordAsync([Notice(3, "final", DeploymentNoticeKind.RolledBack)], 4, deliver: true, Ct);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3600;

        var due = await webhooks.DueAsync(now, 10, Ct);
        Assert.Equal(2, due.Count);
        var notice = Assert.Single(due, d => d.Notice is not null);
        Assert.Equal((hook, DeploymentNoticeKind.RolledBack, "Deployment #3 on churn-prod: final", (AlarmTransition?)null, 0),
            (notice.Webhook.Id, notice.Notice!.Kind, notice.Notice.Headline, notice.Transition, notice.Attempts));
        Assert.Equal(transition.Id, Assert.Single(due, d => d.Notice is null).Transition?.Id);
        await webhooks.RecordAttemptAsync(notice.Id, new DeliveryAttempt(now, DeliveryStatus.Failed, 404, "HTTP 404 Not Found", now), Ct);

        Assert.Equal(transition.Id, Assert.Single(await webhooks.DueAsync(now, 10, Ct)).Transition?.Id);
        var log = await webhooks.DeliveriesAsync(new DeliveryFilter(), Ct);
        var logged = Assert.Single(log, d => d.Kind == DeliveryKind.Deployment);
        Assert.Equal((3L, DeliveryStatus.Failed, 1, 404, "HTTP 404 Not Found"),
            (logged.Notice!.DeploymentId, logged.Status, logged.Attempts, logged.LastStatusCode, logged.LastError));
        Assert.Equal(DeliveryKind.Alarm, Assert.Single(log, d => d.Notice is null).Kind);
        Assert.Equal(DeliveryStatus.Failed, Assert.Single(await webhooks.ListAsync(Ct)).LastStatus);
    }

    [Fact]
    public async Task ListFromAsync_DeploymentsFromTheIdOnOldestFirst()
    {
        await using var db = await TempDatabase.CreateAsync();
        var store = db.Services.GetRequiredService<IDeploymentStore>();
        var ids = new List<long>();
        foreach (var endpoint in new[] { "churn-prod", "fraud", "pricing" })
        {
            var plan = new DeploymentPlan(endpoint, DeploymentStrategy.AllAtOnce, [new VariantTarget("AllTraffic", "m")], []);
            ids.Add((await store.AddAsync(new Deployment(0, plan, "why", DeploymentStatus.Proposed, "erin", Now, DeploymentTimeline.Steps(plan, 1)),
                AuditActions.DeploymentPropose, new Actor("erin", new HashSet<Role> { Role.Engineer }), Ct)).Id);
        }

        var listed = await store.ListFromAsync(ids[1], 10, Ct);

        Assert.Equal(ids[1..], listed.Select(d => d.Id));
        Assert.Equal(2, listed[0].Steps.Count);
    }
}
