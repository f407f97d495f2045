using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Dashboard.Benchmarks.Circuits;

/// <summary>
/// The built dashboard (src/Dashboard.Web, this build's configuration) as a child process in its default simulated mode
/// and production environment, on a free loopback port with a temporary database; killed and cleaned up on dispose.
/// </summary>
public sealed class DashboardApp : IAsyncDisposable
{
    private static readonly string[] Inherited = ["Dashboard__", "Collectors__", "Aws__", "Simulator__", "Overview__", "Baseline__",
        "Alarms__", "Notifications__", "Auth__", "ReverseProxy__", "DASHBOARD_CONFIG", "DOTNET_gc", "DOTNET_GC"];

    private readonly Process _process;
    private readonly string _dataDir;
    private readonly StringBuilder _output = new();

    private DashboardApp(Process process, string dataDir, string baseUrl)
    {
        _process = process;
        _dataDir = dataDir;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The repository's root, where the local tools manifest (dotnet-tools.json) is.</summary>
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static async Task<DashboardApp> StartAsync(CircuitSettings settings)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "dashboard-circuits-" + Guid.NewGuid().ToString("N"));
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Metadata("WebAppDll"), "--urls", baseUrl])
        {
            WorkingDirectory = Metadata("WebProjectDir"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Only what this bench sets: the figures must not depend on the shell they were run from.
        foreach (var key in start.Environment.Keys.Where(k => Inherited.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Dashboard__DatabasePath"] = Path.Combine(dataDir, "dashboard.db");
        start.Environment["Collectors__BackfillDays"] = settings.BackfillDays.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (name, value) in settings.AppEnvironment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var app = new DashboardApp(Process.Start(start)!, dataDir, baseUrl);
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        await app.WaitForHealthAsync(TimeSpan.FromMinutes(3));
        return app;
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The dashboard did not answer within {timeout.TotalSeconds:0} s:\n{Output}");
            }
            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string Metadata(string key) =>
        typeof(DashboardApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
