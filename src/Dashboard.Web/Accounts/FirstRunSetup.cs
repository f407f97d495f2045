using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Accounts;

/// <summary>
/// Outside simulated mode there is no default password: until the first account exists, every page leads to the setup
/// page, which creates an administrator. Once a user exists, setup is closed for good (the answer is then cached).
/// </summary>
public sealed class FirstRunSetup(IServiceScopeFactory scopes, IOptions<DashboardOptions> dashboard, IAuditLog audit)
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
        if (userName.Length == 0)
        {
            return UserChangeResult.Refused("Enter a user name.");
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Checked again under the lock: two browsers submitting at once create one administrator, not two.
            if (!await IsOpenAsync(cancellationToken))
            {
                return UserChangeResult.Refused("Setup is already done; sign in instead.");
            }
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser(userName);
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                return UserChangeResult.Refused(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            var added = await users.AddToRoleAsync(user, nameof(Role.Admin));
            if (!added.Succeeded)
            {
                await users.DeleteAsync(user);
                return UserChangeResult.Refused(string.Join(" ", added.Errors.Select(e => e.Description)));
            }
            _closed = true;
            var actor = new Actor(userName, new HashSet<Role> { Role.Admin }, remoteAddress);
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.UserCreate, userName,
                After: JsonSerializer.Serialize(new { roles = new[] { nameof(Role.Admin) }, firstRunSetup = true })), cancellationToken);
            return UserChangeResult.Ok($"Created the administrator {userName}.");
        }
        finally
        {
            _gate.Release();
        }
    }
}
