using System.Text.Json;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Notifications;
using Dashboard.Core.Tests.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.DeploymentNotices.DeploymentSamples;

namespace Dashboard.Core.Tests.DeploymentNotices;

/// <summary>Deployment notices go through the alarm deliveries' queue and dispatcher: same sender, same retries.</summary>
public sealed class DeploymentNoticeDeliveryTests
{
    private static readonly DeploymentNotice RolledBack = new(3, "churn-prod", "final", DeploymentNoticeKind.RolledBack, Start.AddMinutes(30),
        "Deployment #3 on churn-prod rolled back", "SageMaker rolled back to churn-prod-config-v7: churn-prod-5xx-rate <went> to ALARM");

    private readonly InMemoryWebhookStore _store = new();
    private readonly FakeTimeProvider _time = new(Start.AddHours(1));
    private readonly IOptions<NotificationOptions> _options = Options.Create(new NotificationOptions { DashboardBaseUrl = "https://dash.example.com/" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebhookDispatcher Dispatcher(IWebhookSender sender) =>
        new(_store, sender, new DeliverySignal(), _options, _time, NullLogger<WebhookDispatcher>.Instance);

    [Fact]
    public async Task DispatchDueAsync_SlackNotice_HeadlineOutcomeAndLinkToTheDeployment()
    {
        _store.Add("ops", "https://hooks.slack.com/services/T/B/secret", WebhookFormat.Slack);
        _store.EnqueueNotice(RolledBack);
        var sender = new ScriptedSender();

        Assert.Equal(1, await Dispatcher(sender).DispatchDueAsync(Ct));

        using var body = JsonDocument.Parse(Assert.Single(sender.Sent).Body);
        Assert.Equal(":red_circle: Deployment #3 on churn-prod rolled back", body.RootElement.GetProperty("text").GetString());
        var details = body.RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString();
        Assert.Contains("churn-prod-5xx-rate &lt;went&gt; to ALARM", details);
        Assert.Contains("<https://dash.example.com/deployments/3|Open deployment #3 in the dashboard>", details);
        Assert.Equal(DeliveryStatus.Delivered, Assert.Single(_store.Deliveries).Status);
        Assert.Equal(0, await Dispatcher(sender).DispatchDueAsync(Ct));
    }

    [Fact]
    public async Task DispatchDueAsync_ReceiverFails_RetriedLaterAsAlarmDeliveriesAre()
    {
        _store.Add("ops", "https://example.com/hook");
        _store.EnqueueNotice(RolledBack);
        var sender = new ScriptedSender(new WebhookSendResult(503, "HTTP 503"));
        var dispatcher = Dispatcher(sender);

        await dispatcher.DispatchDueAsync(Ct);
        Assert.Equal(0, await dispatcher.DispatchDueAsync(Ct));
        _time.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.DispatchDueAsync(Ct);

        Assert.Equal([DeliveryStatus.Pending, DeliveryStatus.Delivered], Assert.Single(_store.Deliveries).Attempts.Select(a => a.Status));
        Assert.Equal(2, sender.Sent.Count);
        Assert.Contains("\"event\":\"deployment\"", sender.Sent[0].Body);
    }

    [Fact]
    public void Generic_FlatObjectWithKindAndUrl()
    {
        using var body = JsonDocument.Parse(WebhookPayloads.Generic(RolledBack, "https://dash.example.com"));

        Assert.Equal("RolledBack", body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("deployment").GetInt64());
        Assert.Equal("2026-12-07T12:30:00Z", body.RootElement.GetProperty("time").GetString());
        Assert.Equal("https://dash.example.com/deployments/3", body.RootElement.GetProperty("url").GetString());
    }
}
