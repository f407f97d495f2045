using Dashboard.Core.Alarms;
using Dashboard.Core.Notifications;

namespace Dashboard.Core.Tests.Notifications;

public class WebhookPayloadsTests
{
    private static readonly long Time = new DateTimeOffset(2026, 11, 22, 14, 3, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static readonly AlarmTransition ToAlarm = new(42, "churn-latency", "churn-prod", Time, AlarmState.Ok, AlarmState.Alarm,
        "Threshold Crossed: 2 out of the last 3 datapoints were greater than the threshold (1000 ms).", null, null);

    [Fact]
    public void Generic_ExactShape_WithLinkWhenABaseUrlIsSet()
    {
        Assert.Equal(
            """{"alarm":"churn-latency","endpoint":"churn-prod","oldState":"OK","newState":"ALARM","time":"2026-11-22T14:03:00Z","reason":"Threshold Crossed: 2 out of the last 3 datapoints were greater than the threshold (1000 ms).","url":"https://dash.example.com/alarms/churn-latency"}""",
            WebhookPayloads.Generic(ToAlarm, "https://dash.example.com/"));
    }

    [Fact]
    public void Generic_NoBaseUrlAndComposite_NoLinkAndNullEndpoint()
    {
        var composite = ToAlarm with { AlarmName = "all down", Endpoint = null, OldState = AlarmState.Alarm, NewState = AlarmState.InsufficientData, Reason = "r" };

        Assert.Equal(
            """{"alarm":"all down","endpoint":null,"oldState":"ALARM","newState":"INSUFFICIENT_DATA","time":"2026-11-22T14:03:00Z","reason":"r"}""",
            WebhookPayloads.Generic(composite, null));
    }

    [Fact]
    public void Slack_ExactShape_TextAndBlocksWithEmojiAndLink()
    {
        Assert.Equal(
            """{"text":":red_circle: churn-latency is ALARM (was OK) on churn-prod","blocks":[{"type":"section","text":{"type":"mrkdwn","text":":red_circle: *churn-latency* is *ALARM* (was OK)\nEndpoint: churn-prod\nReason: Threshold Crossed: 2 out of the last 3 datapoints were greater than the threshold (1000 ms).\n<https://dash.example.com/alarms/churn-latency|Open in the dashboard>"}},{"type":"context","elements":[{"type":"mrkdwn","text":"2026-11-22 14:03 UTC"}]}]}""",
            WebhookPayloads.Slack(ToAlarm, "https://dash.example.com"));
    }

    [Theory]
    [InlineData(AlarmState.Alarm, ":red_circle:")]
    [InlineData(AlarmState.Ok, ":large_green_circle:")]
    [InlineData(AlarmState.InsufficientData, ":white_circle:")]
    public void Slack_EmojiPerNewState(AlarmState state, string emoji)
    {
        var body = WebhookPayloads.Slack(ToAlarm with { NewState = state }, null);

        Assert.StartsWith($$"""{"text":"{{emoji}} churn-latency is""", body);
    }

    [Fact]
    public void Slack_EscapesMarkupInNamesAndReasons_AndLinkEscapesTheName()
    {
        var odd = ToAlarm with { AlarmName = "p90 <b> & co", Reason = "value > 5 & rising" };

        var body = WebhookPayloads.Slack(odd, "https://dash.example.com");

        Assert.Contains("*p90 &lt;b&gt; &amp; co*", body);
        Assert.Contains("Reason: value &gt; 5 &amp; rising", body);
        Assert.Contains("<https://dash.example.com/alarms/p90%20%3Cb%3E%20%26%20co|Open in the dashboard>", body);
    }
}
