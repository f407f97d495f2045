using Dashboard.Core.Notifications;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.DeploymentNotices;

/// <summary>
/// Sends queued deployment notices to the webhooks through the same sender, outbound policy and retry rules as alarm
/// deliveries (<see cref="WebhookDispatcher.Judge"/>): a 2xx delivers, 429 / 5xx / no answer is retried with backoff.
/// </summary>
public sealed partial class DeploymentNoticeDispatcher(IDeploymentNoticeStore store, IWebhookSender sender, WebhookDispatcher alarms,
    DeploymentNoticeSignal signal, IOptions<NotificationOptions> options, TimeProvider timeProvider, ILogger<DeploymentNoticeDispatcher> logger)
    : PeriodicWorker(timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.DispatchInterval;

    protected override WakeUpSignal WakeUp => signal;

    protected override string Work => "Reading or recording deployment notice deliveries";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        while (await DispatchDueAsync(cancellationToken) >= WebhookDispatcher.BatchSize && !cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends every delivery due now (at most a batch) and records each attempt; returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await store.DueAsync(Time.GetUtcNow().ToUnixTimeSeconds(), WebhookDispatcher.BatchSize, cancellationToken);
        foreach (var delivery in due)
        {
            var body = DeploymentNoticePayloads.For(delivery.Webhook.Format, delivery.Notice, options.Value.DashboardBaseUrl);
            var result = await sender.SendAsync(delivery.Webhook, body, cancellationToken);
            var attempt = alarms.Judge(result, delivery.Attempts + 1, Time.GetUtcNow().ToUnixTimeSeconds(), Random.Shared.NextDouble());
            await store.RecordAttemptAsync(delivery.Id, attempt, cancellationToken);
            LogAttempt(logger, delivery.Notice.Headline, delivery.Webhook.Name, delivery.Webhook.RedactedUrl, attempt.Status, attempt.StatusCode, attempt.Error);
        }
        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployment notice '{Headline}' to webhook {Webhook} ({Url}): {Status} {StatusCode} {Error}")]
    private static partial void LogAttempt(ILogger logger, string headline, string webhook, string url, DeliveryStatus status, int? statusCode, string? error);
}
