namespace Dashboard.Core.Notifications;

/// <summary>
/// A receiver of alarm state changes. <see cref="Url"/> often carries a token (Slack's incoming webhooks are
/// https://hooks.slack.com/services/T…/B…/secret), so it is only ever sent to; pages, logs and the audit trail get
/// <see cref="RedactedUrl"/>.
/// </summary>
public sealed record Webhook(long Id, string Name, string Url, WebhookFormat Format, bool Enabled)
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2000;

    public string RedactedUrl => Redact(Url);

    /// <summary>Scheme and host (and a non-default port) followed by "/…": never the user info, path or query.</summary>
    public static string Redact(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return "(not a valid URL)";
        }
        var port = uri.IsDefaultPort ? "" : $":{uri.Port}";
        return $"{uri.Scheme}://{uri.Host}{port}/…";
    }

    /// <summary>
    /// Everything wrong with the webhook as a new one, each naming its field (Name or Url); <paramref name="existingNames"/>
    /// are the names taken (compared ignoring case). Empty when it may be stored.
    /// </summary>
    public IReadOnlyList<WebhookError> Validate(IEnumerable<string> existingNames)
    {
        var errors = new List<WebhookError>();
        var name = Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new(nameof(Name), "Give the webhook a name."));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new(nameof(Name), $"A name has at most {MaxNameLength} characters."));
        }
        else if (existingNames.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(new(nameof(Name), $"A webhook named '{name}' exists already."));
        }

        // The URL is never echoed back in a message: it may hold a token.
        var url = Url?.Trim() ?? "";
        if (url.Length == 0)
        {
            errors.Add(new(nameof(Url), "Enter the URL to post to."));
        }
        else if (url.Length > MaxUrlLength)
        {
            errors.Add(new(nameof(Url), $"A URL has at most {MaxUrlLength} characters."));
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || url.Any(char.IsWhiteSpace))
        {
            errors.Add(new(nameof(Url), "Enter an absolute URL, such as https://hooks.slack.com/services/…"));
        }
        else if (uri.Scheme is not ("https" or "http"))
        {
            errors.Add(new(nameof(Url), "The URL must start with https:// or http://."));
        }
        if (!Enum.IsDefined(Format))
        {
            errors.Add(new(nameof(Format), "Choose Generic JSON or Slack."));
        }
        return errors;
    }

    // The generated ToString would print the URL with its token into any log line that formats a webhook.
    public override string ToString() => $"Webhook {Id} '{Name}' ({Format}, {RedactedUrl}{(Enabled ? "" : ", disabled")})";
}

public enum WebhookFormat
{
    /// <summary>A flat JSON object (alarm, endpoint, oldState, newState, time, reason, url).</summary>
    Generic,

    /// <summary>Slack's incoming-webhook body ({"text", "blocks"}); also accepted by Mattermost and Rocket.Chat.</summary>
    Slack,
}

/// <summary>One thing wrong with a webhook: the field it belongs to (a <see cref="Webhook"/> property name) and what to do.</summary>
public sealed record WebhookError(string Field, string Message);

/// <summary>Thrown by a store when a webhook does not validate; nothing was stored.</summary>
public sealed class WebhookValidationException(IReadOnlyList<WebhookError> errors)
    : Exception(string.Join(" ", errors.Select(e => e.Message)))
{
    public IReadOnlyList<WebhookError> Errors { get; } = errors;
}
