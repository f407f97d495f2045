using Dashboard.Core.Outbound;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Notifications;

/// <summary>Configuration section "Notifications": webhook delivery and the links in notifications.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The dashboard's public address (e.g. https://dashboard.example.com); notifications link to the alarm's page under it. Unset: no link.</summary>
    public string? DashboardBaseUrl { get; set; }

    /// <summary>Attempts per delivery, the first included, before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Wait before the first retry; each further retry waits twice as long, up to <see cref="MaxRetryDelay"/> (±20 % jitter).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one attempt may take before it counts as a timeout (and is retried).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often queued deliveries are looked for; new transitions are sent at once.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Host names, IP addresses and CIDR networks that webhooks may reach although they are inside (loopback, private,
    /// link-local…); everything else inside is refused at save and at send.
    /// </summary>
    public List<string> AllowedDestinations { get; set; } = [];

    public const string AllowedDestinationsKey = $"{Section}:{nameof(AllowedDestinations)}";

    public DestinationAllowList AllowList() => new(AllowedDestinations, AllowedDestinationsKey);
}

public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    private const string S = NotificationOptions.Section;

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.DashboardBaseUrl)
            && (!Uri.TryCreate(options.DashboardBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
                || !string.IsNullOrEmpty(uri.Query)))
        {
            errors.Add($"{S}:DashboardBaseUrl must be an absolute http:// or https:// URL without a query, e.g. https://dashboard.example.com (was '{options.DashboardBaseUrl}').");
        }
        if (options.MaxAttempts is < 1 or > 20)
        {
            errors.Add($"{S}:MaxAttempts must be between 1 and 20 (was {options.MaxAttempts}).");
        }
        if (options.FirstRetryDelay < TimeSpan.FromSeconds(1) || options.FirstRetryDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"{S}:FirstRetryDelay must be between 00:00:01 and 01:00:00 (was {options.FirstRetryDelay}).");
        }
        if (options.MaxRetryDelay < options.FirstRetryDelay || options.MaxRetryDelay > TimeSpan.FromDays(1))
        {
            errors.Add($"{S}:MaxRetryDelay must be between {S}:FirstRetryDelay and 1.00:00:00 (was {options.MaxRetryDelay}).");
        }
        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{S}:RequestTimeout must be between 00:00:01 and 00:05:00 (was {options.RequestTimeout}).");
        }
        if (options.DispatchInterval < TimeSpan.FromSeconds(1) || options.DispatchInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{S}:DispatchInterval must be between 00:00:01 and 00:05:00 (was {options.DispatchInterval}).");
        }
        for (var i = 0; i < options.AllowedDestinations.Count; i++)
        {
            if (DestinationAllowList.Problem(options.AllowedDestinations[i]) is { } problem)
            {
                errors.Add($"{NotificationOptions.AllowedDestinationsKey}:{i} {problem} (was '{options.AllowedDestinations[i]}').");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
