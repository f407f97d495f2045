using Dashboard.Tests.Shared;

namespace Dashboard.Integration.Tests;

/// <summary>The real app refuses to start on a wrong configuration or database, says why, and touches nothing.</summary>
public sealed partial class StartupFailureTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-it-startup-" + Guid.NewGuid().ToString("N"));

    public StartupFailureTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task App_InvalidConfiguration_ExitsWithCode2NamingEveryWrongKey()
    {
        var database = Path.Combine(_folder, "never", "dashboard.db");

        var run = await DashboardProcess.RunToExitAsync([], new Dictionary<string, string>
        {
            ["Collectors__MetricInterval"] = "abc",
            ["Collectors__BackfillDays"] = "99",
            ["Dashboard__Bogus"] = "1",
            ["Dashboard__DatabasePath"] = database,
        }, TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Contains("Collectors:MetricInterval", run.StandardError);
        Assert.Contains("'abc'", run.StandardError);
        Assert.Contains("Collectors:BackfillDays", run.StandardError);
        Assert.Contains("Dashboard:Bogus", run.StandardError);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database)), "the database folder was created");
    }

    [Fact]
    public async Task App_KestrelEndpointInTheEnvironment_DashboardBindsItAndTheEmbeddedSimulatorDoesNot()
    {
        // The one test that needs a port chosen before the app starts: the setting under test names it.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var free = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}");
        listener.Stop();

        await using var app = DashboardProcess.Start(["--Dashboard:DatabasePath", Path.Combine(_folder, "dashboard.db")],
            new Dictionary<string, string> { ["Kestrel__Endpoints__Http__Url"] = free.ToString() });
        var match = await app.WaitForOutputAsync(SimulatedFleetAt(), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(free.Port, (await app.ListeningAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken)).Port);
        using var client = new HttpClient();
        var health = await client.GetAsync(new Uri(free, "/healthz"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.NotEqual(free.Port, new Uri(match.Groups["address"].Value).Port);
    }

    [Fact]
    public async Task App_ReverseProxyMisconfigured_ExitsWithCode2NamingEachKey()
    {
        var run = await DashboardProcess.RunToExitAsync([], new Dictionary<string, string>
        {
            ["ReverseProxy__KnownProxies__0"] = "10.0.0.5",
            ["ReverseProxy__KnownProxies__1"] = "proxy.internal",
            ["ReverseProxy__KnownNetworks__0"] = "10.0.0.0/33",
            ["ReverseProxy__KnownNetworks__1"] = "0.0.0.0/0",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Dashboard__DatabasePath"] = Path.Combine(_folder, "dashboard.db"),
        }, TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 2, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.DoesNotContain("ReverseProxy:KnownProxies:0", run.StandardError);
        Assert.Contains("ReverseProxy:KnownProxies:1 must be an IP address", run.StandardError);
        Assert.Contains("'proxy.internal'", run.StandardError);
        Assert.Contains("ReverseProxy:KnownNetworks:0 must be a network in CIDR notation", run.StandardError);
        Assert.Contains("ReverseProxy:KnownNetworks:1 would trust every address", run.StandardError);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED is not supported", run.StandardError);
        Assert.Empty(Directory.GetFileSystemEntries(_folder));
    }

    [Fact]
    public async Task App_DatabaseFileIsNotSqlite_ExitsWithCode1NamingTheFileAndLeavesItAlone()
    {
        var database = Path.Combine(_folder, "notes.db");
        var content = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("These are my notes, not a database.\n", 200)));
        await File.WriteAllBytesAsync(database, content, TestContext.Current.CancellationToken);

        var run = await DashboardProcess.RunToExitAsync([], new Dictionary<string, string>
        {
            ["Dashboard__DatabasePath"] = database,
        }, TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 1, $"exit code {run.ExitCode}\n{run.StandardError}\n{run.StandardOutput}");
        Assert.Contains(database, run.StandardError);
        Assert.Contains("not a SQLite database", run.StandardError);
        Assert.Equal(content, await File.ReadAllBytesAsync(database, TestContext.Current.CancellationToken));
        Assert.Equal([database], Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [System.Text.RegularExpressions.GeneratedRegex(@"simulated fleet at (?<address>http://\S+)")]
    private static partial System.Text.RegularExpressions.Regex SimulatedFleetAt();
}
