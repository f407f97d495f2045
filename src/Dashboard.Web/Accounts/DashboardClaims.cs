using System.Net;
using System.Security.Claims;
using Dashboard.Core.Security;

namespace Dashboard.Web.Accounts;

/// <summary>How a signed-in principal becomes an <see cref="Actor"/>: its name and the role claims the dashboard knows.</summary>
public static class DashboardClaims
{
    /// <summary>Marks principals that came from the OpenID Connect provider rather than a local account.</summary>
    public const string SourceClaim = "dashboard:source";
    public const string OidcSource = "oidc";

    /// <summary>Role names the dashboard knows, as stored and shown ("Viewer", "Engineer", …); anything else is ignored.</summary>
    public static IReadOnlySet<Role> ParseRoles(IEnumerable<string> names)
    {
        var roles = new HashSet<Role>();
        foreach (var name in names)
        {
            if (Enum.TryParse<Role>(name?.Trim(), ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(name, out _))
            {
                roles.Add(role);
            }
        }
        return roles;
    }

    public static IReadOnlySet<Role> RolesOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? ParseRoles(user.Identities.SelectMany(i => i.FindAll(i.RoleClaimType)).Select(c => c.Value))
            : new HashSet<Role>();

    public static Actor ToActor(ClaimsPrincipal user, IPAddress? remoteAddress) =>
        new(user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous", RolesOf(user), Format(remoteAddress));

    public static string? Format(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
