using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// Runs the real dashboard (default simulated mode, its own temporary database) as a child process on a free
/// loopback port, and one headless Debian Chromium for all tests of the collection.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly StringBuilder _output = new();
    private readonly List<(string? Test, IPage Page)> _pages = [];
    private Process? _process;
    private IPlaywright? _playwright;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "dashboard-e2e-" + Guid.NewGuid().ToString("N"));

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>From starting the process to the first answer of its health check.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>From starting the process (fresh database) to a fleet page with every row's RED numbers drawn.</summary>
    public TimeSpan FleetDrawnTime { get; private set; }

    public Stopwatch SinceStart { get; } = new();

    public static string ArtifactsDir { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

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
        // Playwright's 5 s for an expectation is short when every test project runs at once on two cores; a journey that
        // is really broken still fails, only later.
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(ArtifactsDir);
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet", [Metadata("WebAppDll"), "--urls", BaseUrl])
        {
            WorkingDirectory = Metadata("WebProjectDir"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Dashboard__DatabasePath"] = Path.Combine(_dataDir, "dashboard.db");
        start.Environment["Collectors__MetricInterval"] = "00:00:05";
        start.Environment["Collectors__FleetInterval"] = "00:00:10";
        start.Environment["Alarms__EvaluationInterval"] = "00:00:05";
        // Journeys post webhooks to loopback, which only an allow-listed address may be.
        start.Environment["Notifications__AllowedDestinations__0"] = "127.0.0.1";

        SinceStart.Start();
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        // Generous: on CI every test project runs at once on two cores.
        var deadline = DateTime.UtcNow.AddSeconds(180);
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
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The dashboard did not answer within 90 s:\n{Output}");
            }
            await Task.Delay(200);
        }
        StartupTime = SinceStart.Elapsed;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });

        // Every page needs a sign-in: journeys run as the demo operator unless they ask for another account.
        await SignInStateAsync("operator");

        // What a user sees on a first start: the page is open from the start and fills as the backfill arrives.
        var (page, _) = await OpenAsync("/");
        // Quiet endpoints may have no latency at night ("—"), so "drawn" is: the backfill banner gone and most rows measured.
        await page.WaitForFunctionAsync(
            "() => !document.querySelector('[data-testid=backfill]') && [...document.querySelectorAll('[data-testid=p90]')].filter(e => /\\d ms/.test(e.textContent)).length >= 8",
            null, new() { Timeout = 180_000, PollingInterval = 250 });
        FleetDrawnTime = SinceStart.Elapsed;
        await page.CloseAsync();
        File.WriteAllText(Path.Combine(ArtifactsDir, "timings.txt"),
            $"process start to health check answering: {StartupTime.TotalSeconds:0.0} s\n" +
            $"process start to fleet page drawn: backfill finished and RED numbers shown (fresh database): {FleetDrawnTime.TotalSeconds:0.0} s\n");
    }

    /// <summary>The simulated mode's demo accounts (README): user name → password.</summary>
    public static IReadOnlyDictionary<string, string> DemoPasswords { get; } = new Dictionary<string, string>
    {
        ["viewer"] = "Viewer-demo-1",
        ["engineer"] = "Engineer-demo-1",
        ["operator"] = "Operator-demo-1",
        ["admin"] = "Admin-demo-1",
    };

    private readonly Dictionary<string, string> _signedIn = [];

    /// <summary>
    /// A new page, signed in as <paramref name="user"/> (a demo account; null: not signed in), with console errors
    /// collected; waits for the Blazor circuit before returning.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(string path, string? user = "operator")
    {
        var (page, errors) = await NewPageAsync(user is null ? null : await SignInStateAsync(user));
        try
        {
            await GoToAsync(page, path);
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException(
                $"The page never became interactive.\nBrowser errors:\n{string.Join("\n", errors)}\nApp output:\n{Output}", ex);
        }
        return (page, errors);
    }

    /// <summary>
    /// Goes to <paramref name="path"/> and waits for the Blazor circuit: the prerendered page shows the same buttons
    /// before they answer, and a click on them then is lost.
    /// </summary>
    public async Task GoToAsync(IPage page, string path)
    {
        await page.GotoAsync(BaseUrl + path);
        await WhenInteractiveAsync(page);
    }

    /// <summary>Reloads and waits for the Blazor circuit (see <see cref="GoToAsync"/>).</summary>
    public static async Task ReloadAsync(IPage page)
    {
        await page.ReloadAsync();
        await WhenInteractiveAsync(page);
    }

    private static Task WhenInteractiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 30_000 });

    /// <summary>
    /// A page in a browser context of its own (own cookies), collecting console errors (CSP violations included).
    /// Pages left open by earlier tests are closed first: each is a live dashboard with charts redrawn every few seconds,
    /// and dozens of them starved the browser on a two-core machine.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(string? storageState = null)
    {
        await CloseEarlierTestsPagesAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            AcceptDownloads = true,
            StorageState = storageState,
        });
        var page = await context.NewPageAsync();
        // Closing the page closes its context; when the browser is already gone (fixture disposal) there is nothing to close,
        // and an exception escaping this event handler would crash the test host.
        page.Close += async (_, _) =>
        {
            try
            {
                await context.CloseAsync();
            }
            catch (PlaywrightException)
            {
            }
        };
        lock (_pages)
        {
            _pages.Add((TestContext.Current.Test?.UniqueID, page));
        }
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        return (page, errors);
    }

    private async Task CloseEarlierTestsPagesAsync()
    {
        var test = TestContext.Current.Test?.UniqueID;
        List<IPage> earlier;
        lock (_pages)
        {
            earlier = [.. _pages.Where(p => p.Test != test).Select(p => p.Page)];
            _pages.RemoveAll(p => p.Test != test);
        }
        foreach (var page in earlier)
        {
            await page.CloseAsync();
        }
    }

    /// <summary>Fills and submits the sign-in form on <paramref name="page"/> (already on the sign-in page).</summary>
    public static async Task SubmitSignInAsync(IPage page, string user, string password)
    {
        await page.GetByTestId("username").FillAsync(user);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
    }

    /// <summary>Signs in through the real form once per demo account and keeps the cookies for later pages.</summary>
    private async Task<string> SignInStateAsync(string user)
    {
        lock (_signedIn)
        {
            if (_signedIn.TryGetValue(user, out var known))
            {
                return known;
            }
        }
        var (page, _) = await NewPageAsync();
        await page.GotoAsync(BaseUrl + "/account/signin");
        await SubmitSignInAsync(page, user, DemoPasswords[user]);
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        var state = await page.Context.StorageStateAsync();
        await page.CloseAsync();
        lock (_signedIn)
        {
            _signedIn[user] = state;
        }
        return state;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDir, name), FullPage = true });

    /// <summary>
    /// A picture of one part of the page, for people to look at; never a test's verdict. An element screenshot waits
    /// for the element to stop moving, which a busy page on a loaded machine may not give within the timeout; then the
    /// whole page is taken instead.
    /// </summary>
    public static async Task ScreenshotAsync(ILocator part, string name)
    {
        var path = Path.Combine(ArtifactsDir, name);
        try
        {
            await part.ScreenshotAsync(new() { Path = path, Animations = ScreenshotAnimations.Disabled, Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            await part.Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
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
        typeof(AppFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
