using System.Net;
using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Input;
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
/// name, and lockouts. A name without an account answers exactly like one: the same message for a wrong password, the
/// same password hashing, and the same lockout after the same number of failures (<see cref="UnknownNameLockouts"/>),
/// so names cannot be probed. Passwords are never recorded or logged.
/// </summary>
public sealed class PasswordSignIn(SignInManager<IdentityUser> signIn, UnknownNameLockouts unknownNames, IAuditLog audit,
    ILogger<PasswordSignIn> logger)
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
        var actor = new Actor(shownName.Length == 0 ? Names.AnonymousActor : shownName, roles, address);

        if (result.Succeeded)
        {
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.SignIn, shownName), cancellationToken);
            logger.LogInformation("{UserName} signed in from {Address}", shownName, address);
            return new SignInAttempt(SignInOutcome.SignedIn);
        }
        var lockedUntil = user is not null
            ? result.IsLockedOut ? user.LockoutEnd : null
            : UnknownNameAttempt(signIn.UserManager.NormalizeName(userName), password);
        if (lockedUntil is { } until)
        {
            await audit.AppendAsync(actor, new AuditEvent(AuditActions.SignInLockedOut, shownName,
                After: JsonSerializer.Serialize(new { lockedOutUntil = until, knownUser = user is not null })), cancellationToken);
            logger.LogWarning("Sign-in refused: {UserName} is locked out until {Until} (from {Address})", shownName, until, address);
            return new SignInAttempt(SignInOutcome.LockedOut, until);
        }
        await audit.AppendAsync(actor, new AuditEvent(AuditActions.SignInFailed, shownName,
            After: JsonSerializer.Serialize(new { failedAttempts = user?.AccessFailedCount, knownUser = user is not null })), cancellationToken);
        logger.LogWarning("Sign-in failed for {UserName} from {Address}", shownName, address);
        return new SignInAttempt(SignInOutcome.WrongCredentials);
    }

    /// <summary>
    /// What Identity does for an account, done for a name without one: refused while locked (no hashing, as for a locked
    /// account), else the password is hashed against a probe and the failure counted. The lockout end, when locked.
    /// </summary>
    private DateTimeOffset? UnknownNameAttempt(string normalizedName, string password)
    {
        if (unknownNames.LockedUntil(normalizedName) is { } until)
        {
            return until;
        }
        var hasher = signIn.UserManager.PasswordHasher;
        hasher.VerifyHashedPassword(new IdentityUser(), unknownNames.ProbeHash(hasher), password);
        return unknownNames.RecordFailure(normalizedName);
    }
}
