using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Dashboard.Core.Audit;
using Dashboard.Web.Components;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Integration.Tests.Security;

[CollectionDefinition(Name)]
public sealed class SecuredAppCollection : ICollectionFixture<SecuredApp>
{
    public const string Name = "secured-app";
}

/// <summary>The running dashboard over HTTP: what is reachable without signing in, and how sign-in answers bad input.</summary>
[Collection(SecuredAppCollection.Name)]
public sealed partial class SignInTests(SecuredApp app)
{
    /// <summary>The pages meant to be reachable without a sign-in; any other anonymous page fails the test below.</summary>
    private static readonly string[] AnonymousPages = ["/account/signin", "/account/setup", "/account/denied", "/account/form-rejected", "/Error"];

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var (route, _) in Routes().Where(r => !r.Anonymous))
        {
            data.Add(route);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_Unauthenticated_RedirectsToSignInWithReturnUrl(string route)
    {
        using var client = app.NewClient();
        var path = Concrete(route);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(new Uri(app.BaseAddress, "/account/signin").ToString(), location);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location);
        Assert.DoesNotContain("expired", location);
    }

    [Fact]
    public void Routes_AnonymousPages_AreOnlyTheAccountPages()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Route == "/" && !r.Anonymous);
        Assert.Equal(AnonymousPages.Order(), routes.Where(r => r.Anonymous).Select(r => r.Route).Order());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/favicon.png")]
    [InlineData("/app.css")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/account/signin")]
    public async Task AnonymousEndpoints_Answer200(string path)
    {
        using var client = app.NewClient();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/favicon.png")]
    [InlineData("/")]
    public async Task Answers_CarrySecurityHeaders(string path)
    {
        using var client = app.NewClient();
        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task SignInPage_ImportMap_CarriesTheNonceOfItsPolicy()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/account/signin", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var nonce = Regex.Match(Assert.Single(response.Headers.GetValues("Content-Security-Policy")), "'nonce-([^']+)'").Groups[1].Value;
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html);
    }

    [Fact]
    public async Task SignIn_DemoOperator_RedirectsToReturnUrlWithAHardenedCookieAndIsAudited()
    {
        using var client = app.NewClient();
        var response = await app.SignInAsync(client, "operator", "Operator-demo-1", "/connection");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/connection", response.Headers.Location!.OriginalString.Replace(app.BaseAddress.ToString().TrimEnd('/'), ""));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Dashboard.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/connection", TestContext.Current.CancellationToken)).StatusCode);

        var records = await app.AuditAsync(AuditActions.SignIn, TestContext.Current.CancellationToken);
        Assert.Contains(records, r => r.Action == AuditActions.SignIn && r.Actor == "operator" && r.RemoteAddress == "127.0.0.1");
    }

    [Fact]
    public async Task SignIn_ReturnUrlToAnotherSite_GoesHomeInstead()
    {
        using var client = app.NewClient();
        var response = await app.SignInAsync(client, "viewer", "Viewer-demo-1", "//evil.example.com/x");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(new Uri(app.BaseAddress, "/"), new Uri(app.BaseAddress, response.Headers.Location!));
    }

    [Fact]
    public async Task SignIn_WrongPassword_SaysSoWithoutDetailsAndIsAudited()
    {
        using var client = app.NewClient();
        var response = await app.SignInAsync(client, "viewer", "not-the-password");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is not right.", html);
        Assert.DoesNotContain("not-the-password", html);
        Assert.DoesNotContain("Exception", html);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(".Dashboard.Session=", StringComparison.Ordinal)));

        var records = await app.AuditAsync(AuditActions.SignInFailed, TestContext.Current.CancellationToken);
        var record = Assert.Single(records, r => r.Action == AuditActions.SignInFailed && r.Target == "viewer");
        Assert.DoesNotContain("not-the-password", record.After ?? "");
        Assert.DoesNotContain("not-the-password", app.Output);
    }

    [Fact]
    public async Task SignIn_UnknownUser_GetsTheSameMessage()
    {
        using var client = app.NewClient();
        var response = await app.SignInAsync(client, "nobody-here", "whatever-password");
        Assert.Contains("The user name or password is not right.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_LockTheAccountSayUntilWhenAndAreAudited()
    {
        using var client = app.NewClient();
        // A name without an account, tried in step with the account, must get every answer the account gets.
        var unknownAnswers = new List<string>();
        var accountAnswers = new List<string>();
        async Task<string> TryBothAsync(string password)
        {
            var html = await (await app.SignInAsync(client, "engineer", password)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            accountAnswers.Add(Message(html));
            unknownAnswers.Add(Message(await (await app.SignInAsync(client, "no-such-person", password)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
            return html;
        }
        for (var i = 1; i < SecuredApp.MaxFailedAttempts; i++)
        {
            Assert.Contains("The user name or password is not right.", await TryBothAsync("wrong-" + i));
        }

        var lockedHtml = WebUtility.HtmlDecode(await TryBothAsync("wrong-last"));
        Assert.Matches($@"This account is locked after {SecuredApp.MaxFailedAttempts} failed sign-ins\. Try again after \d\d:\d\d UTC \(in about 1[45] minutes\)", lockedHtml);

        // Even the right password is refused while the lockout lasts.
        var right = await app.SignInAsync(client, "engineer", "Engineer-demo-1");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("This account is locked", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await TryBothAsync("Engineer-demo-1");
        Assert.Equal(accountAnswers, unknownAnswers);
        var unknownLockouts = await app.AuditAsync(AuditActions.SignInLockedOut, TestContext.Current.CancellationToken);
        Assert.Equal(2, unknownLockouts.Count(r => r.Target == "no-such-person" && r.After!.Contains("\"knownUser\":false", StringComparison.Ordinal)));

        var lockouts = await app.AuditAsync(AuditActions.SignInLockedOut, TestContext.Current.CancellationToken);
        Assert.Equal(3, lockouts.Count(r => r.Action == AuditActions.SignInLockedOut && r.Target == "engineer"));
        Assert.Contains("lockedOutUntil", lockouts.First(r => r.Target == "engineer").After);
        var failures = await app.AuditAsync(AuditActions.SignInFailed, TestContext.Current.CancellationToken);
        Assert.Equal(SecuredApp.MaxFailedAttempts - 1, failures.Count(r => r.Action == AuditActions.SignInFailed && r.Target == "engineer"));
    }

    /// <summary>The sign-in page's message, with the clock times it names masked (the two lockouts start seconds apart).</summary>
    private static string Message(string html)
    {
        var text = WebUtility.HtmlDecode(Regex.Match(html, "class=\"mud-alert-message\"[^>]*>(.*?)</div>", RegexOptions.Singleline).Groups[1].Value).Trim();
        Assert.NotEmpty(text);
        return Regex.Replace(text, @"\d\d:\d\d UTC \(in about \d+ minutes?\)", "HH:mm UTC (in about N minutes)");
    }

    [Fact]
    public async Task SignIn_TamperedAntiforgeryToken_IsRefusedWithAClearPage()
    {
        using var client = app.NewClient();
        var form = await SecuredApp.FormAsync(client, "/account/signin");
        form["__RequestVerificationToken"] = "X" + form["__RequestVerificationToken"][1..];
        form["UserName"] = "admin";
        form["Password"] = "Admin-demo-1";

        var response = await SecuredApp.PostAsync(client, "/account/signin", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/form-rejected", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".Dashboard.Session=", StringComparison.Ordinal));
        var page = await client.GetAsync(response.Headers.Location, TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("The form was not accepted", html);
        Assert.Contains("Nothing was changed", html);
    }

    [Fact]
    public async Task ExpiredSession_RedirectsToSignInThatSaysSo()
    {
        using var client = app.NewClient();
        // A session cookie that no longer authenticates: what the browser sends after the sign-in has expired.
        client.DefaultRequestHeaders.Add("Cookie", ".Dashboard.Session=CfDJ8expired");

        var response = await client.GetAsync("/connection", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("expired=true", response.Headers.Location!.ToString());
        var page = await client.GetStringAsync(response.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Contains("Your session has expired. Sign in again to continue.", page);
    }

    [Fact]
    public async Task UsersPage_SignedInAsViewer_IsDenied()
    {
        using var client = app.NewClient();
        await app.SignInAsync(client, "viewer", "Viewer-demo-1");

        var response = await client.GetAsync("/admin/users", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString());
        var page = await client.GetStringAsync(response.Headers.Location, TestContext.Current.CancellationToken);
        Assert.Contains("You are signed in as viewer with the role Viewer, which does not allow this page.", page);
    }

    [Fact]
    public async Task UsersPage_SignedInAsAdmin_Answers200()
    {
        using var client = app.NewClient();
        await app.SignInAsync(client, "admin", "Admin-demo-1");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = app.NewClient();
        await app.SignInAsync(client, "viewer", "Viewer-demo-1");
        var html = await client.GetStringAsync("/connection", TestContext.Current.CancellationToken);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var response = await client.PostAsync("/account/signout",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("signedOut=true", response.Headers.Location!.ToString());
        var after = await client.GetAsync("/connection", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.DoesNotContain("expired", after.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SetupPage_InSimulatedMode_IsClosed()
    {
        using var client = app.NewClient();
        var response = await client.GetAsync("/account/setup", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location!.ToString());
    }

    private static List<(string Route, bool Anonymous)> Routes() =>
        typeof(App).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)))
            .ToList();

    /// <summary>A route template with every parameter filled with a plausible value.</summary>
    private static string Concrete(string route) =>
        RouteParameter().Replace(route, m => m.Groups["type"].Value switch
        {
            "int" or "long" => "1",
            "guid" => Guid.Empty.ToString(),
            "bool" => "true",
            _ => "x",
        });

    [GeneratedRegex(@"\{\*?\*?(?<name>[A-Za-z_]+)(:(?<type>[a-z]+))?[^}]*\}")]
    private static partial Regex RouteParameter();
}
