using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Storage.Tests.Accounts;

/// <summary>The database keeps at least one administrator, whoever writes the rows (migration TrafficAndAccountInvariants).</summary>
public sealed class AccountChangesTests
{
    private static readonly Actor Admin = new("ada", new HashSet<Role> { Role.Admin });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Identity's rows, written by hand: the roles, and users with the given roles.</summary>
    private static async Task SeedAsync(TempDatabase db, params (string User, string Role)[] grants)
    {
        await db.ScalarAsync("INSERT INTO AspNetRoles (Id, Name, NormalizedName) VALUES ('r-admin', 'Admin', 'ADMIN'), ('r-viewer', 'Viewer', 'VIEWER')");
        foreach (var user in grants.Select(g => g.User).Distinct())
        {
            await db.ScalarAsync("INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, " +
                $"LockoutEnabled, AccessFailedCount) VALUES ('u-{user}', '{user}', '{user.ToUpperInvariant()}', FALSE, FALSE, FALSE, TRUE, 0)");
        }
        foreach (var (user, role) in grants)
        {
            await db.ScalarAsync($"INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ('u-{user}', 'r-{role.ToLowerInvariant()}')");
        }
    }

    private static Task<long> AdminsAsync(TempDatabase db) => db.ScalarAsync("SELECT count(*) FROM AspNetUserRoles WHERE RoleId = 'r-admin'");

    [Theory]
    [InlineData("DELETE FROM AspNetUserRoles WHERE UserId = 'u-ada' AND RoleId = 'r-admin'")]
    [InlineData("DELETE FROM AspNetUsers WHERE Id = 'u-ada'")]
    [InlineData("DELETE FROM AspNetRoles WHERE Id = 'r-admin'")]
    [InlineData("UPDATE AspNetUserRoles SET RoleId = 'r-viewer' WHERE UserId = 'u-ada'")]
    [InlineData("UPDATE AspNetRoles SET Name = 'Root', NormalizedName = 'ROOT' WHERE Id = 'r-admin'")]
    public async Task Database_RemovingTheLastAdministrator_Refused(string sql)
    {
        await using var db = await TempDatabase.CreateAsync();
        await SeedAsync(db, ("ada", "Admin"), ("vic", "Viewer"));

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ScalarAsync(sql));

        Assert.Contains(AccountChanges.LastAdministrator, error.Message);
        Assert.Equal(1, await AdminsAsync(db));
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task Database_RemovingOneOfTwoAdministrators_Allowed()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SeedAsync(db, ("ada", "Admin"), ("bob", "Admin"), ("vic", "Viewer"));

        await db.ScalarAsync("DELETE FROM AspNetUsers WHERE Id = 'u-bob'");
        await db.ScalarAsync("DELETE FROM AspNetUsers WHERE Id = 'u-vic'");

        Assert.Equal(1, await AdminsAsync(db));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.ScalarAsync("DELETE FROM AspNetUserRoles"));
    }

    [Fact]
    public async Task SaveAsync_ChangeRefusedByTheDatabase_RolledBackWithItsAuditRecordAndRecognised()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SeedAsync(db, ("ada", "Admin"));
        await using var context = await db.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);

        var error = await Assert.ThrowsAnyAsync<DbUpdateException>(() => AccountChanges.SaveAsync(context, TimeProvider.System, Admin, async () =>
        {
            context.UserRoles.Remove(await context.UserRoles.SingleAsync(Ct));
            await context.SaveChangesAsync(Ct);
            return (true, (AuditEvent?)new AuditEvent(AuditActions.UserRoles, "ada"));
        }, Ct));

        Assert.True(AccountChanges.IsLastAdministrator(error));
        Assert.Equal(1, await AdminsAsync(db));
        Assert.Equal(0, await db.ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task SaveAsync_NoAuditRecord_RollsTheChangeBack()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SeedAsync(db, ("ada", "Admin"), ("vic", "Viewer"));
        await using var context = await db.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);

        var result = await AccountChanges.SaveAsync(context, TimeProvider.System, Admin, async () =>
        {
            context.Users.Remove(await context.Users.SingleAsync(u => u.UserName == "vic", Ct));
            await context.SaveChangesAsync(Ct);
            return ("refused after a first step", (AuditEvent?)null);
        }, Ct);

        Assert.Equal("refused after a first step", result);
        Assert.Equal(2, await db.ScalarAsync("SELECT count(*) FROM AspNetUsers"));
    }

    [Fact]
    public async Task SaveAsync_WithAuditRecord_CommitsBothAndTheChainVerifies()
    {
        await using var db = await TempDatabase.CreateAsync();
        await SeedAsync(db, ("ada", "Admin"), ("vic", "Viewer"));
        await using var context = await db.Services.GetRequiredService<IDbContextFactory<DashboardDbContext>>().CreateDbContextAsync(Ct);

        await AccountChanges.SaveAsync(context, TimeProvider.System, Admin, async () =>
        {
            context.Users.Remove(await context.Users.SingleAsync(u => u.UserName == "vic", Ct));
            await context.SaveChangesAsync(Ct);
            return (true, (AuditEvent?)new AuditEvent(AuditActions.UserDelete, "vic"));
        }, Ct);

        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AspNetUsers"));
        Assert.Equal(1, await db.ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'user.delete' AND Target = 'vic'"));
        Assert.True((await db.Services.GetRequiredService<IAuditQueries>().VerifyAsync(null, Ct)).IsIntact);
    }
}
