using Dashboard.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Accounts;

/// <summary>The simulated mode's demo accounts, one per role (README lists them). They exist in no other mode.</summary>
public static class DemoAccounts
{
    public static IReadOnlyList<(string UserName, string Password, Role Role)> All { get; } =
    [
        ("viewer", "Viewer-demo-1", Role.Viewer),
        ("engineer", "Engineer-demo-1", Role.Engineer),
        ("operator", "Operator-demo-1", Role.Operator),
        ("admin", "Admin-demo-1", Role.Admin),
    ];
}

/// <summary>
/// Runs once at start-up: makes sure every <see cref="Role"/> exists, and in simulated mode creates the demo accounts
/// that are missing (an existing account is left as it is, so a restart changes nothing).
/// </summary>
public sealed class AccountSeeder(IServiceScopeFactory scopes, ILogger<AccountSeeder> logger)
{
    public async Task SeedAsync(bool simulated, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Enum.GetNames<Role>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
        if (!simulated)
        {
            return;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (userName, password, role) in DemoAccounts.All)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }
            // The documented demo passwords are hashed directly, so a stricter Auth:Password:MinimumLength cannot
            // lock the demo out; accounts created by people always go through the password rules.
            var user = new IdentityUser(userName);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            Check(await users.CreateAsync(user), $"demo user {userName}");
            Check(await users.AddToRoleAsync(user, role.ToString()), $"demo user {userName}");
            logger.LogInformation("Created the demo account {UserName} ({Role})", userName, role);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
