using System.Text.RegularExpressions;
using Dashboard.Tests.Shared;

namespace Dashboard.Integration.Tests;

/// <summary>The README's run command, as a new user types it: it must show the production error page, not stack traces.</summary>
public sealed partial class RunCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task DotnetRun_AsTheReadmeSays_RunsOutsideDevelopmentWithTheFriendlyErrorPage()
    {
        var ct = TestContext.Current.CancellationToken;
        // What a new user's shell holds: no environment chosen (the runner strips ASPNETCORE_ENVIRONMENT and DOTNET_ENVIRONMENT).
        await using var app = DashboardProcess.StartDotnet(["run", "--no-build", "--project", BuildPaths.WebProjectDir, "--",
            "--urls", "http://127.0.0.1:0", "--Dashboard:DatabasePath", Path.Combine(_folder, "dashboard.db"), "--Collectors:BackfillDays", "1"]);

        // The host logs where it listens, then its environment.
        var listening = await app.ListeningAsync(TimeSpan.FromSeconds(90), ct);
        var env = (await app.WaitForOutputAsync(EnvironmentLine(), TimeSpan.FromSeconds(30), ct)).Groups[1].Value;

        Assert.True(env == "Production", $"environment '{env}'\n{app.Output}");
        using var http = new HttpClient { BaseAddress = listening };
        var page = await http.GetStringAsync("/Error", ct);
        Assert.Contains("data-testid=\"error-page\"", page);
        Assert.Contains("Something went wrong", page);
        Assert.DoesNotContain("Development", page);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [GeneratedRegex(@"Hosting environment: (\w+)")]
    private static partial Regex EnvironmentLine();
}
