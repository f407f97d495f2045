using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Core.Audit;
using Dashboard.Storage.Startup;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Security;

/// <summary>
/// The built dashboard as a child process on a free loopback port (its own temporary database), for tests that go
/// through HTTP like a browser: redirects, cookies, antiforgery tokens, headers. Lockout is set to 3 attempts.
/// </summary>
public sealed partial class SecuredApp : IAsyncLifetime
{
    public const int MaxFailedAttempts = 3;

    private static readonly string[] InheritedSections = ["Dashboard__", "Collectors__", "Aws__", "Simulator__", "Overview__", "Baseline__", "Auth__",
        "ReverseProxy__", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "ForwardedHeaders_Enabled"];
    private readonly StringBuilder _output = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dashboard-sec-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _environment;
    private Process? _process;
    private ServiceProvider? _storage;

    public SecuredApp()
        : this(new Dictionary<string, string>())
    {
    }

    private SecuredApp(Dictionary<string, string> environment)
    {
        _environment = environment;
    }

    /// <summary>An app started by the test itself, with settings of its own (call InitializeAsync, dispose it).</summary>
    public static SecuredApp With(Dictionary<string, string> environment) => new(environment);

    public Uri BaseAddress { get; private set; } = default!;

    public string DatabasePath => Path.Combine(_folder, "dashboard.db");

    /// <summary>The child process's id, for reading its memory from /proc.</summary>
    public int ProcessId => _process!.Id;

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

    public async ValueTask InitializeAsync()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [Metadata("WebAppDll"), "--urls", BaseAddress.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Metadata("WebProjectDir"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in start.Environment.Keys.Where(k => InheritedSections.Any(s => k.StartsWith(s, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment.Remove("DASHBOARD_CONFIG");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Dashboard__DatabasePath"] = DatabasePath;
        start.Environment["Collectors__BackfillDays"] = "1";
        start.Environment["Auth__Lockout__MaxFailedAttempts"] = MaxFailedAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The dashboard did not answer within 60 s:\n{Output}");
            }
            await Task.Delay(200);
        }

        // The test reads the audit trail through the dashboard's own queries, on the same file (WAL allows it).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDashboardStorage(DatabasePath);
        _storage = services.BuildServiceProvider();
    }

    /// <summary>A browser-like client: its own cookies, redirects not followed so tests can check them.</summary>
    public HttpClient NewClient() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>Fetches the sign-in form and posts it; the client then holds the session cookie when it succeeded.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var path = $"/account/signin?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await FormAsync(client, path);
        form["UserName"] = userName;
        form["Password"] = password;
        return await PostAsync(client, path, form);
    }

    /// <summary>The hidden fields of the page's form (antiforgery token, form name) and the Input.* fields Blazor binds.</summary>
    public static async Task<Dictionary<string, string>> FormAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var fields = HiddenFields(html);
        Assert.True(fields.ContainsKey("__RequestVerificationToken"), $"No antiforgery token on {path}:\n{html}");
        return fields;
    }

    /// <summary>The names and values of a page's hidden inputs.</summary>
    public static Dictionary<string, string> HiddenFields(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match m in HiddenInput().Matches(html))
        {
            fields[WebUtility.HtmlDecode(m.Groups["name"].Value)] = WebUtility.HtmlDecode(m.Groups["value"].Value);
        }
        return fields;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, Dictionary<string, string> form) =>
        client.PostAsync(path, new FormUrlEncodedContent(form.ToDictionary(
            kv => kv.Key is "UserName" or "Password" or "ConfirmPassword" ? "Input." + kv.Key : kv.Key, kv => kv.Value)));

    public async Task<IReadOnlyList<AuditRecord>> AuditAsync(string actionPrefix, CancellationToken cancellationToken) =>
        await _storage!.GetRequiredService<IAuditQueries>().SearchAsync(new AuditFilter(ActionPrefix: actionPrefix), 100,
            cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
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
        typeof(SecuredApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
