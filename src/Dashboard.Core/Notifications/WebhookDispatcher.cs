using Dashboard.Core.Alarms;
using Dashboard.Core.Security;
using Dashboard.Core.Telemetry;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Sends queued webhook deliveries, alarm state changes and deployment notices alike. A 2xx answer delivers; 429, 5xx, a timeout or no connection is retried with
/// exponential backoff and jitter until <see cref="NotificationOptions.MaxAttempts"/>; any other answer, and a
/// destination the outbound policy refuses, fails at once (it would be refused again). Logs name webhooks by their
/// redacted URL only.
/// </summary>
public sealed class WebhookDispatcher(
    IWebhookStore store,
    IWebhookSender sender,
    DeliverySignal signal,
    IOptions<NotificationOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : PeriodicWorker(timeProvider, logger)
{
    /// <summary>Deliveries read from the store at a time; a full batch is followed at once by the next.</summary>
    public const int BatchSize = 50;

    private NotificationOptions Options => options.Value;

    protected override TimeSpan Interval => Options.DispatchInterval;

    protected override WakeUpSignal WakeUp => signal;

    protected override string Work => "Reading or recording webhook deliveries";

    // The webhooks' own failures are recorded per delivery; a round fails only when the store does.
    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        // A full batch means more are due: send them now rather than after the interval.
        long due = 0;
        int batch;
        do
        {
            batch = await DispatchDueAsync(cancellationToken);
            due += batch;
        }
        while (batch >= BatchSize && !cancellationToken.IsCancellationRequested);
        DashboardTelemetry.ReportWebhookDeliveriesDue(due);
    }

    /// <summary>Sends every delivery due now (at most <see cref="BatchSize"/>) and records each attempt; returns how many were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var due = await store.DueAsync(Time.GetUtcNow().ToUnixTimeSeconds(), BatchSize, cancellationToken);
        foreach (var delivery in due)
        {
            var result = await sender.SendAsync(delivery.Webhook, delivery.Body(Options.DashboardBaseUrl),
                delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            var attempt = Judge(result, delivery.Attempts + 1, Time.GetUtcNow().ToUnixTimeSeconds(), Random.Shared.NextDouble());
            await store.RecordAttemptAsync(delivery.Id, attempt, cancellationToken);
            DashboardTelemetry.WebhookAttempts.Add(1, new KeyValuePair<string, object?>("status", attempt.Status.ToString()));
            Log(delivery, attempt);
        }
        return due.Count;
    }

    /// <summary>
    /// Sends a made-up transition of an alarm named "test-notification" to the webhook, through the same payloads and
    /// sender as real deliveries, once and without queueing (a test is not part of any alarm's history).
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not change settings.</exception>
    /// <exception cref="KeyNotFoundException">No webhook with the id.</exception>
    public async Task<DeliveryAttempt> SendTestAsync(long webhookId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ManageSettings);
        var webhook = await store.FindAsync(webhookId, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no webhook {webhookId}; it may have been deleted.");
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var transition = new AlarmTransition(0, "test-notification", null, now, AlarmState.Ok, AlarmState.Alarm,
            $"Test notification sent from the dashboard by {actor.UserName}; no alarm changed state.", null, null);
        var body = WebhookPayloads.For(webhook.Format, transition, Options.DashboardBaseUrl);
        var result = await sender.SendAsync(webhook, body, deliveryId: null, cancellationToken);
        var attempt = Judge(result, Options.MaxAttempts, now, 0.5);
        logger.LogInformation("Test notification to webhook {Webhook} ({Url}) by {Actor}: {Status} {StatusCode} {Error}",
            webhook.Name, webhook.RedactedUrl, actor.UserName, attempt.Status, attempt.StatusCode, attempt.Error);
        return attempt;
    }

    /// <summary>What an answer means for a delivery after its <paramref name="attempt"/>-th attempt (1-based).</summary>
    public DeliveryAttempt Judge(WebhookSendResult result, int attempt, long now, double random01)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsSuccess)
        {
            return new DeliveryAttempt(now, DeliveryStatus.Delivered, result.StatusCode, null, now);
        }
        var error = result.Error ?? (result.StatusCode is { } code ? $"HTTP {code}" : "no answer");
        if (result.Refused || !IsRetryable(result.StatusCode) || attempt >= Options.MaxAttempts)
        {
            return new DeliveryAttempt(now, DeliveryStatus.Failed, result.StatusCode, error, now);
        }
        var delay = RetryDelay(Options, attempt, random01);
        if (result.RetryAfter is { } asked && asked > delay)
        {
            delay = asked < Options.MaxRetryDelay ? asked : Options.MaxRetryDelay;
        }
        return new DeliveryAttempt(now, DeliveryStatus.Pending, result.StatusCode, error, now + (long)Math.Ceiling(delay.TotalSeconds));
    }

    /// <summary>Throttled (429), a server error (5xx), or no answer at all: worth trying again.</summary>
    public static bool IsRetryable(int? statusCode) => statusCode is null or 429 or >= 500;

    /// <summary>
    /// The wait after the <paramref name="attempt"/>-th failed attempt: FirstRetryDelay doubled per earlier retry, capped
    /// at MaxRetryDelay, ±20 % jitter (so many deliveries failing together do not retry in step), never above the cap.
    /// </summary>
    public static TimeSpan RetryDelay(NotificationOptions options, int attempt, double random01)
    {
        ArgumentNullException.ThrowIfNull(options);
        var exponential = options.FirstRetryDelay.TotalSeconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var capped = Math.Min(exponential, options.MaxRetryDelay.TotalSeconds);
        var jittered = capped * (0.8 + 0.4 * Math.Clamp(random01, 0, 1));
        return TimeSpan.FromSeconds(Math.Max(1, Math.Min(jittered, options.MaxRetryDelay.TotalSeconds)));
    }

    private void Log(DueDelivery delivery, DeliveryAttempt attempt)
    {
        var webhook = delivery.Webhook;
        switch (attempt.Status)
        {
            case DeliveryStatus.Delivered:
                logger.LogInformation("Delivered {Subject} to webhook {Webhook} ({Url}) on attempt {Attempt}",
                    delivery.Subject, webhook.Name, webhook.RedactedUrl, delivery.Attempts + 1);
                break;
            case DeliveryStatus.Pending:
                logger.LogInformation("Webhook {Webhook} ({Url}) attempt {Attempt} for {Subject} failed ({Error}); retrying at {Next}",
                    webhook.Name, webhook.RedactedUrl, delivery.Attempts + 1, delivery.Subject, attempt.Error,
                    DateTimeOffset.FromUnixTimeSeconds(attempt.NextAttemptAt));
                break;
            default:
                logger.LogWarning("Webhook {Webhook} ({Url}) delivery for {Subject} failed after {Attempts} attempt(s): {Error}",
                    webhook.Name, webhook.RedactedUrl, delivery.Subject, delivery.Attempts + 1, attempt.Error);
                break;
        }
    }
}
