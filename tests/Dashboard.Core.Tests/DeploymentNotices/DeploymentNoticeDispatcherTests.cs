using System.Text.Json;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Core.Tests.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.DeploymentNotices.DeploymentSamples;

namespace Dashboard.Core.Tests.DeploymentNotices;

public sealed class DeploymentNoticeDispatcherTests
{
    private static readonly DeploymentNotice RolledBack = new(3, "churn-prod", "final", DeploymentNoticeKind.RolledBack, Start.AddMinutes(30),
        "Deployment #3 on churn-prod rolled back", "SageMaker rolled back to churn-prod-config-v7: churn-prod-5xx-rate <went> to ALARM");

    private readonly InMemoryNoticeStore _store = new();
    private readonly FakeTimeProvider _time = new(Start.AddHours(1));
    private readonly IOptions<NotificationOptions> _options = Options.Create(new NotificationOptions { DashboardBaseUrl = "https://dash.example.com/" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DeploymentNoticeDispatcher Dispatcher(IWebhookSender sender) =>
        new(_store, sender, new WebhookDispatcher(new InMemoryWebhookStore(), sender, new DeliverySignal(), _options, _time, NullLogger<WebhookDispatcher>.Instance),
            new DeploymentNoticeSignal(), _options, _time, NullLogger<DeploymentNoticeDispatcher>.Instance);

    [Fact]
    public async Task DispatchDueAsync_Slack_HeadlineOutcomeAndLinkToTheDeployment()
    {
        await _store.RecordAsync([RolledBack], 4, deliver: true, Ct);
        var sender = new ScriptedSender();

        Assert.Equal(1, await Dispatcher(sender).DispatchDueAsync(Ct));

        using var body = JsonDocument.Parse(Assert.Single(sender.Sent).Body);
        Assert.Equal(":red_circle: Deployment #3 on churn-prod rolled back", body.RootElement.GetProperty("text").GetString());
        var details = body.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString();
        Assert.Contains("churn-prod-5xx-rate &lt;went&gt; to ALARM", details);
        Assert.Contains("<https://dash.example.com/deployments/3|Open deployment #3 in the dashboard>", details);
        Assert.Equal(DeliveryStatus.Delivered, _store.Attempts[1].Single().Status);
        Assert.Equal(0, await Dispatcher(sender).DispatchDueAsync(Ct));
    }

    [Fact]
    public async Task DispatchDueAsync_ReceiverFails_RetriedLaterAsAlarmDeliveriesAre()
    {
        await _store.RecordAsync([RolledBack], 4, deliver: true, Ct);
        var sender = new ScriptedSender(new WebhookSendResult(503, "HTTP 503"));
        var dispatcher = Dispatcher(sender);

        await dispatcher.DispatchDueAsync(Ct);
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        _time.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.DispatchDueAsync(Ct);

        Assert.Equal([DeliveryStatus.Pending, DeliveryStatus.Delivered], _store.Attempts[1].Select(a => a.Status));
        Assert.Equal(2, sender.Sent.Count);
    }

    [Fact]
    public void Generic_FlatObjectWithKindAndUrl()
    {
        using var body = JsonDocument.Parse(DeploymentNoticePayloads.Generic(RolledBack, "https://dash.example.com"));

        Assert.Equal("RolledBack", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("deployment").GetInt64());
        Assert.Equal("2026-12-07T12:30:00Z", body.RootElement.GetProperty("time").GetString());
        Assert.Equal("https://dash.example.com/deployments/3", body.RootElement.GetProperty("url").GetString());
    }
}
