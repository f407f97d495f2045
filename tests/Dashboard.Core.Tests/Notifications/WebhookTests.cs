using Dashboard.Core.Notifications;

namespace Dashboard.Core.Tests.Notifications;

public class WebhookTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/secret", "https://hooks.slack.com/…")]
    [InlineData("https://example.com/hook?token=secret", "https://example.com/…")]
    [InlineData("http://user:secret@example.com:8080/x", "http://example.com:8080/…")]
    [InlineData("https://example.com", "https://example.com/…")]
    [InlineData("not a url with secret", "(not a valid URL)")]
    public void RedactedUrl_KeepsSchemeAndHostOnly(string url, string expected)
    {
        var webhook = new Webhook(1, "ops", url, WebhookFormat.Generic, true);

        Assert.Equal(expected, webhook.RedactedUrl);
        Assert.DoesNotContain("secret", webhook.ToString());
    }

    [Fact]
    public void Validate_Good_NoErrors()
    {
        Assert.Empty(Hook("ops", "https://hooks.slack.com/services/T/B/x").Validate(["other"]));
        Assert.Empty(Hook("ops", "http://10.0.0.5:9000/alerts").Validate([]));
    }

    [Theory]
    [InlineData("", "Give the webhook a name.")]
    [InlineData("   ", "Give the webhook a name.")]
    [InlineData("OPS", "A webhook named 'OPS' exists already.")]
    public void Validate_Name_RequiredAndUniqueIgnoringCase(string name, string message)
    {
        var error = Assert.Single(Hook(name, "https://example.com/x").Validate(["ops"]));

        Assert.Equal(("Name", message), (error.Field, error.Message));
    }

    [Fact]
    public void Validate_LongName_NameError()
    {
        Assert.Equal("Name", Assert.Single(Hook(new string('n', 101), "https://example.com/x").Validate([])).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hooks.slack.com/services/secret")]
    [InlineData("/relative/secret")]
    [InlineData("ftp://example.com/secret")]
    [InlineData("https://example.com/a secret")]
    public void Validate_Url_AbsoluteHttpOrHttpsAndNeverEchoed(string url)
    {
        var error = Assert.Single(Hook("ops", url).Validate([]));

        Assert.Equal("Url", error.Field);
        Assert.DoesNotContain("secret", error.Message);
    }

    private static Webhook Hook(string name, string url) => new(0, name, url, WebhookFormat.Slack, true);
}
