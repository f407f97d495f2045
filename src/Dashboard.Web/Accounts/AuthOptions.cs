using Microsoft.Extensions.Options;

namespace Dashboard.Web.Accounts;

/// <summary>Configuration section "Auth": local accounts (lockout, password rules) and optional OpenID Connect sign-in.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public OidcSettings Oidc { get; set; } = new();

    public LockoutSettings Lockout { get; set; } = new();

    public PasswordSettings Password { get; set; } = new();

    /// <summary>How long a sign-in lasts without a request; each request slides it forward.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    public sealed class OidcSettings
    {
        /// <summary>The identity provider's issuer URL; OpenID Connect sign-in is offered only when this is set.</summary>
        public string? Authority { get; set; }

        public string? ClientId { get; set; }

        /// <summary>Never shown or logged.</summary>
        public string? ClientSecret { get; set; }

        /// <summary>The claim in the ID token that carries role names (Viewer, Engineer, Operator, Admin).</summary>
        public string RoleClaim { get; set; } = "roles";

        /// <summary>Space-separated scopes requested besides the provider's defaults.</summary>
        public string Scopes { get; set; } = "openid profile";

        /// <summary>What the sign-in button says.</summary>
        public string DisplayName { get; set; } = "single sign-on";

        public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
    }

    public sealed class LockoutSettings
    {
        public int MaxFailedAttempts { get; set; } = 5;

        public int Minutes { get; set; } = 15;
    }

    public sealed class PasswordSettings
    {
        public int MinimumLength { get; set; } = 12;
    }
}

public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private const string Oidc = AuthOptions.Section + ":Oidc";

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        var oidc = options.Oidc;
        if (oidc.Enabled)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                errors.Add($"{Oidc}:Authority must be an absolute https:// URL (was '{oidc.Authority}').");
            }
            else if (authority.Scheme == "http" && !authority.IsLoopback)
            {
                errors.Add($"{Oidc}:Authority must use https:// (plain http is accepted only for a provider on this machine; was '{oidc.Authority}').");
            }
            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                errors.Add($"{Oidc}:ClientId must be set when {Oidc}:Authority is.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(oidc.ClientId) || !string.IsNullOrWhiteSpace(oidc.ClientSecret))
        {
            errors.Add($"{Oidc}:Authority must be set when {Oidc}:ClientId or {Oidc}:ClientSecret is (OpenID Connect needs all of them).");
        }
        if (string.IsNullOrWhiteSpace(oidc.RoleClaim))
        {
            errors.Add($"{Oidc}:RoleClaim must name a claim (default 'roles').");
        }
        if (options.Lockout.MaxFailedAttempts is < 1 or > 100)
        {
            errors.Add($"{AuthOptions.Section}:Lockout:MaxFailedAttempts must be between 1 and 100 (was {options.Lockout.MaxFailedAttempts}).");
        }
        if (options.Lockout.Minutes is < 1 or > 1440)
        {
            errors.Add($"{AuthOptions.Section}:Lockout:Minutes must be between 1 and 1440 (was {options.Lockout.Minutes}).");
        }
        if (options.Password.MinimumLength is < 8 or > 128)
        {
            errors.Add($"{AuthOptions.Section}:Password:MinimumLength must be between 8 and 128 (was {options.Password.MinimumLength}).");
        }
        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(30))
        {
            errors.Add($"{AuthOptions.Section}:SessionLifetime must be between 00:05:00 and 30.00:00:00 (was {options.SessionLifetime}).");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
