using System.Text.Json;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Input;
using Dashboard.Core.Security;
using Dashboard.Storage.Accounts;
using Dashboard.Storage;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Accounts;

/// <summary>
/// Outside simulated mode there is no default password: until the first account exists, every page leads to the setup
/// page, which creates an administrator. Once a user exists, setup is closed for good (the answer is then cached).
/// </summary>
public sealed class FirstRunSetup(IServiceScopeFactory scopes, IOptions<DashboardOptions> dashboard, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _closed;

    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken = default)
    {
        if (_closed || dashboard.Value.Mode == DashboardMode.Simulated)
        {
            return false;
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        _closed = await users.Users.AnyAsync(cancellationToken);
        return !_closed;
    }

    public async Task<UserChangeResult> CreateAdministratorAsync(string userName, string password, string? remoteAddress,
        CancellationToken cancellationToken = default)
    {
        userName = userName.Trim();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!await IsOpenAsync(cancellationToken))
            {
                return UserChangeResult.Refused("Setup is already done; sign in instead.");
            }
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var errors = new List<FieldError>();
            if (Names.UserNameError(userName) is { } nameError)
            {
                errors.Add(new FieldError(UserChangeResult.UserNameField, nameError));
            }
            errors.AddRange(await UserAdministration.PasswordErrorsAsync(users, password));
            if (errors.Count > 0)
            {
                return UserChangeResult.Refused(errors);
            }
            var actor = new Actor(userName, new HashSet<Role> { Role.Admin }, remoteAddress);
            var result = await AccountChanges.SaveAsync(scope.ServiceProvider.GetRequiredService<DashboardDbContext>(), time, actor, async () =>
            {
                // Checked again inside the write transaction: two replicas' setup pages create one administrator, not two.
                if (await users.Users.AnyAsync(cancellationToken))
                {
                    return (UserChangeResult.Refused("Setup is already done; sign in instead."), (AuditEvent?)null);
                }
                var user = new IdentityUser(userName);
                var created = await users.CreateAsync(user, password);
                var added = created.Succeeded ? await users.AddToRoleAsync(user, nameof(Role.Admin)) : created;
                if (!added.Succeeded)
                {
                    return (UserChangeResult.Refused(string.Join(" ", added.Errors.Select(e => e.Description))), null);
                }
                return (UserChangeResult.Ok($"Created the administrator {userName}."), new AuditEvent(AuditActions.UserCreate, userName,
                    After: JsonSerializer.Serialize(new { roles = new[] { nameof(Role.Admin) }, firstRunSetup = true })));
            }, cancellationToken);
            _closed = result.Succeeded || _closed;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
