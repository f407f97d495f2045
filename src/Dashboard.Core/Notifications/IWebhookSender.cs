namespace Dashboard.Core.Notifications;

/// <summary>Posts a JSON body to a webhook's URL once; never throws for what the receiver or the network did.</summary>
public interface IWebhookSender
{
    /// <summary>The header naming the delivery: the same on every attempt of one delivery, from whichever replica sends it,
    /// so a receiver can drop a repeat (a send cut off between the request and its recorded outcome is sent again).</summary>
    public const string DeliveryHeader = "X-Dashboard-Delivery";

    /// <param name="deliveryId">The delivery this attempt belongs to (sent as <see cref="DeliveryHeader"/>); null for a test send.</param>
    Task<WebhookSendResult> SendAsync(Webhook webhook, string jsonBody, string? deliveryId, CancellationToken cancellationToken = default);
}

/// <summary>
/// What the receiver answered: its status code, or null when there was no answer (timeout, connection refused, DNS);
/// <paramref name="Error"/> is short, safe to show and log (never the URL, never the receiver's body);
/// <paramref name="RetryAfter"/> is the receiver's Retry-After. <paramref name="Refused"/>: nothing was sent because
/// the destination policy refused the address (trying again would be refused again).
/// </summary>
public sealed record WebhookSendResult(int? StatusCode, string? Error, TimeSpan? RetryAfter = null, bool Refused = false)
{
    public bool IsSuccess => !Refused && StatusCode is >= 200 and < 300;

    public static WebhookSendResult RefusedBecause(string reason) => new(null, $"refused: {reason.TrimEnd('.')}", Refused: true);
}
