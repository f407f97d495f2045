using System.Diagnostics;
using System.Reflection;

namespace Dashboard.Integration.Tests;

public sealed record AppRun(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs the built dashboard (src/Dashboard.Web) as a child process, as tests/Dashboard.E2E does, until it exits.</summary>
internal static class AppProcess
{
    private static readonly string[] Sections = ["Dashboard__", "Collectors__", "Aws__", "Simulator__", "Overview__", "Baseline__",
        "ReverseProxy__", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ForwardedHeaders_Enabled"];

    public static Task<AppRun> RunToExitAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken) =>
        RunToExitAsync(environment, [], cancellationToken);

    /// <param name="arguments">Put before the app's own (e.g. a command such as "verify-audit").</param>
    public static async Task<AppRun> RunToExitAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet", [Metadata("WebAppDll"), .. arguments, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = Metadata("WebProjectDir"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only the configuration the test sets: nothing inherited from the environment the tests run in.
        foreach (var key in start.Environment.Keys.Where(k => Sections.Any(s => k.StartsWith(s, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment.Remove("DASHBOARD_CONFIG");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"The dashboard did not exit within 60 s.\n{await output}\n{await error}");
        }
        return new AppRun(process.ExitCode, await output, await error);
    }

    private static string Metadata(string key) =>
        typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
