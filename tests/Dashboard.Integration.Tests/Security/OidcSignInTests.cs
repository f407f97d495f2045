using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Integration.Tests.Security;

/// <summary>The dashboard configured for single sign-on against <see cref="FakeIdentityProvider"/>, as a confidential client.</summary>
public sealed class OidcSignInFixture : IAsyncLifetime
{
    public const string ClientId = "sagemaker-dashboard";
    private const string ClientSecret = "fake-idp-client-secret";

    public FakeIdentityProvider Provider { get; private set; } = default!;

    public SecuredApp App { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Provider = await FakeIdentityProvider.StartAsync(ClientId, ClientSecret);
        App = SecuredApp.With(new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = Provider.Authority,
            ["Auth:Oidc:ClientId"] = ClientId,
            ["Auth:Oidc:ClientSecret"] = ClientSecret,
            ["Auth:Oidc:DisplayName"] = "Fake IdP",
        });
        await App.InitializeAsync();
        Provider.RedirectUri = new Uri(App.BaseAddress, "/signin-oidc");
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Single sign-on end to end over HTTP, as a browser does it: the dashboard's challenge, the provider's answer brought
/// back, the code exchanged for tokens (PKCE, client secret, signature, nonce), the session cookie, then the pages.
/// </summary>
public sealed partial class OidcSignInTests(OidcSignInFixture oidc) : IClassFixture<OidcSignInFixture>
{
    private SecuredApp App => oidc.App;

    [Fact]
    public async Task SignIn_Operator_LandsOnTheAskedPageUnderTheirName()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.NewClient();

        var (callback, login) = await SignInAsync(client, "/alarms", Person("olivia.ops", new[] { "Operator" }));

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/alarms", PathOf(callback.Headers.Location!));
        var cookie = Assert.Single(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Dashboard.Sso=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotEmpty(login.Request!.Nonce);
        Assert.Equal(["openid", "profile"], login.Request.Scope.Split(' ').Order());
        Assert.True(login.CodeRedeemed, "the code was not exchanged");
        Assert.True(login.UserInfoServed, "the userinfo endpoint was not asked");

        var page = await client.GetAsync("/alarms", ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("olivia.ops", Shown(html, "signed-in-user"));
        Assert.Equal("Operator", Shown(html, "signed-in-roles"));
    }

    [Fact]
    public async Task SignIn_RolesInOneSpaceSeparatedValue_GrantsEachRole()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.NewClient();
        await SignInAsync(client, "/", Person("sam.sso", "Engineer Admin"));

        var page = await client.GetAsync("/admin/users", ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Engineer · Admin", Shown(await page.Content.ReadAsStringAsync(ct), "signed-in-roles"));
    }

    [Fact]
    public async Task SignIn_NoKnownRole_SignsInButEveryPageIsDenied()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.NewClient();
        var (callback, _) = await SignInAsync(client, "/alarms", Person("nora.norole", new[] { "Auditor", "dashboard-users" }));
        Assert.Equal("/alarms", PathOf(callback.Headers.Location!));
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Dashboard.Sso=", StringComparison.Ordinal));

        // The pages, and the downloads that carry the same data.
        foreach (var path in new[] { "/", "/alarms", "/alarms/history", "/alarms/mutes", "/audit", "/connection", "/settings/notifications",
            "/admin/users", "/audit.csv", "/alarms/history.csv" })
        {
            var response = await client.GetAsync(path, ct);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path} answered {(int)response.StatusCode} to a person with no role");
            Assert.Equal("/account/denied", PathOf(response.Headers.Location!).Split('?')[0]);
        }
        var denied = await client.GetAsync("/account/denied", ct);
        Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains("You are signed in as nora.norole with no role, which does not allow this page.", await denied.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task SignIn_Operator_IsDeniedTheUsersPage()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.NewClient();
        await SignInAsync(client, "/", Person("otto.ops", new[] { "Operator" }));

        var response = await client.GetAsync("/admin/users", ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", PathOf(response.Headers.Location!).Split('?')[0]);
        var page = await client.GetStringAsync(response.Headers.Location, ct);
        Assert.Contains("You are signed in as otto.ops with the role Operator, which does not allow this page.", page);
    }

    [Fact]
    public async Task UsersPage_OidcAdmin_ListsLocalAccountsButNotSingleSignOnPeople()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.NewClient();
        await SignInAsync(client, "/", Person("ada.sso", new[] { "Admin" }));

        var page = await client.GetAsync("/admin/users", ct);
        var html = await page.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-testid=\"user-row-viewer\"", html);
        Assert.Contains("data-testid=\"user-row-admin\"", html);
        Assert.DoesNotContain("user-row-ada.sso", html);
    }

    [Fact]
    public async Task SignIn_PreferredNameIsTheAuditTrailsOwn_SignsInUnderTheNextClaim()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.NewClient();

        var (callback, _) = await SignInAsync(client, "/alarms", Person("System", new[] { "Operator" }));

        Assert.Equal("/alarms", PathOf(callback.Headers.Location!));
        var html = await client.GetStringAsync("/alarms", ct);
        Assert.Equal("sub-System", Shown(html, "signed-in-user"));
    }

    [Fact]
    public async Task SignIn_EveryNameReserved_RefusedWithoutASessionAndSaysWhy()
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = App.NewClient();
        var person = new Dictionary<string, object> { ["sub"] = "system", ["preferred_username"] = "\u0455ystem", ["roles"] = new[] { "Admin" } };

        var (callback, _) = await SignInAsync(client, "/admin/users", person);

        Assert.Equal("/account/signin?error=sso-name", PathOf(callback.Headers.Location!));
        Assert.DoesNotContain(callback.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith(".Dashboard.Sso=", StringComparison.Ordinal));
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(callback.Headers.Location, ct));
        Assert.Contains("Your identity provider sent no name the dashboard can record", html);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/users", ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_ProviderAnswersAccessDenied_BackOnTheSignInPageWithoutASession()
    {
        using var client = App.NewClient();

        var (callback, login) = await SignInAsync(client, "/alarms", Person("dan.declines", new[] { "Operator" }), ProviderFault.AccessDenied);

        Assert.False(login.CodeRedeemed);
        await AssertRefusedAsync(client, callback);
    }

    [Fact]
    public async Task SignIn_IdTokenSignedWithAnUnpublishedKey_IsRefusedWithoutASession()
    {
        using var client = App.NewClient();

        var (callback, login) = await SignInAsync(client, "/alarms", Person("fred.forged", new[] { "Admin" }), ProviderFault.WrongSigningKey);

        // The code was exchanged, so it is the token's signature that was refused, not an earlier step.
        Assert.True(login.CodeRedeemed, "the dashboard did not get as far as the token");
        Assert.False(login.UserInfoServed);
        await AssertRefusedAsync(client, callback);
    }

    [Fact]
    public async Task Challenge_OverPlainHttp_AsksForARedirectBackAndSetsCookiesTheBrowserSendsBack()
    {
        using var client = App.NewClient();

        var challenge = await client.GetAsync("/account/signin/oidc?returnUrl=%2Falarms", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        // No response_mode means query, the code flow's default: the provider redirects back.
        Assert.False(query.TryGetValue("response_mode", out var mode), $"response_mode={mode}");
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        // A cookie marked Secure is not kept or not sent back over http, and a SameSite=None one must be Secure; either
        // way the callback would find no correlation cookie and refuse the sign-in.
        var cookies = challenge.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.OpenIdConnect.Nonce.", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.Contains("samesite=lax", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("; secure", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>
    /// The browser's part of a sign-in: ask the dashboard for single sign-on, go to the provider, sign in there as
    /// the person, and bring the provider's answer back to the dashboard's /signin-oidc (the provider only answers the
    /// redirect URI registered for the client). Returns the dashboard's answer there.
    /// </summary>
    private async Task<(HttpResponseMessage Callback, ProviderLogin Login)> SignInAsync(HttpClient client, string returnUrl,
        IReadOnlyDictionary<string, object> person, ProviderFault fault = ProviderFault.None)
    {
        var ct = TestContext.Current.CancellationToken;
        var challenge = await client.GetAsync("/account/signin/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl), ct);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(oidc.Provider.Authority + "/authorize?", authorize.ToString());

        var login = oidc.Provider.SignInAs(authorize, person, fault);
        var answer = await client.GetAsync(login.Address, ct);
        // The provider answers the way the dashboard asked: a redirect back, or a page whose form posts itself back.
        var callback = answer.StatusCode == HttpStatusCode.Redirect
            ? await client.GetAsync(answer.Headers.Location, ct)
            : await PostFormBackAsync(client, answer);
        return (callback, login);
    }

    private async Task<HttpResponseMessage> PostFormBackAsync(HttpClient client, HttpResponseMessage page)
    {
        var ct = TestContext.Current.CancellationToken;
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"The provider refused the authorization request: {html}");
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups["action"].Value);
        return await client.PostAsync(action, new FormUrlEncodedContent(SecuredApp.HiddenFields(html)), ct);
    }

    /// <summary>A sign-in that did not complete: the sign-in page says so plainly, and there is no session.</summary>
    private async Task AssertRefusedAsync(HttpClient client, HttpResponseMessage callback)
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/account/signin?error=sso", PathOf(callback.Headers.Location!));
        Assert.DoesNotContain(callback.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.StartsWith(".Dashboard.Sso=", StringComparison.Ordinal));

        var page = await client.GetAsync(callback.Headers.Location, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Single sign-on did not complete.", html);
        Assert.DoesNotContain("Exception", html);
        Assert.DoesNotContain("   at ", html);
        Assert.DoesNotContain("access_denied", html);

        var after = await client.GetAsync("/alarms", ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/account/signin", PathOf(after.Headers.Location!).Split('?')[0]);
    }

    /// <summary>A person at the provider: subject, user name and the role claim as the provider sends it (array or one string).</summary>
    private static Dictionary<string, object> Person(string userName, object roles) =>
        new() { ["sub"] = "sub-" + userName, ["preferred_username"] = userName, ["roles"] = roles };

    private string PathOf(Uri location) => new Uri(App.BaseAddress, location).PathAndQuery;

    /// <summary>The text of the element with this data-testid.</summary>
    private static string Shown(string html, string testId)
    {
        var match = Regex.Match(html, $"<[^>]*data-testid=\"{testId}\"[^>]*>(?<text>[^<]*)<");
        Assert.True(match.Success, $"No {testId} on the page");
        return WebUtility.HtmlDecode(match.Groups["text"].Value).Trim();
    }

    [GeneratedRegex("<form[^>]*action=\"(?<action>[^\"]+)\"")]
    private static partial Regex FormAction();
}
