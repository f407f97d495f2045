using Dashboard.Tests.Shared;
using Dashboard.Web.Hosting;

namespace Dashboard.Integration.Tests.Hosting;

/// <summary>The host tests run in-process: refusals carry Program's exit code and lines, and the environment can be left out.</summary>
public sealed class DashboardWebApplicationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-host-" + Guid.NewGuid().ToString("N"));

    public DashboardWebApplicationTests() => Directory.CreateDirectory(_folder);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_WrongSettingsFromTheCaller_RefusesWithExitCode2AndTheLinesProgramPrints()
    {
        var refused = await Assert.ThrowsAsync<DashboardStartupException>(() => InProcessDashboard.StartAsync(
            new Dictionary<string, string?> { ["Collectors:BackfillDays"] = "99", ["Dashboard:Bogus"] = "1" }, cancellationToken: Ct));

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"The dashboard cannot start: the configuration ({BuildPaths.WebAppConfig}, environment, command line) has errors:", refused.Lines[0]);
        Assert.All(refused.Lines.Skip(1), line => Assert.StartsWith("  - ", line));
        Assert.Contains(refused.Lines, line => line.Contains("Collectors:BackfillDays", StringComparison.Ordinal));
        Assert.Contains(refused.Lines, line => line.Contains("Dashboard:Bogus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_DatabaseFileIsNotSqlite_RefusesWithExitCode1NamingTheFile()
    {
        var database = Path.Combine(_folder, "notes.db");
        await File.WriteAllTextAsync(database, string.Concat(Enumerable.Repeat("These are my notes, not a database.\n", 200)), Ct);

        var refused = await Assert.ThrowsAsync<DashboardStartupException>(() => InProcessDashboard.StartAsync(
            new Dictionary<string, string?> { ["Dashboard:DatabasePath"] = database }, cancellationToken: Ct));

        Assert.Equal(1, refused.ExitCode);
        var line = Assert.Single(refused.Lines);
        Assert.StartsWith("The dashboard cannot start: ", line);
        Assert.Contains(database, line);
    }

    [Fact]
    public void ReadConfiguration_ConfigFileMissing_RefusesWithExitCode2NamingTheFile()
    {
        var missing = Path.Combine(_folder, "no-such.json");

        var refused = Assert.Throws<DashboardStartupException>(() => DashboardWebApplication.ReadConfiguration(
            new DashboardWebApplicationOptions { Args = ["--config", missing], ReadEnvironmentVariables = false }));

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"The dashboard cannot start: the configuration file {missing} does not exist (--config or DASHBOARD_CONFIG names it).",
            Assert.Single(refused.Lines));
    }

    [Fact]
    public async Task ReadConfiguration_ConfigFileNotJson_RefusesWithExitCode2SayingWhere()
    {
        var broken = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(broken, "{ \"Collectors\": { \"BackfillDays\": 3, }", Ct);

        var refused = Assert.Throws<DashboardStartupException>(() => DashboardWebApplication.ReadConfiguration(
            new DashboardWebApplicationOptions { Args = ["--config", broken], ReadEnvironmentVariables = false }));

        Assert.Equal(2, refused.ExitCode);
        var line = Assert.Single(refused.Lines);
        Assert.StartsWith($"The dashboard cannot start: the configuration file {broken} is not valid JSON: ", line);
        Assert.DoesNotContain("   at ", line);
    }

    [Fact]
    public void ReadConfiguration_EnvironmentVariablesOff_IgnoresTheProcessEnvironment()
    {
        // A key no section knows: read from the environment, it refuses the start.
        const string Variable = "Dashboard__NotASetting";
        Environment.SetEnvironmentVariable(Variable, "1");
        try
        {
            string[] args = ["--config", BuildPaths.WebAppConfig];

            var isolated = DashboardWebApplication.ReadConfiguration(new DashboardWebApplicationOptions { Args = args, ReadEnvironmentVariables = false });
            var refused = Assert.Throws<DashboardStartupException>(() =>
                DashboardWebApplication.ReadConfiguration(new DashboardWebApplicationOptions { Args = args }));

            Assert.Null(isolated["Dashboard:NotASetting"]);
            Assert.Contains(refused.Lines, line => line.Contains("Dashboard:NotASetting", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
