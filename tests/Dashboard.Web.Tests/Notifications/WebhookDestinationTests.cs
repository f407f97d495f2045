using Bunit;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Dashboard.Web.Notifications;

namespace Dashboard.Web.Tests.Notifications;

/// <summary>The settings page refuses webhook URLs that lead inside the network, at the URL field, saving and auditing nothing.</summary>
public class WebhookDestinationTests : NotificationPageContext
{
    public static TheoryData<string> PrivateDestinations => new(BadInput.PrivateDestinations);

    [Theory]
    [MemberData(nameof(PrivateDestinations))]
    public async Task Admin_PrivateDestination_RefusedAtTheUrlFieldNothingSavedOrAudited(string url)
    {
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        await AddAsync(cut, "inside", url);

        cut.WaitForAssertion(() => Assert.False(string.IsNullOrWhiteSpace(UrlError(cut))));
        Assert.Null(NameError(cut));
        Assert.DoesNotContain("pw", UrlError(cut), StringComparison.Ordinal);
        Assert.Empty(await Webhooks.ListAsync(Ct));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Theory]
    [InlineData("http://2852039166/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public async Task Admin_MetadataServiceAddress_FieldSaysWhatItIsAndWhereToAllowIt(string url)
    {
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        await AddAsync(cut, "metadata", url);

        cut.WaitForAssertion(() => Assert.Equal(
            "The URL points at 169.254.169.254, a link-local address (the cloud metadata service); add 169.254.169.254 to "
            + "Notifications:AllowedDestinations to allow it.", UrlError(cut)));
    }

    [Fact]
    public async Task Admin_NameResolvingToTheMetadataService_FieldSaysWhereItResolves()
    {
        Resolver.Map("metadata.example.test", "169.254.169.254");
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        await AddAsync(cut, "sneaky", "https://metadata.example.test/hooks/secret-token");

        cut.WaitForAssertion(() => Assert.Equal(
            "metadata.example.test resolves to 169.254.169.254, a link-local address (the cloud metadata service); add "
            + "metadata.example.test or 169.254.169.254 to Notifications:AllowedDestinations to allow it.", UrlError(cut)));
        Assert.DoesNotContain("secret-token", UrlError(cut), StringComparison.Ordinal);
        Assert.Empty(await Webhooks.ListAsync(Ct));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task Admin_UnresolvableName_RefusedAtTheField()
    {
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        await AddAsync(cut, "typo", "https://hooks.slack.con/services/T/B/x");

        cut.WaitForAssertion(() => Assert.Equal("hooks.slack.con could not be resolved with DNS; check the host name.", UrlError(cut)));
        Assert.Empty(await Webhooks.ListAsync(Ct));
    }

    [Fact]
    public async Task Admin_AllowListedNetwork_SavedThereButNotNextDoor()
    {
        AllowedDestinations.Add("10.0.0.0/24");
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        await AddAsync(cut, "next-door", "http://10.0.1.5/hook");
        cut.WaitForAssertion(() => Assert.StartsWith("The URL points at 10.0.1.5, a private address", UrlError(cut), StringComparison.Ordinal));
        await AddAsync(cut, "internal", "http://10.0.0.5/hook");

        cut.WaitForAssertion(() => Assert.Contains("http://10.0.0.5/…", cut.Find("[data-testid=webhook-row]").TextContent));
        Assert.Equal(["internal"], (await Webhooks.ListAsync(Ct)).Select(w => w.Name));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'webhook.create'"));
    }

    [Fact]
    public async Task Admin_EnablingAWebhookWhoseNameNowResolvesInside_StaysDisabledNothingAudited()
    {
        Resolver.Map("hooks.example.test", "52.0.0.2");
        var hook = await Webhooks.CreateAsync(new Webhook(0, "ops", "https://hooks.example.test/x", WebhookFormat.Generic, false), Admin, Ct);
        Resolver.Map("hooks.example.test", "10.0.0.5");
        SignInAs("ada", Role.Admin);
        var cut = Render<NotificationSettingsPage>();

        cut.WaitForElement("input[data-testid=webhook-enabled]").Change(true);

        cut.WaitForAssertion(() => Assert.Equal(
            "ops stays disabled: hooks.example.test resolves to 10.0.0.5, a private address; add hooks.example.test or 10.0.0.5 to "
            + "Notifications:AllowedDestinations to allow it.", cut.Find("[data-testid=settings-message]").TextContent.Trim()));
        Assert.False((await Webhooks.FindAsync(hook.Id, Ct))!.Enabled);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'webhook.update'"));
    }

    private static async Task AddAsync(IRenderedComponent<NotificationSettingsPage> cut, string name, string url)
    {
        await cut.InvokeAsync(() => cut.WaitForElement("input[data-testid=webhook-name]").Change(name));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=webhook-url]").Change(url));
        await cut.InvokeAsync(() => cut.Find("[data-testid=webhook-add]").Click());
    }

    private static string? UrlError(IRenderedComponent<NotificationSettingsPage> cut) => FieldError(cut, "webhook-url");

    private static string? NameError(IRenderedComponent<NotificationSettingsPage> cut) => FieldError(cut, "webhook-name");

    private static string? FieldError(IRenderedComponent<NotificationSettingsPage> cut, string testId)
    {
        var control = cut.Find($"input[data-testid={testId}]").Closest(".mud-input-control");
        var text = control?.QuerySelector(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error")?.TextContent.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }
}
