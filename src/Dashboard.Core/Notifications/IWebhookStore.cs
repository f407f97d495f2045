using Dashboard.Core.Alarms;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Core.Security;

namespace Dashboard.Core.Notifications;

/// <summary>
/// Webhooks and their delivery log: one queue for alarm state changes and deployment notices alike. Changes to webhooks are written together with their audit record (both or
/// neither) and need <see cref="Permission.ManageSettings"/>; the audit record carries the redacted URL only.
/// Deliveries are rows, so a restart loses nothing that was queued.
/// </summary>
public interface IWebhookStore
{
    /// <summary>Every webhook, by name, with its newest delivery; never the full URL.</summary>
    Task<IReadOnlyList<WebhookSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The webhook with its full URL, for sending; null when there is none with the id.</summary>
    Task<Webhook?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <exception cref="WebhookValidationException">Bad input (including a name taken); nothing stored.</exception>
    /// <exception cref="AccessDeniedException">The actor may not change settings; nothing stored.</exception>
    Task<Webhook> CreateAsync(Webhook webhook, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes the webhook and its delivery log.</summary>
    /// <exception cref="KeyNotFoundException">No webhook with the id.</exception>
    Task DeleteAsync(long id, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>A disabled webhook gets no new deliveries, and its queued ones wait until it is enabled again.</summary>
    Task SetEnabledAsync(long id, bool enabled, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>The delivery log, alarm and deployment deliveries together, newest first.</summary>
    Task<IReadOnlyList<DeliveryLogEntry>> DeliveriesAsync(DeliveryFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Queues one delivery per enabled webhook for each transition (none twice); returns how many were queued.</summary>
    Task<int> EnqueueAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken cancellationToken = default);

    /// <summary>Pending deliveries (of either kind) of enabled webhooks whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<DueDelivery>> DueAsync(long now, int limit, CancellationToken cancellationToken = default);

    Task RecordAttemptAsync(long deliveryId, DeliveryAttempt attempt, CancellationToken cancellationToken = default);
}

public enum DeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>A webhook as pages see it: the URL redacted, and how its newest delivery went.</summary>
public sealed record WebhookSummary(long Id, string Name, string RedactedUrl, WebhookFormat Format, bool Enabled, string CreatedBy,
    DeliveryStatus? LastStatus, long? LastAttemptAt, int? LastStatusCode, string? LastError);

/// <summary>What a delivery carries: an alarm's state change, or a deployment notice.</summary>
public enum DeliveryKind
{
    Alarm,
    Deployment,
}

/// <summary>
/// A queued delivery with what is needed to send it: exactly one of <paramref name="Transition"/> and
/// <see cref="Notice"/>; <paramref name="Attempts"/> counts attempts made so far.
/// </summary>
public sealed record DueDelivery(long Id, Webhook Webhook, AlarmTransition? Transition, int Attempts)
{
    public DeploymentNotice? Notice { get; init; }

    /// <summary>The body to post in the webhook's format.</summary>
    public string Body(string? dashboardBaseUrl) => Notice is { } notice
        ? WebhookPayloads.For(Webhook.Format, notice, dashboardBaseUrl)
        : WebhookPayloads.For(Webhook.Format, Transition!, dashboardBaseUrl);

    /// <summary>What is delivered, for logs: "churn-latency ALARM" or the notice's headline.</summary>
    public string Subject => Notice?.Headline ?? $"{Transition!.AlarmName} {Transition.NewState.ToWire()}";
}

/// <summary>The outcome of one attempt: the new status, the receiver's status code (null: no answer) and a short error.</summary>
public sealed record DeliveryAttempt(long Time, DeliveryStatus Status, int? StatusCode, string? Error, long NextAttemptAt);

/// <summary>One row of the delivery log: exactly one of <paramref name="Transition"/> and <paramref name="Notice"/> is set.</summary>
public sealed record DeliveryLogEntry(long Id, long WebhookId, string WebhookName, AlarmTransition? Transition, DeploymentNotice? Notice,
    DeliveryStatus Status, int Attempts, long CreatedAt, long? LastAttemptAt, int? LastStatusCode, string? LastError, long NextAttemptAt)
{
    public DeliveryKind Kind => Notice is null ? DeliveryKind.Alarm : DeliveryKind.Deployment;
}

public sealed record DeliveryFilter
{
    public long? WebhookId { get; init; }
    public DeliveryStatus? Status { get; init; }
    public int Limit { get; init; } = 100;
}
