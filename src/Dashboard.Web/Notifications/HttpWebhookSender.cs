using System.Net.Http.Headers;
using System.Text;
using Dashboard.Core.Notifications;
using Dashboard.Core.Outbound;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Notifications;

/// <summary>
/// Posts webhook bodies with the named client <see cref="ClientName"/> (its request logging is removed: it would log
/// the URL), whose connections go through <see cref="Outbound.DestinationConnector"/>. Answers are described by their
/// status alone and errors in a few words of our own: never the receiver's body, the URL or an exception's message,
/// so the dashboard cannot be used to read internal services or tell them apart.
/// </summary>
public sealed class HttpWebhookSender(
    IHttpClientFactory clients,
    DestinationPolicy policy,
    IOptions<NotificationOptions> options,
    ILogger<HttpWebhookSender> logger) : IWebhookSender
{
    public const string ClientName = "webhooks";

    public async Task<WebhookSendResult> SendAsync(Webhook webhook, string jsonBody, string? deliveryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var verdict = policy.CheckUrl(webhook.Url);
        if (verdict.Outcome == DestinationOutcome.Refused)
        {
            return Refused(webhook, verdict.Reason ?? "The destination is not allowed.");
        }
        var timeout = options.Value.RequestTimeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
            {
                Content = new StringContent(jsonBody, Encoding.UTF8, "application/json"),
            };
            if (deliveryId is not null)
            {
                request.Headers.Add(IWebhookSender.DeliveryHeader, deliveryId);
            }
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new WebhookSendResult(status, null)
                : new WebhookSendResult(status, Describe(status), RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex) when (ex.InnerException is DestinationRefusedException refused)
        {
            return Refused(webhook, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            logger.LogDebug("Webhook {Webhook} ({Url}) could not be reached: {Error}", webhook.Name, webhook.RedactedUrl, ex.HttpRequestError);
            return new WebhookSendResult(null, Describe(ex.HttpRequestError));
        }
    }

    private WebhookSendResult Refused(Webhook webhook, string reason)
    {
        logger.LogWarning("Webhook {Webhook} ({Url}) not sent: {Reason}", webhook.Name, webhook.RedactedUrl, reason);
        return WebhookSendResult.RefusedBecause(reason);
    }

    /// <summary>The status and its standard phrase: the receiver's own phrase and body could tell one internal service from another.</summary>
    private static string Describe(int status) =>
        $"HTTP {status} {ReasonPhrases.GetReasonPhrase(status)}".TrimEnd() + (status is >= 300 and < 400 ? " (redirects are not followed)" : "");

    // Coarse on purpose: which kind of non-HTTP service answered is nothing an administrator needs and a port scan would.
    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "no connection",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed (certificate or protocol)",
        _ => "no valid HTTP answer",
    };

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
