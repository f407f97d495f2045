using System.Security.Claims;
using Dashboard.Core.Input;
using Dashboard.Core.Security;
using Dashboard.Storage;
using Dashboard.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Dashboard.Web.Accounts;

/// <summary>
/// Sign-in and roles: local accounts (ASP.NET Core Identity in the dashboard's database), optional OpenID Connect,
/// cookies, and authorization that requires a signed-in user everywhere except the pages marked anonymous.
/// </summary>
public static class DashboardAuth
{
    public const string SignInPath = "/account/signin";
    public const string SignOutPath = "/account/signout";
    public const string AccessDeniedPath = "/account/denied";
    public const string SetupPath = "/account/setup";
    public const string FormRejectedPath = "/account/form-rejected";
    public const string OidcChallengePath = "/account/signin/oidc";

    /// <summary>Picks the local-account cookie or the single-sign-on cookie, whichever the request carries.</summary>
    public const string Scheme = "Dashboard";
    public const string OidcScheme = "oidc";
    public const string OidcCookieScheme = "Dashboard.Oidc";
    public const string LocalCookieName = ".Dashboard.Session";
    public const string OidcCookieName = ".Dashboard.Sso";

    /// <summary>Accounts, roles and the user administration, without any HTTP: also what tests compose.</summary>
    public static IServiceCollection AddDashboardAccounts(this IServiceCollection services, AuthOptions auth)
    {
        services.AddDataProtection();
        services.AddIdentityCore<IdentityUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                // Length over composition rules (NIST SP 800-63B): a long passphrase beats "Passw0rd!".
                o.Password.RequiredLength = auth.Password.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = auth.Lockout.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(auth.Lockout.Minutes);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddPasswordValidator<PasswordLengthValidator>()
            .AddEntityFrameworkStores<DashboardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();
        services.AddSingleton<UnknownNameLockouts>();
        services.AddSingleton<AccountSeeder>();
        services.AddSingleton<FirstRunSetup>();
        services.AddSingleton<UserAdministration>();
        return services;
    }

    public static IServiceCollection AddDashboardAuth(this IServiceCollection services, IConfiguration configuration)
    {
        // Read here as well as registered (AddDashboardSettings): the schemes are composed from it.
        var auth = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddDashboardAccounts(auth);
        // Keys in the database, so sign-ins and form tokens survive a restart, and every replica behind a load balancer
        // reads the keys another one wrote: a user moved to another replica stays signed in.
        services.AddDataProtection().PersistKeysToDbContext<DashboardDbContext>()
            .SetApplicationName("sagemaker-dashboard");
        services.AddHttpContextAccessor();
        // Form tokens' cookie follows the request's scheme like the session cookie: Secure over https (directly or from
        // a known proxy), still usable over plain http on a laptop.
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(Scheme, "Local account or single sign-on", o => o.ForwardDefaultSelector = context =>
                auth.Oidc.Enabled && context.Request.Cookies.ContainsKey(OidcCookieName) ? OidcCookieScheme : IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(o => ConfigureCookie(o, LocalCookieName, auth));
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        if (auth.Oidc.Enabled)
        {
            authentication.AddCookie(OidcCookieScheme, o => ConfigureCookie(o, OidcCookieName, auth));
            authentication.AddOpenIdConnect(OidcScheme, auth.Oidc.DisplayName, o => ConfigureOidc(o, auth.Oidc));
        }

        // Signed in is not enough: a single-sign-on person whose provider sends none of the dashboard's role names gets
        // in through the provider, and must then be refused every page and download, not shown the fleet. Both the
        // fallback (pages) and the default ([Authorize], RequireAuthorization() on the CSV downloads) say so. Local
        // accounts always keep at least one role, so for them this changes nothing.
        var signedInWithARole = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireAssertion(context => DashboardClaims.RolesOf(context.User).Count > 0).Build();
        var authorization = services.AddAuthorizationBuilder()
            .SetDefaultPolicy(signedInWithARole)
            .SetFallbackPolicy(signedInWithARole);
        foreach (var permission in Enum.GetValues<Permission>())
        {
            authorization.AddPolicy(permission.ToString(), policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => AccessPolicy.Allows(DashboardClaims.RolesOf(context.User), permission)));
        }

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<ClientAddress>();
        services.AddScoped<ICurrentActor, CurrentActor>();
        services.AddScoped<CircuitHandler, ClientAddressCircuitHandler>();
        services.AddScoped<PasswordSignIn>();
        return services;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o, string name, AuthOptions auth)
    {
        o.Cookie.Name = name;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = auth.SessionLifetime;
        o.SlidingExpiration = true;
        o.LoginPath = SignInPath;
        o.LogoutPath = SignOutPath;
        o.AccessDeniedPath = AccessDeniedPath;
        o.Events.OnRedirectToLogin = context =>
        {
            // A session cookie that no longer authenticates (expired, or signed with a key that is gone) means the
            // person was signed in: say so on the sign-in page instead of a bare form.
            var expired = context.Request.Cookies.ContainsKey(LocalCookieName) || context.Request.Cookies.ContainsKey(OidcCookieName);
            var target = expired ? context.RedirectUri + "&expired=true" : context.RedirectUri;
            context.Response.Redirect(target);
            return Task.CompletedTask;
        };
    }

    private static void ConfigureOidc(OpenIdConnectOptions o, AuthOptions.OidcSettings oidc)
    {
        o.SignInScheme = OidcCookieScheme;
        o.Authority = oidc.Authority;
        o.ClientId = oidc.ClientId;
        o.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
        o.ResponseType = "code";
        o.UsePkce = true;
        // The provider sends the person back with a redirect (GET), not the handler's default self-posting form: a
        // cross-site POST carries only SameSite=None cookies, which browsers keep only when Secure, so over plain http
        // (any http address but localhost, and Safari even there) the correlation and nonce cookies never came back and
        // every sign-in ended in "Correlation failed". A redirect carries Lax cookies, and those can follow the request's
        // scheme like the session cookie. PKCE keeps the code in the address useless to anyone else.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = true;
        o.RequireHttpsMetadata = new Uri(oidc.Authority!).Scheme == Uri.UriSchemeHttps || !new Uri(oidc.Authority!).IsLoopback;
        o.Scope.Clear();
        foreach (var scope in oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append("openid").Distinct())
        {
            o.Scope.Add(scope);
        }
        o.Events.OnTicketReceived = context =>
        {
            context.Principal = OidcPrincipal(context.Principal!, oidc.RoleClaim);
            if (context.Principal is null)
            {
                context.Response.Redirect(SignInPath + "?error=sso-name");
                context.HandleResponse();
            }
            return Task.CompletedTask;
        };
        o.Events.OnRemoteFailure = context =>
        {
            // The provider's error text can carry request details; the page says only what to do.
            context.Response.Redirect(SignInPath + "?error=sso");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    /// <summary>
    /// The provider's identity reduced to a name and the dashboard's roles; unknown role names are ignored. The name is
    /// the first claim the audit trail can record (not blank, not `system`); null when the provider sent none.
    /// </summary>
    public static ClaimsPrincipal? OidcPrincipal(ClaimsPrincipal external, string roleClaim)
    {
        var name = new[] { "preferred_username", "name", "email", "sub" }
            .Select(type => external.FindFirst(type)?.Value).FirstOrDefault(v => Names.ActorNameError(v) is null)?.Trim();
        if (name is null)
        {
            return null;
        }
        var roleNames = external.FindAll(roleClaim).SelectMany(c => c.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries));
        var identity = new ClaimsIdentity(OidcScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        identity.AddClaim(new Claim(DashboardClaims.SourceClaim, DashboardClaims.OidcSource));
        foreach (var role in DashboardClaims.ParseRoles(roleNames))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        }
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A local URL to go back to after signing in; anything else (another site, "//evil") becomes "/".</summary>
    public static string LocalOrRoot(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";
}
