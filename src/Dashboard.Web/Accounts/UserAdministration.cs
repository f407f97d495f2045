using System.Text.Json;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Input;
using Dashboard.Core.Security;
using Dashboard.Storage.Accounts;
using Dashboard.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Accounts;

/// <summary>One local account as the Users page shows it.</summary>
public sealed record UserSummary(string UserName, IReadOnlySet<Role> Roles, DateTimeOffset? LockedOutUntil, int FailedAttempts);

/// <summary>
/// The outcome of a change the person can fix (a taken name, a weak password, the last administrator). A refusal that
/// belongs to a field of the form names it in <see cref="Errors"/>; <see cref="Message"/> says it all in one line.
/// </summary>
public sealed record UserChangeResult(bool Succeeded, string Message, IReadOnlyList<FieldError> Errors)
{
    public const string UserNameField = "UserName";
    public const string PasswordField = "Password";
    public const string RolesField = "Roles";

    public static UserChangeResult Ok(string message) => new(true, message, []);

    public static UserChangeResult Refused(string message) => new(false, message, []);

    public static UserChangeResult Refused(IReadOnlyList<FieldError> errors) =>
        new(false, string.Join(" ", errors.Select(e => e.Message)), errors);

    /// <summary>What the refusal says about <paramref name="field"/> (every message, in order), or null.</summary>
    public string? ErrorOf(string field) =>
        Errors.Any(e => e.Field == field) ? string.Join(" ", Errors.Where(e => e.Field == field).Select(e => e.Message)) : null;
}

/// <summary>
/// Local accounts and their roles. Every method demands <see cref="Permission.ManageUsers"/> of the actor itself, so
/// hiding a button is never the only check, and every change is stored in one transaction with its audit record (the
/// roles before and after, never a password). Each call uses its own DI scope, so a long-lived circuit never holds a
/// stale DbContext. The last administrator is kept by the database (<see cref="AccountChanges"/>), not by reading first:
/// two administrators removing each other at the same moment leave one.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, TimeProvider time)
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
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var errors = new List<FieldError>();
        if (Names.UserNameError(userName) is { } nameError)
        {
            errors.Add(new FieldError(UserChangeResult.UserNameField, nameError));
        }
        errors.AddRange(await PasswordErrorsAsync(users, password));
        if (roles.Count == 0)
        {
            errors.Add(new FieldError(UserChangeResult.RolesField, "Choose at least one role."));
        }
        if (errors.Count > 0)
        {
            return UserChangeResult.Refused(errors);
        }
        return await SaveAsync(scope, actor, async () =>
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                return Refusal(UserChangeResult.UserNameField, $"A user named '{userName}' already exists.");
            }
            var user = new IdentityUser(userName);
            var created = await users.CreateAsync(user, password);
            var added = created.Succeeded ? await users.AddToRolesAsync(user, roles.Select(r => r.ToString())) : created;
            if (!added.Succeeded)
            {
                return (UserChangeResult.Refused(Describe(added)), null);
            }
            return (UserChangeResult.Ok($"Created {userName} ({string.Join(", ", Ordered(roles))})."),
                new AuditEvent(AuditActions.UserCreate, userName, After: RolesJson(roles)));
        }, cancellationToken);
    }

    public async Task<UserChangeResult> SetRolesAsync(Actor actor, string userName, IReadOnlySet<Role> roles,
        CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        if (roles.Count == 0)
        {
            return UserChangeResult.Refused($"{userName} must keep at least one role; delete the user instead.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await SaveAsync(scope, actor, async () =>
        {
            if (await users.FindByNameAsync(userName) is not { } user)
            {
                return (UserChangeResult.Refused($"There is no user named '{userName}'."), null);
            }
            var before = DashboardClaims.ParseRoles(await users.GetRolesAsync(user));
            if (before.SetEquals(roles))
            {
                return (UserChangeResult.Ok($"{userName} already has these roles."), null);
            }
            var removed = await users.RemoveFromRolesAsync(user, before.Except(roles).Select(r => r.ToString()));
            var added = removed.Succeeded ? await users.AddToRolesAsync(user, roles.Except(before).Select(r => r.ToString())) : removed;
            if (!added.Succeeded)
            {
                return (UserChangeResult.Refused(Describe(added)), null);
            }
            // A new security stamp makes open sessions of this user pick up the change at their next revalidation.
            await users.UpdateSecurityStampAsync(user);
            return (UserChangeResult.Ok($"{userName} now has {string.Join(", ", Ordered(roles))}."),
                new AuditEvent(AuditActions.UserRoles, userName, Before: RolesJson(before), After: RolesJson(roles)));
        }, cancellationToken, lastAdministrator: $"{userName} is the last administrator; make someone else Admin first.");
    }

    public async Task<UserChangeResult> UnlockAsync(Actor actor, string userName, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await SaveAsync(scope, actor, async () =>
        {
            if (await users.FindByNameAsync(userName) is not { } user)
            {
                return (UserChangeResult.Refused($"There is no user named '{userName}'."), null);
            }
            var before = user.LockoutEnd;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return (UserChangeResult.Ok($"{userName} is unlocked."), new AuditEvent(UnlockAction, userName,
                Before: JsonSerializer.Serialize(new { lockedOutUntil = before }),
                After: JsonSerializer.Serialize(new { lockedOutUntil = (DateTimeOffset?)null })));
        }, cancellationToken);
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
        return await SaveAsync(scope, actor, async () =>
        {
            if (await users.FindByNameAsync(userName) is not { } user)
            {
                return (UserChangeResult.Refused($"There is no user named '{userName}'."), null);
            }
            var before = DashboardClaims.ParseRoles(await users.GetRolesAsync(user));
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                return (UserChangeResult.Refused(Describe(deleted)), null);
            }
            return (UserChangeResult.Ok($"Deleted {userName}."), new AuditEvent(AuditActions.UserDelete, userName, Before: RolesJson(before)));
        }, cancellationToken, lastAdministrator: $"{userName} is the last administrator and cannot be deleted.");
    }

    /// <summary>
    /// The password's problems as field errors: the configured minimum and the rest of Identity's password rules,
    /// including <see cref="PasswordLengthValidator"/>'s maximum.
    /// </summary>
    internal static async Task<IReadOnlyList<FieldError>> PasswordErrorsAsync(UserManager<IdentityUser> users, string? password)
    {
        var errors = new List<FieldError>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, new IdentityUser(), password ?? "");
            errors.AddRange(result.Errors.Select(e => new FieldError(UserChangeResult.PasswordField, e.Description)));
        }
        return errors;
    }

    /// <summary>Runs <paramref name="change"/> in one transaction with its audit record (see <see cref="AccountChanges"/>).</summary>
    private async Task<UserChangeResult> SaveAsync(AsyncServiceScope scope, Actor actor, Func<Task<(UserChangeResult, AuditEvent?)>> change,
        CancellationToken cancellationToken, string? lastAdministrator = null)
    {
        var db = scope.ServiceProvider.GetRequiredService<DashboardDbContext>();
        try
        {
            return await AccountChanges.SaveAsync(db, time, actor, change, cancellationToken);
        }
        catch (DbUpdateException e) when (lastAdministrator is not null && AccountChanges.IsLastAdministrator(e))
        {
            return UserChangeResult.Refused(lastAdministrator);
        }
    }

    private static (UserChangeResult, AuditEvent?) Refusal(string field, string message) =>
        (UserChangeResult.Refused([new FieldError(field, message)]), null);

    private static IEnumerable<string> Ordered(IEnumerable<Role> roles) => roles.Order().Select(r => r.ToString());

    private static string RolesJson(IEnumerable<Role> roles) => JsonSerializer.Serialize(new { roles = Ordered(roles) });

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
