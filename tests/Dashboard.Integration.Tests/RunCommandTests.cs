using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Integration.Tests;

/// <summary>The README's run command, as a new user types it: it must show the production error page, not stack traces.</summary>
public sealed partial class RunCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-run-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task DotnetRun_AsTheReadmeSays_RunsOutsideDevelopmentWithTheFriendlyErrorPage()
    {
        var webProject = typeof(RunCommandTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WebProjectDir").Value!;
        var start = new ProcessStartInfo("dotnet", ["run", "--no-build", "--project", webProject, "--",
            "--urls", "http://127.0.0.1:0", "--Dashboard:DatabasePath", Path.Combine(_folder, "dashboard.db"), "--Collectors:BackfillDays", "1"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // What a new user's shell holds: no environment chosen.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        var started = new TaskCompletionSource<(string Environment, string Address)>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? address = null;
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data is null)
            {
                return;
            }
            // The host logs where it listens, then its environment.
            if (ListeningLine().Match(e.Data) is { Success: true } listening)
            {
                address = listening.Groups[1].Value;
            }
            if (EnvironmentLine().Match(e.Data) is { Success: true } env && address is not null)
            {
                started.TrySetResult((env.Groups[1].Value, address));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (env, listening) = await started.Task.WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);

            Assert.True(env == "Production", $"environment '{env}'\n{output}");
            using var http = new HttpClient { BaseAddress = new Uri(listening) };
            var page = await http.GetStringAsync("/Error", TestContext.Current.CancellationToken);
            Assert.Contains("data-testid=\"error-page\"", page);
            Assert.Contains("Something went wrong", page);
            Assert.DoesNotContain("Development", page);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
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

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
