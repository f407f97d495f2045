using Dashboard.Core.DeploymentNotices;

namespace Dashboard.Core.Notifications;

/// <summary>The bodies posted for a deployment notice, in the alarm notifications' formats and Slack layout.</summary>
public static partial class WebhookPayloads
{
    public static string For(WebhookFormat format, DeploymentNotice notice, string? dashboardBaseUrl) => format switch
    {
        WebhookFormat.Slack => Slack(notice, dashboardBaseUrl),
        _ => Generic(notice, dashboardBaseUrl),
    };

    /// <summary>
    /// <c>{"event":"deployment","kind","deployment","endpoint","headline","detail","time","url"}</c> (a retraining run's:
    /// "retraining" for "event" and in place of "deployment"); url (its page) only when a dashboard base URL is configured.
    /// </summary>
    public static string Generic(DeploymentNotice notice, string? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return Write(json =>
        {
            json.WriteStartObject();
            var subject = notice.Subject == NoticeSubject.Retraining ? "retraining" : "deployment";
            json.WriteString("event", subject);
            json.WriteString("kind", notice.Kind.ToString());
            json.WriteNumber(subject, notice.DeploymentId);
            json.WriteString("endpoint", notice.Endpoint);
            json.WriteString("headline", notice.Headline);
            json.WriteString("detail", notice.Detail);
            json.WriteString("time", IsoTime(notice.Time.ToUnixTimeSeconds()));
            if (Link(notice.Path, dashboardBaseUrl) is { } link)
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
        var emoji = Emoji(notice);
        var headline = Escape(notice.Headline);
        var details = $"{emoji} *{headline}*";
        if (notice.Detail is { } detail)
        {
            details += $"\n{Escape(detail)}";
        }
        if (Link(notice.Path, dashboardBaseUrl) is { } link)
        {
            var subject = notice.Subject == NoticeSubject.Retraining ? "retraining" : "deployment";
            details += $"\n<{link}|Open {subject} #{notice.DeploymentId} in the dashboard>";
        }
        return SlackBody($"{emoji} {headline}", details, notice.Time.ToUnixTimeSeconds());
    }

    /// <summary>Red when it went wrong, green when it succeeded, a hand when someone must act, blue otherwise.</summary>
    public static string Emoji(DeploymentNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.IsBad ? ":red_circle:"
            : notice.Kind == DeploymentNoticeKind.Succeeded ? ":large_green_circle:"
            : notice.WantsAction ? ":raised_hand:"
            : ":large_blue_circle:";
    }
}
