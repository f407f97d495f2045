namespace Dashboard.Core.Notifications;

/// <summary>Posts a JSON body to a webhook's URL once; never throws for what the receiver or the network did.</summary>
public interface IWebhookSender
{
    Task<WebhookSendResult> SendAsync(Webhook webhook, string jsonBody, CancellationToken cancellationToken = default);
}

/// <summary>
/// What the receiver answered: its status code, or null when there was no answer (timeout, connection refused, DNS);
/// <paramref name="Error"/> is short, safe to show and log (never the URL); <paramref name="RetryAfter"/> is the
/// receiver's Retry-After.
/// </summary>
public sealed record WebhookSendResult(int? StatusCode, string? Error, TimeSpan? RetryAfter = null)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
