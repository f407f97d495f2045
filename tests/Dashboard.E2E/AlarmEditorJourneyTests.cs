using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dashboard.E2E;

/// <summary>
/// An ML engineer adds the recommended alarms to an endpoint, writes one alarm by hand (a wrong M of N is caught at
/// its field), backtests it, saves it, and sees thresholds and ALARM periods on the endpoint's charts.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AlarmEditorJourneyTests(AppFixture app)
{
    private const string Endpoint = "churn-prod";
    private const string AlarmName = "churn-prod-busy";

    [Fact]
    public async Task Engineer_CreatesRecommendedAlarms_ThenBacktestsAndSavesOne_AndSeesThemOnTheCharts()
    {
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        await SignInAsync(page, "engineer", "Engineer-demo-1");

        // Recommended alarms, one click.
        await app.GoToAsync(page, $"/endpoints/{Endpoint}?range=1h");
        await Expect(page.GetByTestId("chart-model-latency").Locator("svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByTestId("recommended-alarms").ClickAsync();
        await Expect(page.GetByTestId("recommended-item").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("recommended-why").First).Not.ToBeEmptyAsync();
        await AppFixture.ScreenshotAsync(page, "alarm-recommended-dialog.png");
        // Nothing is ticked for the engineer: each is chosen knowing its backtest.
        await Expect(page.GetByTestId("recommended-create")).ToBeDisabledAsync();
        await TickAllAsync(page);
        await page.GetByTestId("recommended-create").ClickAsync();
        await Expect(page.GetByTestId("recommended-summary")).ToContainTextAsync("Created", new() { Timeout = 30_000 });
        await AppFixture.ScreenshotAsync(page, "alarm-recommended-created.png");
        await page.GetByTestId("recommended-close").ClickAsync();
        await Expect(page.GetByTestId("chart-refs-model-latency")).ToContainTextAsync("latency-p90", new() { Timeout = 30_000 });

        // A hand-written alarm: M of N checked at the field.
        await app.GoToAsync(page, $"/alarms/new?endpoint={Endpoint}");
        await page.Locator("[data-field=Name] input").FillAsync(AlarmName);
        await page.GetByTestId("metric-picker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Invocations", Exact = true }).ClickAsync();
        // The suggestion fills an untouched threshold when it arrives; typing over it comes after, as a person would.
        await Expect(page.GetByTestId("threshold-suggestion")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Locator("[data-field=Threshold] input").FillAsync("1500");
        await page.Locator("[data-field=DatapointsToAlarm] input").FillAsync("7");
        var datapoints = page.Locator("[data-field=DatapointsToAlarm]");
        await Expect(datapoints).ToContainTextAsync("Datapoints to alarm must be between 1 and the evaluation periods (5)");
        await Expect(page.Locator("[data-field=EvaluationPeriods]")).Not.ToContainTextAsync("Datapoints to alarm");
        await AppFixture.ScreenshotAsync(page, "alarm-editor-errors.png");

        await page.Locator("[data-field=EvaluationPeriods] input").FillAsync("2");
        await page.Locator("[data-field=DatapointsToAlarm] input").FillAsync("1");
        await Expect(datapoints).Not.ToContainTextAsync("must be between");

        // Backtest before saving.
        await Expect(page.GetByTestId("backtest-7d")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("backtest-7d").ClickAsync();
        await Expect(page.GetByTestId("backtest-result")).ToContainTextAsync(new Regex(@"Would have fired (once|[1-9]\d* times); in ALARM for \d+ h \d+ min"),
            new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("chart-backtest").Locator(".apexcharts-xaxis-annotations rect").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await AppFixture.ScreenshotAsync(page, "alarm-backtest.png");

        // Busier than 100 a minute: in ALARM now, so its period shows on the endpoint's chart.
        await page.Locator("[data-field=Threshold] input").FillAsync("100");
        await Expect(page.GetByTestId("backtest-7d")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("save-alarm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/alarms/{AlarmName}$"), new() { Timeout = 30_000 });

        // Back on the endpoint: the threshold on the invocations chart, and its ALARM period shaded once evaluated.
        await app.GoToAsync(page, $"/endpoints/{Endpoint}?range=1h");
        var invocations = page.GetByTestId("chart-invocations");
        await Expect(page.GetByTestId("chart-refs-invocations")).ToContainTextAsync(AlarmName, new() { Timeout = 60_000 });
        await Expect(invocations.Locator(".apexcharts-xaxis-annotations rect").First).ToBeAttachedAsync(new() { Timeout = 150_000 });
        await AppFixture.ScreenshotAsync(page, "endpoint-alarm-overlays.png");
        await page.GetByText("Show changes", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("endpoint-alarm-bar")).ToContainTextAsync("purple lines");
        await Expect(invocations.Locator(".apexcharts-xaxis-annotations")).ToContainTextAsync("alarm", new() { Timeout = 30_000 });
        await AppFixture.ScreenshotAsync(page, "endpoint-alarm-changes.png");
        app.AssertNoErrors(errors);
    }

    [Fact]
    public async Task Engineer_AlarmsOnAPercentileNotCollected_BacktestSaysSo_AndTheAlarmIsEvaluatedOnceFetched()
    {
        var (page, errors) = await app.OpenAsync($"/alarms/new?endpoint={Endpoint}", "engineer");
        await page.Locator("[data-field=Name] input").FillAsync("churn-prod-p95");
        await page.GetByTestId("metric-picker").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "ModelLatency", Exact = true }).ClickAsync();
        // Choosing a latency metric proposes its usual percentile; type over it once it shows.
        await Expect(page.Locator("[data-field=Stat] input")).ToHaveValueAsync("p90");
        await page.Locator("[data-field=Stat] input").FillAsync("p95");
        await page.Locator("[data-field=Stat] input").PressAsync("Escape"); // closes the suggestions, as a person would
        await Expect(page.Locator("[data-field=Stat] input")).ToHaveValueAsync("p95");
        await page.Locator("[data-field=Threshold] input").FillAsync("5000");
        await Expect(page.Locator("[data-field=Stat] input")).ToHaveValueAsync("p95");
        await Expect(page.Locator("[data-field=Stat]")).ToContainTextAsync("fetched from CloudWatch once the alarm is saved");

        await Expect(page.GetByTestId("backtest-7d")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("backtest-7d").ClickAsync();
        await Expect(page.GetByTestId("backtest-uncollected")).ToContainTextAsync("ModelLatency p95 every 1 minute", new() { Timeout = 60_000 });
        await AppFixture.ScreenshotAsync(page, "alarm-editor-uncollected.png");

        await page.GetByTestId("save-alarm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/alarms/churn-prod-p95$"), new() { Timeout = 30_000 });
        // The collector fetches p95 with its history within a poll (5 s here), then the alarm is evaluated.
        await Expect(page.GetByTestId("alarm-state").First).ToHaveTextAsync("OK", new() { Timeout = 90_000 });
        await AppFixture.ScreenshotAsync(page, "alarm-p95-evaluated.png");
        app.AssertNoErrors(errors);
    }

    /// <summary>
    /// Issue 12: opened for a latency series, the form is filled in (threshold suggested from the series' history);
    /// the backtest lists when it would have been in ALARM.
    /// </summary>
    [Fact]
    public async Task Engineer_OpensTheFormForALatencySeries_FindsItPrefilled_AndSeesWhenItWouldHaveFired()
    {
        const string address = $"/alarms/new?endpoint={Endpoint}&variant=AllTraffic&metric=ModelLatency&statistic=p90";
        var (page, errors) = await app.OpenAsync(address, "engineer");
        await page.SetViewportSizeAsync(1440, 900);

        await Expect(page.Locator("[data-field=Stat] input")).ToHaveValueAsync("p90");
        await Expect(page.Locator("[data-field=Name] input")).ToHaveValueAsync($"{Endpoint}-AllTraffic-ModelLatency-p90");
        await Expect(page.GetByTestId("threshold-suggestion")).ToContainTextAsync(new Regex(@"Suggested from the (last 14 days|\d+ (days|hours) stored): p99\.5 = [\d.,]+ ms"));
        await Expect(page.Locator("[data-field=Threshold] input")).Not.ToHaveValueAsync("");
        await Expect(page.GetByTestId("prefill-note")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("low-sample-help")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("low-sample-help")).ToContainTextAsync("A p90 from fewer than 100 requests");

        // Half the suggested threshold, so the replay has ALARM periods to shade and list.
        var suggested = double.Parse(await page.Locator("[data-field=Threshold] input").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("[data-field=Threshold] input").FillAsync((suggested / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("backtest-7d")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("backtest-7d").ClickAsync();
        await Expect(page.GetByTestId("backtest-result")).ToContainTextAsync("Would have fired", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("backtest-period").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("backtest-period").First.Locator("td").Nth(2)).ToContainTextAsync(" ms");
        await Expect(page.GetByTestId("chart-backtest").Locator(".apexcharts-xaxis-annotations rect").First).ToBeAttachedAsync();
        await AppFixture.ScreenshotAsync(page, "alarm-new-prefilled-1440.png");

        // On a phone, opened there: nothing wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await app.GoToAsync(page, address);
        await Expect(page.GetByTestId("threshold-suggestion")).ToBeVisibleAsync();
        await page.Locator("[data-field=Threshold] input").FillAsync((suggested / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("backtest-7d")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("backtest-7d").ClickAsync();
        await Expect(page.GetByTestId("backtest-period").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await AppFixture.ScreenshotAsync(page, "alarm-new-prefilled-390.png");
        var overflow = await page.EvaluateAsync<int>("() => Math.max(...[...document.querySelectorAll('[data-testid=alarm-form] *, [data-testid=backtest] *')].map(e => e.getBoundingClientRect().right)) - window.innerWidth");
        Assert.True(overflow <= 0, $"the form or backtest reaches {overflow} px past the screen's right edge");
        app.AssertNoErrors(errors);
    }

    /// <summary>Issue 12: on a quiet endpoint the error-rate recommendation fired on single errors and was pre-ticked.</summary>
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task Engineer_OpensRecommendedAlarmsOfAQuietEndpoint_NoneTicked_EachWithItsBacktest(int width, int height)
    {
        var (page, errors) = await app.OpenAsync("/endpoints/demand-forecast?range=1h", "engineer");
        await page.SetViewportSizeAsync(width, height);
        await page.GetByTestId("recommended-alarms").ClickAsync();
        await Expect(page.GetByTestId("recommended-item").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var checks = page.Locator("input[data-testid=recommended-check]");
        for (var i = 0; i < await checks.CountAsync(); i++)
        {
            await Expect(checks.Nth(i)).Not.ToBeCheckedAsync();
        }
        await Expect(page.GetByTestId("recommended-create")).ToBeDisabledAsync();
        var rate = page.Locator("[data-testid=recommended-item][data-name$='5xx-rate']");
        await Expect(rate.GetByTestId("recommended-why")).ToContainTextAsync("only about");
        await Expect(rate.GetByTestId("recommended-condition")).ToContainTextAsync("IF(errors >=");
        var backtests = page.GetByTestId("recommended-backtest");
        for (var i = 0; i < await backtests.CountAsync(); i++)
        {
            await Expect(backtests.Nth(i)).ToContainTextAsync(new Regex("Would (not )?have fired|Not backtested"), new() { Timeout = 60_000 });
        }
        await AppFixture.ScreenshotAsync(page, $"alarm-recommended-quiet-{width}.png");
        app.AssertNoErrors(errors);
    }

    /// <summary>Ticks every recommendation that can still be created.</summary>
    internal static async Task TickAllAsync(IPage page)
    {
        var checks = page.Locator("input[data-testid=recommended-check]:not([disabled])");
        for (var i = 0; i < await checks.CountAsync(); i++)
        {
            await checks.Nth(i).CheckAsync();
        }
    }

    /// <summary>Signs in through the form when the app asks for it (the demo accounts of simulated mode).</summary>
    private async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync(app.BaseUrl + "/account/signin");
        if (await page.GetByTestId("signin-form").CountAsync() == 0)
        {
            return;
        }
        await page.GetByTestId("username").FillAsync(userName);
        await page.GetByTestId("password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/signin"), new() { Timeout = 30_000 });
    }
}
