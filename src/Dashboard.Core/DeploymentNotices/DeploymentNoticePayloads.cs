using System.Globalization;
using Dashboard.Core.Notifications;

namespace Dashboard.Core.DeploymentNotices;

/// <summary>The bodies posted to webhooks for a deployment notice, in the formats alarm notifications use.</summary>
public static class DeploymentNoticePayloads
{
    public static string For(WebhookFormat format, DeploymentNotice notice, string? dashboardBaseUrl) => format switch
    {
        WebhookFormat.Slack => Slack(notice, dashboardBaseUrl),
        _ => Generic(notice, dashboardBaseUrl),
    };

    /// <summary>
    /// <c>{"event":"deployment","kind","deployment","endpoint","headline","detail","time","url"}</c>; url (the deployment's
    /// page) only when a dashboard base URL is configured.
    /// </summary>
    public static string Generic(DeploymentNotice notice, string? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return WebhookPayloads.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("event", "deployment");
            json.WriteString("kind", notice.Kind.ToString());
            json.WriteNumber("deployment", notice.DeploymentId);
            json.WriteString("endpoint", notice.Endpoint);
            json.WriteString("headline", notice.Headline);
            json.WriteString("detail", notice.Detail);
            json.WriteString("time", WebhookPayloads.IsoTime(notice.Time.ToUnixTimeSeconds()));
            if (Link(notice, dashboardBaseUrl) is { } link)
            {
                json.WriteString("url", link);
            }
            json.WriteEndObject();
        });
    }

    /// <summary>Slack's incoming-webhook body: <c>text</c> (the headline) and <c>blocks</c> (the details, the link, the time).</summary>
    public static string Slack(DeploymentNotice notice, string? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var emoji = Emoji(notice.Kind);
        var headline = WebhookPayloads.Escape(notice.Headline);
        var details = $"{emoji} *{headline}*";
        if (notice.Detail is { } detail)
        {
            details += $"\n{WebhookPayloads.Escape(detail)}";
        }
        if (Link(notice, dashboardBaseUrl) is { } link)
        {
            details += $"\n<{link}|Open deployment #{notice.DeploymentId} in the dashboard>";
        }
        return WebhookPayloads.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("text", $"{emoji} {headline}");
            json.WriteStartArray("blocks");
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", details);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", notice.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Red when it went wrong, green when it succeeded, a hand when someone must act, blue otherwise.</summary>
    public static string Emoji(DeploymentNoticeKind kind) => kind switch
    {
        DeploymentNoticeKind.Succeeded => ":large_green_circle:",
        DeploymentNoticeKind.WaitingForApproval or DeploymentNoticeKind.Proposed => ":raised_hand:",
        DeploymentNoticeKind.RolledBack or DeploymentNoticeKind.RollbackFailed or DeploymentNoticeKind.TimedOut
            or DeploymentNoticeKind.Failed or DeploymentNoticeKind.RollingBack => ":red_circle:",
        _ => ":large_blue_circle:",
    };

    /// <summary>The deployment's page under the configured base URL, or null when none is configured.</summary>
    public static string? Link(DeploymentNotice notice, string? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return string.IsNullOrWhiteSpace(dashboardBaseUrl) ? null : $"{dashboardBaseUrl.Trim().TrimEnd('/')}{notice.Path}";
    }
}
