using System.Net;
using Dashboard.Core.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Integration.Tests.Security;

/// <summary>
/// The dashboard as deployed: outside Development, single sign-on configured, started three ways. Trusted names the
/// test's own address (127.0.0.1) as the proxy; NoProxy names none; OtherProxy names a network the test is not in,
/// which also shows the framework's default trust of loopback is gone.
/// </summary>
public sealed class ReverseProxyFixture : IAsyncLifetime
{
    public FakeIdentityProvider Provider { get; private set; } = default!;

    public SecuredApp Trusted { get; private set; } = default!;

    public SecuredApp NoProxy { get; private set; } = default!;

    public SecuredApp OtherProxy { get; private set; } = default!;

    public SecuredApp Named(string name) => name switch
    {
        nameof(Trusted) => Trusted,
        nameof(NoProxy) => NoProxy,
        nameof(OtherProxy) => OtherProxy,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    public async ValueTask InitializeAsync()
    {
        Provider = await FakeIdentityProvider.StartAsync(OidcSignInFixture.ClientId, null);
        Trusted = App(("ReverseProxy:KnownProxies:0", "127.0.0.1"));
        NoProxy = App();
        OtherProxy = App(("ReverseProxy:KnownNetworks:0", "10.0.0.0/8"));
        await Task.WhenAll(Trusted.InitializeAsync().AsTask(), NoProxy.InitializeAsync().AsTask(), OtherProxy.InitializeAsync().AsTask());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in new[] { Trusted, NoProxy, OtherProxy })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
        await Provider.DisposeAsync();
    }

    private SecuredApp App(params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Auth:Oidc:Authority"] = Provider.Authority,
            ["Auth:Oidc:ClientId"] = OidcSignInFixture.ClientId,
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }
        // HSTS is never sent in Development.
        return SecuredApp.With(configuration, environmentName: "Production");
    }
}

/// <summary>
/// A browser on https behind a TLS-terminating proxy (<see cref="TlsTerminatingProxy"/>). Only the proxy named in
/// ReverseProxy may change what the dashboard believes.
/// </summary>
public sealed class ReverseProxyTests(ReverseProxyFixture proxy) : IClassFixture<ReverseProxyFixture>
{
    // A name, not 127.0.0.1: HSTS is never sent to localhost or loopback addresses, whatever the scheme.
    private const string PublicHost = "dashboard.example.com";
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task SignIn_ThroughTheTrustedProxy_SecureCookieHstsAndTheClientAddressAudited()
    {
        using var client = ThroughProxy(proxy.Trusted, Client);

        var response = await proxy.Trusted.SignInAsync(client, "operator", "Operator-demo-1", "/connection");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("; secure", SessionCookie(response), StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var records = await proxy.Trusted.AuditAsync(AuditActions.SignIn, TestContext.Current.CancellationToken);
        var record = Assert.Single(records, r => r.Action == AuditActions.SignIn && r.Actor == "operator");
        Assert.Equal(Client, record.RemoteAddress);
    }

    [Fact]
    public async Task FailedSignIn_ThroughTheTrustedProxy_AuditsTheAddressTheProxyAppended()
    {
        // The first entry is the client's own claim, passed along by the proxy; the last is what the proxy saw.
        using var client = ThroughProxy(proxy.Trusted, "198.51.100.9, " + Client);

        await proxy.Trusted.SignInAsync(client, "viewer", "not-the-password");

        var records = await proxy.Trusted.AuditAsync(AuditActions.SignInFailed, TestContext.Current.CancellationToken);
        var record = Assert.Single(records, r => r.Action == AuditActions.SignInFailed && r.Target == "viewer");
        Assert.Equal(Client, record.RemoteAddress);
    }

    [Fact]
    public async Task SingleSignOn_ThroughTheTrustedProxy_AsksTheProviderToReturnToHttps()
    {
        using var client = ThroughProxy(proxy.Trusted, Client);

        var challenge = await client.GetAsync("/account/signin/oidc?returnUrl=%2F", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal($"https://{PublicHost}/signin-oidc", RedirectUri(challenge));
        var cookies = challenge.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(nameof(ReverseProxyFixture.NoProxy))]
    [InlineData(nameof(ReverseProxyFixture.OtherProxy))]
    public async Task SignIn_ForgedHeadersFromAnUntrustedClient_AreIgnored(string setup)
    {
        var app = proxy.Named(setup);
        using var client = ThroughProxy(app, Client);

        var response = await app.SignInAsync(client, "operator", "Operator-demo-1", "/connection");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("; secure", SessionCookie(response), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS sent on a request that came over http");
        var records = await app.AuditAsync(AuditActions.SignIn, TestContext.Current.CancellationToken);
        var record = Assert.Single(records, r => r.Action == AuditActions.SignIn && r.Actor == "operator");
        Assert.Equal("127.0.0.1", record.RemoteAddress);
    }

    [Theory]
    [InlineData(nameof(ReverseProxyFixture.NoProxy))]
    [InlineData(nameof(ReverseProxyFixture.OtherProxy))]
    public async Task FailedSignIn_ForgedHeadersFromAnUntrustedClient_AuditsTheRealAddress(string setup)
    {
        var app = proxy.Named(setup);
        using var client = ThroughProxy(app, Client);

        await app.SignInAsync(client, "viewer", "not-the-password");

        var records = await app.AuditAsync(AuditActions.SignInFailed, TestContext.Current.CancellationToken);
        var record = Assert.Single(records, r => r.Action == AuditActions.SignInFailed && r.Target == "viewer");
        Assert.Equal("127.0.0.1", record.RemoteAddress);
    }

    [Theory]
    [InlineData(nameof(ReverseProxyFixture.NoProxy))]
    [InlineData(nameof(ReverseProxyFixture.OtherProxy))]
    public async Task SingleSignOn_ForgedHeadersFromAnUntrustedClient_KeepTheRequestsScheme(string setup)
    {
        using var client = ThroughProxy(proxy.Named(setup), Client);

        var challenge = await client.GetAsync("/account/signin/oidc?returnUrl=%2F", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal($"http://{PublicHost}/signin-oidc", RedirectUri(challenge));
    }

    [Theory]
    [InlineData(nameof(ReverseProxyFixture.Trusted), true)]
    [InlineData(nameof(ReverseProxyFixture.NoProxy), false)]
    [InlineData(nameof(ReverseProxyFixture.OtherProxy), false)]
    public async Task SignInForm_FormTokenCookie_IsSecureOnlyOverHttpsFromTheTrustedProxy(string setup, bool secure)
    {
        using var client = ThroughProxy(proxy.Named(setup), Client);

        var form = await client.GetAsync("/account/signin", TestContext.Current.CancellationToken);

        var cookie = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    private static HttpClient ThroughProxy(SecuredApp app, string forwardedFor)
    {
        var proxy = new TlsTerminatingProxy(app.BaseAddress, PublicHost, forwardedFor);
        return new HttpClient(proxy) { BaseAddress = proxy.PublicAddress };
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Dashboard.Session=", StringComparison.Ordinal));

    private static string RedirectUri(HttpResponseMessage challenge) =>
        QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["redirect_uri"].ToString();
}
