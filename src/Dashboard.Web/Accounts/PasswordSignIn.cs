using System.Net;
using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Web.Accounts;

public enum SignInOutcome
{
    SignedIn,
    WrongCredentials,
    LockedOut,
}

public sealed record SignInAttempt(SignInOutcome Outcome, DateTimeOffset? LockedOutUntil = null);

/// <summary>
/// Signs a local account in (cookie) and records the attempt in the audit trail: success, a wrong password or unknown
/// name (one message for both, so names cannot be probed), and lockouts. Passwords are never recorded or logged.
/// </summary>
public sealed class PasswordSignIn(SignInManager<IdentityUser> signIn, IAuditLog audit, ILogger<PasswordSignIn> logger)
{
    private const int MaxRecordedNameLength = 64;

    public async Task<SignInAttempt> SignInAsync(string userName, string password, IPAddress? remoteAddress,
        CancellationToken cancellationToken = default)
    {
        userName = userName.Trim();
        var shownName = userName.Length > MaxRecordedNameLength ? userName[..MaxRecordedNameLength] + "…" : userName;
        var address = DashboardClaims.Format(remoteAddress);
        var result = await signIn.PasswordSignInAsync(userName, password, isPersistent: false, lockoutOnFailure: true);
        var user = await signIn.UserManager.FindByNameAsync(userName);
        var roles = user is null ? new HashSet<Role>() : DashboardClaims.ParseRoles(await signIn.UserManager.GetRolesAsync(user));
        var actor = new Actor(shownName.Length == 0 ? "anonymous" : shownName, roles, address);

        if (result.Succeeded)
        {
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.SignIn, shownName), cancellationToken);
            logger.LogInformation("{UserName} signed in from {Address}", shownName, address);
            return new SignInAttempt(SignInOutcome.SignedIn);
        }
        if (result.IsLockedOut && user is not null)
        {
            var until = user.LockoutEnd;
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.SignInLockedOut, shownName,
                After: JsonSerializer.Serialize(new { lockedOutUntil = until })), cancellationToken);
            logger.LogWarning("Sign-in refused: {UserName} is locked out until {Until} (from {Address})", shownName, until, address);
            return new SignInAttempt(SignInOutcome.LockedOut, until);
        }
        await audit.AppendAsync(actor, new AuditEvent(AuditActions.SignInFailed, shownName,
            After: JsonSerializer.Serialize(new { failedAttempts = user?.AccessFailedCount, knownUser = user is not null })), cancellationToken);
        logger.LogWarning("Sign-in failed for {UserName} from {Address}", shownName, address);
        return new SignInAttempt(SignInOutcome.WrongCredentials);
    }
}
