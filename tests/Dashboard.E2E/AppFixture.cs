using System.Diagnostics;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Dashboard.E2E;

/// <summary>
/// Runs the real dashboard (default simulated mode, its own temporary database) in the test process on a loopback
/// port 0, and one headless Debian Chromium for all tests of the collection.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly List<(string? Test, IPage Page)> _pages = [];
    private InProcessDashboard? _app;
    private IPlaywright? _playwright;

    public const int DesktopWidth = 1440;
    public const int PhoneWidth = 390;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>From starting the app to the first answer of its health check.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>From starting the app (fresh database) to a fleet page with every row's RED numbers drawn.</summary>
    public TimeSpan FleetDrawnTime { get; private set; }

    public Stopwatch SinceStart { get; } = new();

    public static string ArtifactsDir { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Everything the app logged so far, one record a line.</summary>
    public string Output => _app is null ? "" : string.Join(Environment.NewLine, _app.Logs.Lines);

    public async ValueTask InitializeAsync()
    {
        // Playwright's 5 s for an expectation is short when every test project runs at once on two cores; a journey that
        // is really broken still fails, only later.
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(ArtifactsDir);

        SinceStart.Start();
        _app = await InProcessDashboard.StartAsync(new Dictionary<string, string?>
        {
            ["Collectors:MetricInterval"] = "00:00:05",
            ["Collectors:FleetInterval"] = "00:00:10",
            ["Alarms:EvaluationInterval"] = "00:00:05",
            // SageMaker deployments ten times faster: provisioning takes 18 s, a 10-minute canary wait one minute.
            ["Simulator:DeploymentSpeed"] = "10",
            // Three days of capture at an eighth of the volume: the drift tab fills within seconds on a 2-core CI machine, and
            // credit-risk's first labelled day (the quality baseline) is before most of its drift.
            ["Drift:BackfillDays"] = "3",
            // A first round that finds the fleet not yet stored would wait the default 2 minutes for the next.
            ["Drift:ReadInterval"] = "00:00:20",
            ["Simulator:CaptureRecordsPerHour"] = "150",
            // Journeys post webhooks to loopback, which only an allow-listed address may be.
            ["Notifications:AllowedDestinations:0"] = "127.0.0.1",
            // The drift rule would propose a retraining of credit-risk within a minute, and journeys count pending approvals.
            ["Retraining:AutoPropose"] = "false",
            // A retraining pipeline's six steps in about 15 s instead of 5 minutes.
            ["Simulator:PipelineSpeed"] = "20",
        });
        BaseUrl = _app.Address.ToString().TrimEnd('/');
        using (var http = new HttpClient())
        {
            (await http.GetAsync(BaseUrl + "/healthz")).EnsureSuccessStatusCode();
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
            $"app start to health check answering: {StartupTime.TotalSeconds:0.0} s\n" +
            $"app start to fleet page drawn: backfill finished and RED numbers shown (fresh database): {FleetDrawnTime.TotalSeconds:0.0} s\n");
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
    public async Task<(IPage Page, List<string> Errors)> OpenAsync(string path, string? user = "operator", int width = DesktopWidth)
    {
        var (page, errors) = await NewPageAsync(user is null ? null : await SignInStateAsync(user), width);
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
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(string? storageState = null, int width = DesktopWidth)
    {
        await CloseEarlierTestsPagesAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            // A phone (390 × 844, as an iPhone 14) below 600 px: touch and a small screen; a laptop otherwise.
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 1000 },
            HasTouch = width < 600,
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

    /// <summary>
    /// Fails when <paramref name="errors"/> (a page's console errors) is not empty, naming what the app itself logged at
    /// Error or above: a circuit's unhandled exception shows in the browser only as "There was an unhandled exception".
    /// </summary>
    public void AssertNoErrors(List<string> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }
        var logged = _app is null ? [] : _app.Logs.GetSnapshot()
            .Where(r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error)
            .Select(r => $"{r.Category}: {r.Message} {r.Exception}");
        Assert.Fail($"Browser errors:\n{string.Join("\n", errors)}\nApp errors:\n{string.Join("\n", logged)}");
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
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
