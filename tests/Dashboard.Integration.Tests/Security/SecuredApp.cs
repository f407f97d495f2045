using System.Net;
using System.Text.RegularExpressions;
using Dashboard.Core.Audit;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Security;

/// <summary>
/// The dashboard hosted in the test process (<see cref="InProcessDashboard"/>: its own temporary database, loopback
/// port 0), for tests that go through HTTP like a browser: redirects, cookies, antiforgery tokens, headers. Lockout is
/// set to 3 attempts. <see cref="InItsOwnProcess"/> runs the same app as a child process, for tests that measure it.
/// </summary>
public sealed partial class SecuredApp : IAsyncLifetime
{
    public const int MaxFailedAttempts = 3;

    private readonly Dictionary<string, string?> _settings;
    private readonly string _environmentName;
    private readonly bool _ownProcess;
    private InProcessDashboard? _app;
    private DashboardProcess? _process;

    public SecuredApp()
        : this([], "Development", ownProcess: false)
    {
    }

    private SecuredApp(Dictionary<string, string?> settings, string environmentName, bool ownProcess)
    {
        _settings = settings;
        _environmentName = environmentName;
        _ownProcess = ownProcess;
    }

    /// <summary>An app started by the test itself, with settings of its own (call InitializeAsync, dispose it).</summary>
    /// <param name="settings">Configuration keys (Section:Key) on top of the repository's appsettings.json.</param>
    public static SecuredApp With(Dictionary<string, string?> settings, string environmentName = "Development") =>
        new(settings, environmentName, ownProcess: false);

    /// <summary>The built app as a child process, so that its memory is its own (call InitializeAsync, dispose it).</summary>
    public static SecuredApp InItsOwnProcess() => new([], "Development", ownProcess: true);

    public Uri BaseAddress => _process?.Address ?? InProcess.Address;

    /// <summary>Everything the app logged so far.</summary>
    public string Output => _process?.Output ?? string.Join(Environment.NewLine, InProcess.Logs.Lines);

    /// <summary>The child process's id, for reading its memory from /proc.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The app runs in the test process.");

    private InProcessDashboard InProcess => _app ?? throw new InvalidOperationException("Not started in the test process.");

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Collectors:BackfillDays"] = "1",
            ["Auth:Lockout:MaxFailedAttempts"] = MaxFailedAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }
        if (_ownProcess)
        {
            var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value ?? "");
            environment["ASPNETCORE_ENVIRONMENT"] = _environmentName;
            _process = await DashboardProcess.ServeAsync(environment, TimeSpan.FromSeconds(60));
            return;
        }
        _app = await InProcessDashboard.StartAsync(settings, _environmentName);
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
        await InProcess.Services.GetRequiredService<IAuditQueries>().SearchAsync(new AuditFilter(ActionPrefix: actionPrefix), 100,
            cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
