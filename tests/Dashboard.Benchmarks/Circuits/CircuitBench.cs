using System.Globalization;
using Dashboard.Tests.Shared;
using Microsoft.Playwright;

namespace Dashboard.Benchmarks.Circuits;

/// <summary>
/// `circuits` mode (issue 10, memory per signed-in user): the built dashboard in a child process, N signed-in browser
/// sessions on one page kind at a time; the process's live heap (after a forced full GC) and resident size with the
/// sessions open, after they sat idle, just after they closed, and once the server's retention of disconnected circuits
/// has passed. Figures are per session against the reading taken before the phase.
/// </summary>
public static class CircuitBench
{
    private const string User = "viewer";
    private const string Password = "Viewer-demo-1";
    private const int OpenAtOnce = 3;

    public static async Task RunAsync(CircuitSettings settings)
    {
        var dumps = settings.DumpDirectory ?? Path.Combine(Path.GetTempPath(), "dashboard-circuits-dumps-" + Guid.NewGuid().ToString("N"));
        await using var app = await StartAppAsync(settings);
        var baseUrl = app.Address.ToString().TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var state = await SignInAsync(browser, baseUrl);
        var endpoints = await WaitForHistoryAsync(browser, state, baseUrl);
        Console.WriteLine($"Dashboard pid {app.Id} at {baseUrl}; backfill of {settings.BackfillDays} days done; " +
            $"{endpoints.Count} endpoints; {settings.Sessions} sessions per phase, idle {settings.IdleSeconds} s, " +
            $"linger {settings.LingerSeconds} s after closing" +
            (settings.AppEnvironment is { Count: > 0 } env ? "; app environment: " + string.Join(", ", env.Select(e => $"{e.Key}={e.Value}")) : ""));

        var rows = new List<(string Phase, MemoryReading Reading, MemoryReading Before)>();
        // The lower of two readings 5 s apart: a dump taken while the app recomputes the fleet overview or polls metrics
        // counts that work's buffers as live.
        async Task<MemoryReading> ReadAsync(string name)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var first = await ProcessMemory.ReadAsync(app.Id, Path.Combine(dumps, name + "-a.gcdump"));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var second = await ProcessMemory.ReadAsync(app.Id, Path.Combine(dumps, name + "-b.gcdump"));
            return second.LiveHeapBytes < first.LiveHeapBytes ? second : first;
        }

        var before = await SettleAsync(ReadAsync);
        rows.Add(("before any session", before, before));
        var step = 1;
        foreach (var kind in settings.PageKinds)
        {
            var pages = await OpenSessionsAsync(browser, state, baseUrl, kind, endpoints, settings.Sessions);
            rows.Add(($"{kind}: {settings.Sessions} open", await ReadAsync($"{step++}-{kind}-open"), before));
            await Task.Delay(TimeSpan.FromSeconds(settings.IdleSeconds));
            var idle = await ReadAsync($"{step++}-{kind}-idle");
            rows.Add(($"{kind}: idle {settings.IdleSeconds} s", idle, before));
            Console.WriteLine($"{kind}, idle: the types that grew most, KB per session (the dump report's estimate):");
            foreach (var (type, bytes) in idle.Growth(before, settings.Sessions).Take(12))
            {
                Console.WriteLine($"  {bytes / 1024,8:0.0}  {type}");
            }
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
            rows.Add(($"{kind}: closed", await ReadAsync($"{step++}-{kind}-closed"), before));
            await Task.Delay(TimeSpan.FromSeconds(settings.LingerSeconds));
            var after = await ReadAsync($"{step++}-{kind}-closed-later");
            rows.Add(($"{kind}: closed +{settings.LingerSeconds} s", after, before));
            before = after;
        }

        Print(rows, settings.Sessions);
        Console.WriteLine(settings.DumpDirectory is null
            ? $"Heap dumps: {dumps} (compare two with `dotnet tool run dotnet-gcdump report FILE`)"
            : $"Heap dumps kept in {dumps}");
    }

    /// <summary>
    /// The built app in its default simulated mode and the production environment, on a temporary database; only what
    /// this bench sets reaches it (the runner drops the shell's configuration and GC variables), so the figures do not
    /// depend on the shell they were run from.
    /// </summary>
    private static Task<DashboardProcess> StartAppAsync(CircuitSettings settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Collectors__BackfillDays"] = settings.BackfillDays.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in settings.AppEnvironment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
        return DashboardProcess.ServeAsync(environment, TimeSpan.FromMinutes(3));
    }

    /// <summary>
    /// After the backfill the process still drops caches and finishes work for a while: the baseline is the first reading
    /// within 1 MB of the one before it (20 s apart, at most 10).
    /// </summary>
    private static async Task<MemoryReading> SettleAsync(Func<string, Task<MemoryReading>> read)
    {
        var reading = await read("0-baseline-0");
        for (var i = 1; i <= 10; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(20));
            var next = await read($"0-baseline-{i}");
            if (Math.Abs(next.LiveHeapBytes - reading.LiveHeapBytes) < 1024 * 1024)
            {
                return next;
            }
            reading = next;
        }
        return reading;
    }

    private static void Print(IReadOnlyList<(string Phase, MemoryReading Reading, MemoryReading Before)> rows, int sessions)
    {
        static string Mb(double bytes) => (bytes / 1024 / 1024).ToString("0.00", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"| {"When",-26} | {"live heap MB",12} | {"per session MB",14} | {"RSS MB",8} | {"per session MB",14} |");
        Console.WriteLine($"|{new string('-', 28)}|{new string('-', 14)}:|{new string('-', 16)}:|{new string('-', 10)}:|{new string('-', 16)}:|");
        foreach (var (phase, reading, before) in rows)
        {
            var first = ReferenceEquals(reading, before);
            Console.WriteLine($"| {phase,-26} | {Mb(reading.LiveHeapBytes),12} | " +
                $"{(first ? "" : Mb((reading.LiveHeapBytes - before.LiveHeapBytes) / (double)sessions)),14} | {Mb(reading.RssBytes),8} | " +
                $"{(first ? "" : Mb((reading.RssBytes - before.RssBytes) / (double)sessions)),14} |");
        }
    }

    private static async Task<string> SignInAsync(IBrowser browser, string baseUrl)
    {
        var context = await browser.NewContextAsync();
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/account/signin");
        await page.GetByTestId("username").FillAsync(User);
        await page.GetByTestId("password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    /// <summary>Waits for the backfill to finish (the process's memory moves while it runs) and lists the fleet's endpoints.</summary>
    private static async Task<IReadOnlyList<string>> WaitForHistoryAsync(IBrowser browser, string state, string baseUrl)
    {
        var page = await OpenAsync(browser, state, baseUrl + "/");
        await page.WaitForFunctionAsync("() => !document.querySelector('[data-testid=backfill]') && document.querySelectorAll('a[href^=\"/endpoints/\"]').length > 0",
            null, new() { Timeout = 900_000, PollingInterval = 1000 });
        var links = await page.Locator("a[href^='/endpoints/']").EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))");
        await page.Context.CloseAsync();
        return links.Select(l => Uri.UnescapeDataString(l["/endpoints/".Length..])).Distinct().ToList();
    }

    private static async Task<List<IPage>> OpenSessionsAsync(IBrowser browser, string state, string baseUrl, string kind,
        IReadOnlyList<string> endpoints, int count)
    {
        var pages = new List<IPage>();
        for (var i = 0; i < count; i += OpenAtOnce)
        {
            var batch = Enumerable.Range(i, Math.Min(OpenAtOnce, count - i)).Select(async n =>
            {
                var path = kind == "fleet" ? "/" : "/endpoints/" + Uri.EscapeDataString(endpoints[n % endpoints.Count]);
                var page = await OpenAsync(browser, state, baseUrl + path);
                // Drawn: the fleet's rows, or the endpoint's charts.
                await page.Locator(kind == "fleet" ? "a[href^='/endpoints/']" : "[data-testid=charts]").First
                    .WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 180_000 });
                return page;
            });
            pages.AddRange(await Task.WhenAll(batch));
        }
        return pages;
    }

    /// <summary>A page in a browser context of its own (as a separate user's browser would be), its circuit connected.</summary>
    private static async Task<IPage> OpenAsync(IBrowser browser, string state, string url)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            StorageState = state,
        });
        // Generous: the box this runs on may be busy, and a slow page is not what is measured.
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        var page = await context.NewPageAsync();
        // Not the load event: thirty live pages in one browser on a busy box may take minutes to settle, and the circuit is what counts.
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 180_000 });
        return page;
    }
}
