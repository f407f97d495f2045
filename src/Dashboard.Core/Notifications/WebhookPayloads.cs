using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Notifications;

/// <summary>
/// The bodies posted to webhooks for an alarm's transition (states as CloudWatch names them) and, in
/// WebhookPayloads.Deployments.cs, for a deployment notice; times in ISO 8601 UTC.
/// </summary>
public static partial class WebhookPayloads
{
    public static string For(WebhookFormat format, AlarmTransition transition, string? dashboardBaseUrl) => format switch
    {
        WebhookFormat.Slack => Slack(transition, dashboardBaseUrl),
        _ => Generic(transition, dashboardBaseUrl),
    };

    /// <summary>
    /// <c>{"alarm","endpoint","oldState","newState","time","reason","url"}</c>; endpoint is null for composite alarms,
    /// url (the alarm's page) is there only when a dashboard base URL is configured.
    /// </summary>
    public static string Generic(AlarmTransition transition, string? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(transition);
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("alarm", transition.AlarmName);
            json.WriteString("endpoint", transition.Endpoint);
            json.WriteString("oldState", transition.OldState.ToWire());
            json.WriteString("newState", transition.NewState.ToWire());
            json.WriteString("time", IsoTime(transition.Time));
            json.WriteString("reason", transition.Reason);
            if (AlarmLink(transition.AlarmName, dashboardBaseUrl) is { } link)
            {
                json.WriteString("url", link);
            }
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// Slack's incoming-webhook body: <c>text</c> (the notification line) and <c>blocks</c> (a section with the
    /// details and a context line with the time).
    /// </summary>
    public static string Slack(AlarmTransition transition, string? dashboardBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(transition);
        var emoji = Emoji(transition.NewState);
        var alarm = Escape(transition.AlarmName);
        var on = transition.Endpoint is { } endpoint ? $" on {Escape(endpoint)}" : "";
        var text = $"{emoji} {alarm} is {transition.NewState.ToWire()} (was {transition.OldState.ToWire()}){on}";

        var details = new StringBuilder()
            .Append($"{emoji} *{alarm}* is *{transition.NewState.ToWire()}* (was {transition.OldState.ToWire()})");
        if (transition.Endpoint is { } name)
        {
            details.Append($"\nEndpoint: {Escape(name)}");
        }
        details.Append($"\nReason: {Escape(transition.Reason)}");
        if (AlarmLink(transition.AlarmName, dashboardBaseUrl) is { } link)
        {
            details.Append($"\n<{link}|Open in the dashboard>");
        }
        return SlackBody(text, details.ToString(), transition.Time);
    }

    /// <summary>Slack emoji codes, so the body stays plain ASCII: red for ALARM, green for OK, white for INSUFFICIENT_DATA.</summary>
    public static string Emoji(AlarmState state) => state switch
    {
        AlarmState.Alarm => ":red_circle:",
        AlarmState.Ok => ":large_green_circle:",
        _ => ":white_circle:",
    };

    /// <summary>The alarm's page under the configured base URL, or null when none is configured.</summary>
    public static string? AlarmLink(string alarmName, string? dashboardBaseUrl) => Link($"/alarms/{Uri.EscapeDataString(alarmName)}", dashboardBaseUrl);

    /// <summary>A page of the dashboard under the configured base URL, or null when none is configured.</summary>
    internal static string? Link(string path, string? dashboardBaseUrl) =>
        string.IsNullOrWhiteSpace(dashboardBaseUrl) ? null : $"{dashboardBaseUrl.Trim().TrimEnd('/')}{path}";

    public static string IsoTime(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Slack mrkdwn: &, < and > are control characters and must be escaped in any text we did not write.
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Slack's <c>{"text", "blocks": [section with the details, context with the time]}</c>.</summary>
    private static string SlackBody(string text, string details, long time) => Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("text", text);
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
        json.WriteString("text", DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    });

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping: the bodies are read by chat tools and people, never embedded in HTML.
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
