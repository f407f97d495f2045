using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dashboard.Core.Notifications;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Notifications;

/// <summary>
/// Posts webhook bodies with the named client <see cref="ClientName"/> (its request logging is removed: it would log
/// the URL). Errors are described in a few words of our own, never with the URL or an exception's message.
/// </summary>
public sealed class HttpWebhookSender(IHttpClientFactory clients, IOptions<NotificationOptions> options, ILogger<HttpWebhookSender> logger)
    : IWebhookSender
{
    public const string ClientName = "webhooks";

    public async Task<WebhookSendResult> SendAsync(Webhook webhook, string jsonBody, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var timeout = options.Value.RequestTimeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
            {
                Content = new StringContent(jsonBody, Encoding.UTF8, "application/json"),
            };
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookSendResult(status, null);
            }
            var excerpt = await ExcerptAsync(response, webhook, attempt.Token);
            var error = $"HTTP {status} {response.ReasonPhrase}".TrimEnd() + (excerpt.Length > 0 ? $": {excerpt}" : "");
            return new WebhookSendResult(status, error, RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            logger.LogDebug("Webhook {Webhook} ({Url}) could not be reached: {Error}", webhook.Name, webhook.RedactedUrl, ex.HttpRequestError);
            return new WebhookSendResult(null, Describe(ex.HttpRequestError));
        }
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "could not connect",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed (certificate or protocol)",
        HttpRequestError.ResponseEnded => "the connection closed before an answer",
        HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
        HttpRequestError.ProxyTunnelError => "the proxy refused the connection",
        _ => "the request failed",
    };

    /// <summary>The start of the receiver's answer (Slack says "invalid_token", "no_service"), with any part of the URL removed.</summary>
    private static async Task<string> ExcerptAsync(HttpResponseMessage response, Webhook webhook, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var text = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (Uri.TryCreate(webhook.Url, UriKind.Absolute, out var uri))
            {
                foreach (var secret in new[] { uri.PathAndQuery, uri.AbsolutePath, uri.Query, uri.UserInfo }
                             .Where(s => s.Length > 1).Distinct().OrderByDescending(s => s.Length))
                {
                    text = text.Replace(secret, "/…", StringComparison.OrdinalIgnoreCase);
                }
                foreach (var segment in uri.Segments.Select(s => s.Trim('/')).Where(s => s.Length >= 8))
                {
                    text = text.Replace(segment, "…", StringComparison.OrdinalIgnoreCase);
                }
            }
            return text.Length > 200 ? text[..200] + "…" : text;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            return "";
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };
}
