using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Accounts;

/// <summary>One local account as the Users page shows it.</summary>
public sealed record UserSummary(string UserName, IReadOnlySet<Role> Roles, DateTimeOffset? LockedOutUntil, int FailedAttempts);

/// <summary>The outcome of a change the person can fix (a taken name, a weak password, the last administrator).</summary>
public sealed record UserChangeResult(bool Succeeded, string Message)
{
    public static UserChangeResult Ok(string message) => new(true, message);

    public static UserChangeResult Refused(string message) => new(false, message);
}

/// <summary>
/// Local accounts and their roles. Every method demands <see cref="Permission.ManageUsers"/> of the actor itself, so
/// hiding a button is never the only check, and every change is written to the audit trail with the roles before and
/// after (never a password). Each call uses its own DI scope, so a long-lived circuit never holds a stale DbContext.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IAuditLog audit, TimeProvider time)
{
    public const string UnlockAction = "user.unlock";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var list = new List<UserSummary>();
        foreach (var user in users.Users.OrderBy(u => u.UserName).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var roles = DashboardClaims.ParseRoles(await users.GetRolesAsync(user));
            var lockedUntil = user.LockoutEnd is { } end && end > time.GetUtcNow() ? end : (DateTimeOffset?)null;
            list.Add(new UserSummary(user.UserName!, roles, lockedUntil, user.AccessFailedCount));
        }
        return list;
    }

    public async Task<UserChangeResult> CreateAsync(Actor actor, string userName, string password, IReadOnlySet<Role> roles,
        CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        userName = userName.Trim();
        if (userName.Length == 0)
        {
            return UserChangeResult.Refused("Enter a user name.");
        }
        if (roles.Count == 0)
        {
            return UserChangeResult.Refused("Choose at least one role.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return UserChangeResult.Refused($"A user named '{userName}' already exists.");
        }
        var user = new IdentityUser(userName);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return UserChangeResult.Refused(Describe(created));
        }
        var added = await users.AddToRolesAsync(user, roles.Select(r => r.ToString()));
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return UserChangeResult.Refused(Describe(added));
        }
        await audit.AppendAsync(actor, new AuditEvent(AuditActions.UserCreate, userName, After: RolesJson(roles)), cancellationToken);
        return UserChangeResult.Ok($"Created {userName} ({string.Join(", ", Ordered(roles))}).");
    }

    public async Task<UserChangeResult> SetRolesAsync(Actor actor, string userName, IReadOnlySet<Role> roles,
        CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChangeResult.Refused($"There is no user named '{userName}'.");
        }
        if (roles.Count == 0)
        {
            return UserChangeResult.Refused($"{userName} must keep at least one role; delete the user instead.");
        }
        var before = DashboardClaims.ParseRoles(await users.GetRolesAsync(user));
        if (before.SetEquals(roles))
        {
            return UserChangeResult.Ok($"{userName} already has these roles.");
        }
        if (before.Contains(Role.Admin) && !roles.Contains(Role.Admin) && await IsLastAdminAsync(users, user))
        {
            return UserChangeResult.Refused($"{userName} is the last administrator; make someone else Admin first.");
        }
        var removed = await users.RemoveFromRolesAsync(user, before.Except(roles).Select(r => r.ToString()));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, roles.Except(before).Select(r => r.ToString())) : removed;
        if (!added.Succeeded)
        {
            return UserChangeResult.Refused(Describe(added));
        }
        // A new security stamp makes open sessions of this user pick up the change at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
        await audit.AppendAsync(actor, new AuditEvent(AuditActions.UserRoles, userName, Before: RolesJson(before), After: RolesJson(roles)),
            cancellationToken);
        return UserChangeResult.Ok($"{userName} now has {string.Join(", ", Ordered(roles))}.");
    }

    public async Task<UserChangeResult> UnlockAsync(Actor actor, string userName, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChangeResult.Refused($"There is no user named '{userName}'.");
        }
        var before = user.LockoutEnd;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.AppendAsync(actor, new AuditEvent(UnlockAction, userName,
            Before: JsonSerializer.Serialize(new { lockedOutUntil = before }), After: JsonSerializer.Serialize(new { lockedOutUntil = (DateTimeOffset?)null })),
            cancellationToken);
        return UserChangeResult.Ok($"{userName} is unlocked.");
    }

    public async Task<UserChangeResult> DeleteAsync(Actor actor, string userName, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        if (string.Equals(actor.UserName, userName, StringComparison.OrdinalIgnoreCase))
        {
            return UserChangeResult.Refused("You cannot delete your own account.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return UserChangeResult.Refused($"There is no user named '{userName}'.");
        }
        var before = DashboardClaims.ParseRoles(await users.GetRolesAsync(user));
        if (before.Contains(Role.Admin) && await IsLastAdminAsync(users, user))
        {
            return UserChangeResult.Refused($"{userName} is the last administrator and cannot be deleted.");
        }
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            return UserChangeResult.Refused(Describe(deleted));
        }
        await audit.AppendAsync(actor, new AuditEvent(AuditActions.UserDelete, userName, Before: RolesJson(before)), cancellationToken);
        return UserChangeResult.Ok($"Deleted {userName}.");
    }

    private static async Task<bool> IsLastAdminAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        var admins = await users.GetUsersInRoleAsync(nameof(Role.Admin));
        return admins.All(a => a.Id == user.Id);
    }

    private static IEnumerable<string> Ordered(IEnumerable<Role> roles) => roles.Order().Select(r => r.ToString());

    private static string RolesJson(IEnumerable<Role> roles) => JsonSerializer.Serialize(new { roles = Ordered(roles) });

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
