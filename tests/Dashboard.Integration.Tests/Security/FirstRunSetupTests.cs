using System.Net;
using Dashboard.Core.Audit;

namespace Dashboard.Integration.Tests.Security;

/// <summary>Outside simulated mode there is no default password: the first start asks for an administrator.</summary>
public sealed class FirstRunSetupTests
{
    [Fact]
    public async Task LiveMode_NoUsers_EveryPageLeadsToSetup_ThenSetupClosesAndTheAdminSignsIn()
    {
        var ct = TestContext.Current.CancellationToken;
        // Live mode against an address where nothing listens: the collectors fail quietly, the pages still answer.
        await using var app = SecuredApp.With(new Dictionary<string, string?>
        {
            ["Dashboard:Mode"] = "Live",
            ["Aws:AccessKeyId"] = "AKIDTEST",
            ["Aws:SecretAccessKey"] = "test-secret",
            ["Aws:CloudWatchServiceUrl"] = "http://127.0.0.1:9",
            ["Aws:SageMakerServiceUrl"] = "http://127.0.0.1:9",
            ["Aws:StsServiceUrl"] = "http://127.0.0.1:9",
            ["Aws:S3ServiceUrl"] = "http://127.0.0.1:9",
        });
        await app.InitializeAsync();
        using var client = app.NewClient();

        foreach (var path in new[] { "/", "/connection", "/account/signin" })
        {
            var response = await client.GetAsync(path, ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.EndsWith("/account/setup", response.Headers.Location!.ToString());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", ct)).StatusCode);

        // No demo account exists outside simulated mode.
        var form = await SecuredApp.FormAsync(client, "/account/setup");
        form["UserName"] = "root";
        form["Password"] = "short";
        form["ConfirmPassword"] = "short";
        var weak = await SecuredApp.PostAsync(client, "/account/setup", form);
        Assert.Contains("at least 12 characters", await weak.Content.ReadAsStringAsync(ct));

        // The audit trail's own name is not a person's, whatever its case.
        form = await SecuredApp.FormAsync(client, "/account/setup");
        form["UserName"] = "System";
        form["Password"] = "a long first-run passphrase";
        form["ConfirmPassword"] = "a long first-run passphrase";
        var reserved = System.Net.WebUtility.HtmlDecode(await (await SecuredApp.PostAsync(client, "/account/setup", form)).Content.ReadAsStringAsync(ct));
        Assert.Contains("'System' is too close to 'system', the audit trail's name for the dashboard itself", reserved);

        form = await SecuredApp.FormAsync(client, "/account/setup");
        form["UserName"] = "root";
        form["Password"] = "a long first-run passphrase";
        form["ConfirmPassword"] = "a long first-run passphrase";
        var created = await SecuredApp.PostAsync(client, "/account/setup", form);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("/account/signin", created.Headers.Location!.ToString());

        var closed = await client.GetAsync("/account/setup", ct);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Contains("/account/signin", closed.Headers.Location!.ToString());
        var demo = await app.SignInAsync(client, "admin", "Admin-demo-1");
        Assert.Contains("The user name or password is not right.", await demo.Content.ReadAsStringAsync(ct));
        var signedIn = await app.SignInAsync(client, "root", "a long first-run passphrase", "/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users", ct)).StatusCode);

        var record = Assert.Single(await app.AuditAsync(AuditActions.UserCreate, ct));
        Assert.Equal("root", record.Target);
        Assert.DoesNotContain("passphrase", record.After);
    }
}
