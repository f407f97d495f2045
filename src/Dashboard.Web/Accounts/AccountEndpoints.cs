using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace Dashboard.Web.Accounts;

public static class AccountEndpoints
{
    /// <summary>Sign-out (a POST with an antiforgery token, so another site cannot sign people out) and the SSO start.</summary>
    public static IEndpointRouteBuilder MapDashboardAccountEndpoints(this IEndpointRouteBuilder endpoints, AuthOptions auth)
    {
        endpoints.MapPost(DashboardAuth.SignOutPath, async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            if (auth.Oidc.Enabled)
            {
                await context.SignOutAsync(DashboardAuth.OidcCookieScheme);
            }
            return Results.LocalRedirect(DashboardAuth.SignInPath + "?signedOut=true");
        }).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());

        if (auth.Oidc.Enabled)
        {
            endpoints.MapGet(DashboardAuth.OidcChallengePath, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = DashboardAuth.LocalOrRoot(returnUrl) }, [DashboardAuth.OidcScheme]))
                .AllowAnonymous();
        }
        return endpoints;
    }

    /// <summary>
    /// HTTPS redirection and HSTS are for a dashboard that is served over TLS; the plain http://localhost:5000 of the
    /// README keeps working. True when a listening address, Kestrel endpoint or https_port names HTTPS.
    /// </summary>
    public static bool ServesHttps(IConfiguration configuration)
    {
        var addresses = new[] { configuration["urls"], configuration["ASPNETCORE_URLS"], configuration["URLS"] }
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]));
        return addresses.Any(a => a?.Contains("https://", StringComparison.OrdinalIgnoreCase) == true)
            || !string.IsNullOrEmpty(configuration["https_port"]) || !string.IsNullOrEmpty(configuration["ASPNETCORE_HTTPS_PORT"]);
    }
}
