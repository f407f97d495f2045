using Dashboard.Core.Audit;
using Dashboard.Core.Security;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests;

/// <summary><c>Dashboard.Web verify-audit</c> checks the chain of the configured database and says so in its exit code.</summary>
public sealed class VerifyAuditCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-audit-" + Guid.NewGuid().ToString("N"));

    private string Database => Path.Combine(_folder, "dashboard.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VerifyAudit_IntactChain_PrintsTheCountAndHeadAndExits0()
    {
        await SeedAsync(3);

        var run = await VerifyAsync();

        Assert.True(run.ExitCode == 0, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Matches("^Chain intact: 3 records; head 3:[0-9a-f]{64}[.]$", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task VerifyAudit_NewestRecordRemovedSinceTheHeadWasNoted_SaysSoAndExits3()
    {
        await SeedAsync(3);
        var noted = HeadOf((await VerifyAsync()).StandardOutput);
        Assert.Equal(0, (await VerifyAsync("--head", noted)).ExitCode);
        await ExecuteAsync("DELETE FROM AuditRecords WHERE Sequence = 3");

        var alone = await VerifyAsync();
        var run = await VerifyAsync("--head", noted);

        Assert.Equal(0, alone.ExitCode);
        Assert.True(run.ExitCode == 3, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Equal("Record 3, noted as the head, is gone: the newest records were removed (the trail ends at record 2).", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task VerifyAudit_HeadNotWrittenRight_Exits2NamingTheOption()
    {
        await SeedAsync(1);

        var run = await VerifyAsync("--head", "3:not-a-hash");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("--head: The hash after the colon is 64 hexadecimal digits.", run.StandardError.Trim());
    }

    [Fact]
    public async Task VerifyAudit_EditedRecord_NamesItAndExits3()
    {
        await SeedAsync(3);
        await ExecuteAsync("UPDATE AuditRecords SET Actor = 'mallory' WHERE Sequence = 2");

        var run = await VerifyAsync();

        Assert.True(run.ExitCode == 3, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Equal("Record 2 was changed after it was written.", run.StandardOutput.Trim());
    }

    [Fact]
    public async Task VerifyAudit_NoDatabase_Exits1AndCreatesNothing()
    {
        var run = await VerifyAsync();

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Contains(Database, run.StandardError);
        Assert.False(File.Exists(Database));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<AppRun> VerifyAsync(params string[] options) =>
        DashboardProcess.RunToExitAsync(["verify-audit", .. options], new Dictionary<string, string> { ["Dashboard__DatabasePath"] = Database }, Ct);

    private static string HeadOf(string output) => output.Trim().Split(" head ")[1].TrimEnd('.');

    private async Task SeedAsync(int count)
    {
        await using var services = new ServiceCollection().AddDashboardStorage(Database).BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(Ct);
        var log = services.GetRequiredService<IAuditLog>();
        var actor = new Actor("ana", new HashSet<Role> { Role.Engineer }, "10.0.0.5");
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(actor, new AuditEvent(AuditActions.AlarmUpdate, "p99-latency", "fraud-detector", $$"""{"n":{{i}}}""", $$"""{"n":{{i + 1}}}"""), Ct);
        }
        SqliteConnection.ClearAllPools();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
