using Dashboard.Storage.Startup;
using Dashboard.Web.Accounts;
using Dashboard.Web.Hosting.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Security;

/// <summary>
/// The sign-in's server side, called directly: a name without an account costs the same password hashing as a wrong
/// password for an account, and is locked after the same failures.
/// </summary>
public sealed class PasswordSignInTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-signin-" + Guid.NewGuid().ToString("N"));
    private readonly CountingHasher _hasher = new();
    private ServiceProvider _services = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDashboardStorage(Path.Combine(_folder, "dashboard.db"));
        services.AddDashboardAccounts(new AuthOptions());
        services.AddHttpContextAccessor();
        services.AddAuthentication();
        services.AddSingleton<IPasswordHasher<IdentityUser>>(_hasher);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await _services.InitializeDashboardStorageAsync(Ct);
        await new AccountSeeder(_services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AccountSeeder>.Instance).SeedAsync(simulated: true, Ct);
    }

    private async Task<SignInAttempt> SignInAsync(string userName, string password)
    {
        await using var scope = _services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<PasswordSignIn>(scope.ServiceProvider).SignInAsync(userName, password, null, Ct);
    }

    [Fact]
    public async Task SignIn_UnknownName_HashesThePasswordAsForAWrongPassword()
    {
        var before = _hasher.Verifications;
        await SignInAsync("engineer", "not-the-password");
        var forAccount = _hasher.Verifications - before;

        before = _hasher.Verifications;
        var unknown = await SignInAsync("no-such-person", "not-the-password");

        Assert.Equal(1, forAccount);
        Assert.Equal(forAccount, _hasher.Verifications - before);
        Assert.Equal(SignInOutcome.WrongCredentials, unknown.Outcome);
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_UnknownNameLockedLikeAnAccountAndNeitherHashedWhileLocked()
    {
        var account = new List<SignInOutcome>();
        var unknown = new List<SignInOutcome>();
        SignInAttempt? accountLock = null, unknownLock = null;
        for (var i = 0; i < new AuthOptions().Lockout.MaxFailedAttempts; i++)
        {
            accountLock = await SignInAsync("operator", "wrong-" + i);
            unknownLock = await SignInAsync("No-Such-Person", "wrong-" + i);
            account.Add(accountLock.Outcome);
            unknown.Add(unknownLock.Outcome);
        }
        var before = _hasher.Verifications;
        var stillAccount = await SignInAsync("operator", "Operator-demo-1");
        var stillUnknown = await SignInAsync("no-such-person", "whatever");

        Assert.Equal(account, unknown);
        Assert.Equal(SignInOutcome.LockedOut, unknown[^1]);
        Assert.InRange((unknownLock!.LockedOutUntil!.Value - accountLock!.LockedOutUntil!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal((SignInOutcome.LockedOut, SignInOutcome.LockedOut), (stillAccount.Outcome, stillUnknown.Outcome));
        Assert.Equal(before, _hasher.Verifications);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Identity's hasher, counting the checks (each is 100,000 rounds of PBKDF2: what timing would show).</summary>
    private sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(IdentityUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
