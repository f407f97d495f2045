using System.Text.Json;
using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Startup;
using Dashboard.Web.Accounts;
using Dashboard.Tests.Shared;
using Dashboard.Web.Hosting.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dashboard.Integration.Tests.Security;

/// <summary>The Users page's server side, called directly: every action is refused for every role but Admin.</summary>
public sealed class UserAdministrationTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-users-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = default!;

    private UserAdministration Users => _services.GetRequiredService<UserAdministration>();

    private static Actor As(string name, params Role[] roles) => new(name, roles.ToHashSet(), "10.1.2.3");

    private static readonly Actor Admin = As("admin", Role.Admin);

    public async ValueTask InitializeAsync()
    {
        _services = await ReplicaAsync();
        await new AccountSeeder(_services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AccountSeeder>.Instance)
            .SeedAsync(simulated: true, TestContext.Current.CancellationToken);
    }

    public static TheoryData<Role> NonAdminRoles() => new(Role.Viewer, Role.Engineer, Role.Operator);

    [Theory]
    [MemberData(nameof(NonAdminRoles))]
    public async Task EveryAction_NonAdmin_IsRefusedAndChangesNothing(Role role)
    {
        var actor = As("mallory", role, Role.Viewer);
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.ListAsync(actor, ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.CreateAsync(actor, "mallory2", "a-long-enough-password", new HashSet<Role> { Role.Admin }, ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.SetRolesAsync(actor, "viewer", new HashSet<Role> { Role.Admin }, ct));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Users.UnlockAsync(actor, "engineer", ct));
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => Users.DeleteAsync(actor, "admin", ct));
        Assert.Equal("mallory may not manage users and roles.", denied.Message);

        var users = await Users.ListAsync(Admin, ct);
        Assert.Equal(["admin", "engineer", "operator", "viewer"], users.Select(u => u.UserName));
        Assert.Equal(new HashSet<Role> { Role.Viewer }, users.Single(u => u.UserName == "viewer").Roles);
        Assert.Empty(await AuditAsync(ct));
    }

    [Fact]
    public async Task Create_Admin_CreatesTheUserAndAuditsTheRolesButNotThePassword()
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await Users.CreateAsync(Admin, "dana", "correct horse battery", new HashSet<Role> { Role.Engineer, Role.Operator }, ct);

        Assert.True(result.Succeeded, result.Message);
        var dana = Assert.Single(await Users.ListAsync(Admin, ct), u => u.UserName == "dana");
        Assert.Equal(new HashSet<Role> { Role.Engineer, Role.Operator }, dana.Roles);
        var record = Assert.Single(await AuditAsync(ct));
        Assert.Equal((AuditActions.UserCreate, "dana", "admin", "10.1.2.3"), (record.Action, record.Target, record.Actor, record.RemoteAddress));
        Assert.Null(record.Before);
        Assert.Equal("""{"roles":["Engineer","Operator"]}""", record.After);
        Assert.DoesNotContain("horse", record.After);
    }

    [Fact]
    public async Task Create_ShortPassword_IsRefusedWithTheRule()
    {
        var result = await Users.CreateAsync(Admin, "eve", "short", new HashSet<Role> { Role.Viewer }, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Contains("at least 12 characters", result.Message);
        Assert.Empty(await AuditAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SetRoles_Admin_ChangesRolesAndAuditsBeforeAndAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await Users.SetRolesAsync(Admin, "viewer", new HashSet<Role> { Role.Viewer, Role.Engineer }, ct);

        Assert.True(result.Succeeded, result.Message);
        var record = Assert.Single(await AuditAsync(ct));
        Assert.Equal(AuditActions.UserRoles, record.Action);
        Assert.Equal("""{"roles":["Viewer"]}""", record.Before);
        Assert.Equal("""{"roles":["Viewer","Engineer"]}""", record.After);
    }

    [Fact]
    public async Task RemovingTheLastAdmin_IsRefused_UntilThereIsAnother()
    {
        var ct = TestContext.Current.CancellationToken;
        var other = As("ops-admin", Role.Admin);

        var demote = await Users.SetRolesAsync(other, "admin", new HashSet<Role> { Role.Viewer }, ct);
        var delete = await Users.DeleteAsync(other, "admin", ct);

        Assert.False(demote.Succeeded);
        Assert.Contains("last administrator", demote.Message);
        Assert.False(delete.Succeeded);
        Assert.Contains("last administrator", delete.Message);

        Assert.True((await Users.SetRolesAsync(Admin, "operator", new HashSet<Role> { Role.Operator, Role.Admin }, ct)).Succeeded);
        Assert.True((await Users.DeleteAsync(other, "admin", ct)).Succeeded);
        Assert.DoesNotContain(await Users.ListAsync(other, ct), u => u.UserName == "admin");
        var deleted = Assert.Single(await AuditAsync(ct), r => r.Action == AuditActions.UserDelete);
        Assert.Equal("""{"roles":["Admin"]}""", deleted.Before);
        Assert.Null(deleted.After);
    }

    [Fact]
    public async Task Delete_OwnAccount_IsRefused()
    {
        var result = await Users.DeleteAsync(Admin, "admin", TestContext.Current.CancellationToken);
        Assert.False(result.Succeeded);
        Assert.Equal("You cannot delete your own account.", result.Message);
    }

    [Fact]
    public async Task Unlock_Admin_ClearsTheLockoutAndIsAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var scope = _services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Microsoft.AspNetCore.Identity.IdentityUser>>();
            var user = (await manager.FindByNameAsync("engineer"))!;
            await manager.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(10));
        }
        Assert.NotNull((await Users.ListAsync(Admin, ct)).Single(u => u.UserName == "engineer").LockedOutUntil);

        var result = await Users.UnlockAsync(Admin, "engineer", ct);

        Assert.True(result.Succeeded);
        Assert.Null((await Users.ListAsync(Admin, ct)).Single(u => u.UserName == "engineer").LockedOutUntil);
        var record = Assert.Single(await AuditAsync(ct));
        Assert.Equal(UserAdministration.UnlockAction, record.Action);
        Assert.NotNull(JsonDocument.Parse(record.Before!).RootElement.GetProperty("lockedOutUntil").GetString());
    }

    [Fact]
    public async Task Seeding_Twice_KeepsOneDemoAccountPerRole()
    {
        var ct = TestContext.Current.CancellationToken;
        await new AccountSeeder(_services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AccountSeeder>.Instance).SeedAsync(true, ct);

        var users = await Users.ListAsync(Admin, ct);
        Assert.Equal(4, users.Count);
        foreach (var (userName, _, role) in DemoAccounts.All)
        {
            Assert.Equal(new HashSet<Role> { role }, users.Single(u => u.UserName == userName).Roles);
        }
    }

    public static TheoryData<string> UnroutableNames() => new(BadInput.UnroutableNames);

    [Theory]
    [MemberData(nameof(UnroutableNames))]
    public async Task Create_UnroutableOrReservedName_RefusedAtTheUserNameFieldAndNothingStored(string name)
    {
        var ct = TestContext.Current.CancellationToken;

        var result = await Users.CreateAsync(Admin, name, "correct horse battery", new HashSet<Role> { Role.Viewer }, ct);

        Assert.False(result.Succeeded);
        Assert.Equal(UserChangeResult.UserNameField, Assert.Single(result.Errors).Field);
        Assert.Equal(["admin", "engineer", "operator", "viewer"], (await Users.ListAsync(Admin, ct)).Select(u => u.UserName));
        Assert.Empty(await AuditAsync(ct));
    }

    [Fact]
    public async Task Create_EveryFieldWrong_EachFieldSaysWhyAndNothingStored()
    {
        var ct = TestContext.Current.CancellationToken;

        var result = await Users.CreateAsync(Admin, new string('a', 300), "x" + string.Concat(Enumerable.Repeat("word", 32)), new HashSet<Role>(), ct);

        Assert.False(result.Succeeded);
        Assert.StartsWith("This name has 300 characters. A user name has 1 to 64 characters", result.ErrorOf(UserChangeResult.UserNameField));
        Assert.Equal("A password has 12 to 128 characters; this one has 129.", result.ErrorOf(UserChangeResult.PasswordField));
        Assert.Equal("Choose at least one role.", result.ErrorOf(UserChangeResult.RolesField));
        Assert.Equal(4, (await Users.ListAsync(Admin, ct)).Count);
        Assert.Empty(await AuditAsync(ct));
    }

    [Fact]
    public async Task Create_NameAndPasswordAtTheirLimits_Created()
    {
        var ct = TestContext.Current.CancellationToken;
        var name = "a" + new string('b', 63);

        var result = await Users.CreateAsync(Admin, name, string.Concat(Enumerable.Repeat("word", 32)), new HashSet<Role> { Role.Viewer }, ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(await Users.ListAsync(Admin, ct), u => u.UserName == name);
    }

    [Fact]
    public async Task Create_TakenNameInAnotherCase_RefusedAtTheUserNameField()
    {
        var result = await Users.CreateAsync(Admin, "Viewer", "correct horse battery", new HashSet<Role> { Role.Viewer }, TestContext.Current.CancellationToken);

        Assert.Equal("A user named 'Viewer' already exists.", result.ErrorOf(UserChangeResult.UserNameField));
    }

    [Fact]
    public async Task SetRoles_TwoAdminsOnTwoReplicasDemoteEachOtherAtOnce_OneAdministratorAlwaysRemains()
    {
        var ct = TestContext.Current.CancellationToken;
        // A second service container over the same database: its own scopes and connection pool, as a second replica.
        await using var replica = await ReplicaAsync();
        var sides = new[] { Users, replica.GetRequiredService<UserAdministration>() };
        var ops = As("operator", Role.Operator, Role.Admin);
        const int rounds = 8;

        for (var round = 0; round < rounds; round++)
        {
            var admins = (await Users.ListAsync(Admin, ct)).Where(u => u.Roles.Contains(Role.Admin)).Select(u => u.UserName).ToList();
            var granter = admins.Contains("admin") ? Admin : ops;
            await Users.SetRolesAsync(granter, "admin", new HashSet<Role> { Role.Admin }, ct);
            await Users.SetRolesAsync(granter, "operator", new HashSet<Role> { Role.Operator, Role.Admin }, ct);

            using var start = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(async () =>
                {
                    start.SignalAndWait(ct);
                    return await sides[0].SetRolesAsync(Admin, "operator", new HashSet<Role> { Role.Operator }, ct);
                }, ct),
                Task.Run(async () =>
                {
                    start.SignalAndWait(ct);
                    return await sides[1].SetRolesAsync(ops, "admin", new HashSet<Role> { Role.Viewer }, ct);
                }, ct));

            Assert.Equal(1, results.Count(r => r.Succeeded));
            Assert.Contains("is the last administrator; make someone else Admin first.", Assert.Single(results, r => !r.Succeeded).Message);
            Assert.Single(await Users.ListAsync(Admin, ct), u => u.Roles.Contains(Role.Admin));
        }
        Assert.True((await _services.GetRequiredService<IAuditQueries>().VerifyAsync(null, ct)).IsIntact);
    }

    [Fact]
    public async Task Delete_TwoAdminsOnTwoReplicasDeleteEachOtherAtOnce_OneAdministratorRemains()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var replica = await ReplicaAsync();
        Assert.True((await Users.SetRolesAsync(Admin, "operator", new HashSet<Role> { Role.Operator, Role.Admin }, ct)).Succeeded);
        using var start = new Barrier(2);

        var results = await Task.WhenAll(
            Task.Run(async () =>
            {
                start.SignalAndWait(ct);
                return await Users.DeleteAsync(Admin, "operator", ct);
            }, ct),
            Task.Run(async () =>
            {
                start.SignalAndWait(ct);
                return await replica.GetRequiredService<UserAdministration>().DeleteAsync(As("operator", Role.Admin), "admin", ct);
            }, ct));

        Assert.Equal(1, results.Count(r => r.Succeeded));
        Assert.Contains("is the last administrator and cannot be deleted.", Assert.Single(results, r => !r.Succeeded).Message);
        Assert.Single(await Users.ListAsync(Admin, ct), u => u.Roles.Contains(Role.Admin));
        Assert.Single(await AuditAsync(ct), r => r.Action == AuditActions.UserDelete);
    }

    /// <summary>Accounts over the test's database in a service container of their own.</summary>
    private async Task<ServiceProvider> ReplicaAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDashboardStorage(Path.Combine(_folder, "dashboard.db"));
        services.AddDashboardAccounts(new AuthOptions());
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.InitializeDashboardStorageAsync(TestContext.Current.CancellationToken);
        return provider;
    }

    private async Task<IReadOnlyList<AuditRecord>> AuditAsync(CancellationToken ct) =>
        await _services.GetRequiredService<IAuditQueries>().SearchAsync(AuditFilter.None, 100, cancellationToken: ct);

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
}
