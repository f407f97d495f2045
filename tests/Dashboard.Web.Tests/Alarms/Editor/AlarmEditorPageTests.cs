using Bunit;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Dashboard.Web.Alarms.Editor;
using Dashboard.Web.Navigation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Alarms.Editor;

public sealed class AlarmEditorPageTests : DashboardTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly SeriesKey P90 = Key(SageMakerMetrics.ModelLatency, "churn", "p90");
    private static readonly SeriesKey Errors5xx = Key(SageMakerMetrics.Invocation5XXErrors, "churn");
    private static readonly SeriesKey Invocations = Key(SageMakerMetrics.Invocations, "churn");

    private readonly AlarmTestServices _alarms;

    public AlarmEditorPageTests()
        : this(new AlarmTestServices())
    {
    }

    private AlarmEditorPageTests(AlarmTestServices alarms)
        : base(alarms.Register)
    {
        _alarms = alarms;
        _alarms.Fleet.Live.PublishFleet([Endpoint("churn")]);
        _alarms.Fleet.AddMinutes(P90, 120, 400_000);
        _alarms.Fleet.AddMinutes(Errors5xx, 120, 1);
        _alarms.Fleet.AddMinutes(Invocations, 120, 100);
        _alarms.Store.Add(new AlarmDefinition
        {
            Name = "churn-latency",
            Kind = AlarmKind.Metric,
            Metric = P90,
            EvaluationPeriods = 5,
            DatapointsToAlarm = 3,
            Threshold = 1_000_000,
        });
        _alarms.Store.Add(new AlarmDefinition
        {
            Name = "churn-errors",
            Kind = AlarmKind.MetricMath,
            Metrics = [new AlarmMetric("m1", Errors5xx), new AlarmMetric("m2", Invocations)],
            Expression = "100 * m1 / m2",
            Threshold = 1,
        });
        _alarms.Store.Add(new AlarmDefinition { Name = "churn-combo", Kind = AlarmKind.Composite, AlarmRule = "ALARM(\"churn-latency\")" });
    }

    [Fact]
    public void DatapointsAboveEvaluationPeriods_ErrorAppearsUnderDatapointsToAlarmOnly()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Edit("churn-latency");

        cut.Find("[data-field=DatapointsToAlarm] input").Input("7");

        cut.WaitForAssertion(() => Assert.Contains("Datapoints to alarm must be between 1 and the evaluation periods (5)",
            cut.Find("[data-field=DatapointsToAlarm]").TextContent), Wait);
        Assert.DoesNotContain("Datapoints to alarm", cut.Find("[data-field=EvaluationPeriods]").TextContent);
        Assert.DoesNotContain("Datapoints to alarm", cut.Find("[data-field=Threshold]").TextContent);
    }

    [Fact]
    public void LatencyThreshold_IsShownInMilliseconds()
    {
        var cut = Edit("churn-latency");

        Assert.Equal("1000", cut.Find("[data-field=Threshold] input").GetAttribute("value"));
        Assert.Contains("ms", cut.Find("[data-field=Threshold]").TextContent);
    }

    [Fact]
    public void MathExpressionError_ShowsMessageAndCaretAtTheParsersPosition()
    {
        var cut = Edit("churn-errors");
        const string expression = "100 * m1 / (m2";

        cut.Find("[data-field=Expression] input").Input(expression);

        var expected = MetricMath.Parse(expression, ["m1", "m2"]).Error!;
        cut.WaitForAssertion(() => Assert.Equal(expected.Position.ToString(System.Globalization.CultureInfo.InvariantCulture),
            cut.Find("[data-testid=expression-caret]").GetAttribute("data-position")), Wait);
        Assert.Contains(expected.Message, cut.Find("[data-field=Expression]").TextContent);
    }

    [Fact]
    public void RuleError_CaretPointsAtTheWrongToken()
    {
        var cut = Edit("churn-combo");
        const string rule = "ALARM(\"churn-latency\") AND AND OK(\"churn-errors\")";

        cut.Find("[data-field=AlarmRule] textarea").Input(rule);

        var expected = AlarmRuleParser.Parse(rule).Error!;
        Assert.Equal(rule.IndexOf("AND AND", StringComparison.Ordinal) + 4, expected.Position);
        cut.WaitForAssertion(() => Assert.Equal("AND", cut.Find("[data-testid=rule-caret-token]").TextContent), Wait);
        Assert.Contains(expected.Message, cut.Find("[data-field=AlarmRule]").TextContent);
    }

    [Fact]
    public void Viewer_DoesNotSeeSave()
    {
        var cut = Edit("churn-latency");

        Assert.Empty(cut.FindAll("[data-testid=save-alarm]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=read-only-notice]"));
    }

    [Fact]
    public void Engineer_SeesSave()
    {
        SignInAs("erin", Role.Engineer);

        var cut = Edit("churn-latency");

        Assert.Single(cut.FindAll("[data-testid=save-alarm]"));
    }

    [Fact]
    public async Task SaveWithAFieldError_StoresNothingAndSaysWhereTheProblemIs()
    {
        SignInAs("erin", Role.Engineer);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Edit("churn-latency");
        var before = navigation.Uri;

        cut.Find("[data-field=DatapointsToAlarm] input").Input("7");
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved", cut.Find("[data-testid=save-message]").TextContent), Wait);
        Assert.Contains("Datapoints to alarm must be", cut.Find("[data-field=DatapointsToAlarm]").TextContent);
        Assert.Empty(_alarms.Store.Updated);
        Assert.Empty(_alarms.Store.Created);
        Assert.Equal(before, navigation.Uri);
    }

    [Fact]
    public async Task Save_ConvertsMillisecondsToMicrosecondsAndOpensTheAlarm()
    {
        SignInAs("erin", Role.Engineer);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Edit("churn-latency");

        cut.Find("[data-field=Threshold] input").Input("750");
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.EndsWith("/alarms/churn-latency", navigation.Uri), Wait);
        var saved = Assert.Single(_alarms.Store.Updated);
        Assert.Equal(750_000, saved.Threshold);
    }

    [Fact]
    public void NewAlarm_PrefilledFromTheQuery()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/alarms/new?endpoint=churn&kind=AnomalyDetection");

        var cut = Render<AlarmEditorPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alarm-form]")), Wait);

        Assert.Equal("New alarm", cut.Find("[data-testid=editor-title]").TextContent);
        Assert.Contains("churn", cut.Find("[data-field=Endpoint]").InnerHtml);
        Assert.NotEmpty(cut.FindAll("[data-field=BandWidth]"));
        Assert.Empty(cut.FindAll("[data-field=Threshold]"));
    }

    /// <summary>Issue 12: opened from a latency problem, the form started blank.</summary>
    [Fact]
    public void NewAlarm_OpenedForALatencySeries_PrefilledWithAThresholdSuggestedFromItsHistory()
    {
        // VariantB's p90 over the last 200 minutes: 2, 4, … 400 ms. p99.5 = 398.01 ms; + 10 % = 437.8, rounded up to 440.
        var ramp = Key(SageMakerMetrics.ModelLatency, "churn", "p90", "VariantB");
        var now = Now.ToUnixTimeSeconds();
        _alarms.Fleet.Queries.Add(ramp, Enumerable.Range(1, 200).Select(i => new MetricPoint(now - (201 - i) * Minute, i * 2_000)));
        Services.GetRequiredService<NavigationManager>().NavigateTo(AlarmUrls.NewFor("churn", SageMakerMetrics.ModelLatency, "p90", "VariantB"));

        var cut = Render<AlarmEditorPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alarm-form]")), Wait);

        Assert.Contains("VariantB", cut.Find("[data-field=Variant]").InnerHtml);
        Assert.Contains(SageMakerMetrics.ModelLatency, cut.Find("[data-field=Metric]").InnerHtml);
        Assert.Equal("p90", cut.Find("[data-field=Stat] input").GetAttribute("value"));
        Assert.Equal("churn-VariantB-ModelLatency-p90", cut.Find("[data-field=Name] input").GetAttribute("value"));
        Assert.Equal("440", cut.Find("[data-field=Threshold] input").GetAttribute("value"));
        Assert.Equal("Suggested from the 3 hours stored: p99.5 = 398.01 ms, plus 10 % → 440 ms.",
            cut.Find("[data-testid=threshold-suggestion]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=prefill-note]"));
        Assert.Empty(cut.FindAll(".mud-input-error"));
    }

    [Fact]
    public void NewAlarm_SuggestionChangedByHand_CanBeTakenBackWithOneClick()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(AlarmUrls.NewFor("churn", SageMakerMetrics.ModelLatency));
        var cut = Render<AlarmEditorPage>();
        cut.WaitForAssertion(() => Assert.Equal("440", cut.Find("[data-field=Threshold] input").GetAttribute("value")), Wait);

        cut.Find("[data-field=Threshold] input").Input("900");
        cut.WaitForAssertion(() => cut.Find("[data-testid=threshold-suggestion-use]").Click(), Wait);

        cut.WaitForAssertion(() => Assert.Equal("440", cut.Find("[data-field=Threshold] input").GetAttribute("value")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=threshold-suggestion-use]"));
    }

    public static TheoryData<string, string> AddressesThatDoNotFit() => new()
    {
        { "/alarms/new?endpoint=nope&metric=ModelLatency", "There is no endpoint named 'nope'; choose one below." },
        { "/alarms/new?endpoint=churn&metric=GPUUtilization", "No 'GPUUtilization' series is stored for churn; choose a metric below." },
        { "/alarms/new?endpoint=churn&metric=ModelLatency&variant=Blue", "churn has no variant 'Blue'; choose one below." },
        { "/alarms/new?endpoint=churn&metric=ModelLatency&statistic=p101", "'p101' is not a CloudWatch statistic; p90 is used instead." },
        { "/alarms/new?endpoint=churn&kind=Sideways", "'Sideways' is not a kind of alarm; a metric alarm is shown." },
        { "/alarms/new?endpoint=churn&metric=" + new string('x', 500), "No 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' series" },
    };

    [Theory]
    [MemberData(nameof(AddressesThatDoNotFit))]
    public void NewAlarm_AddressValueThatDoesNotFit_IgnoredWithANote(string address, string note)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var cut = Render<AlarmEditorPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alarm-form]")), Wait);

        Assert.Contains(note, cut.Find("[data-testid=prefill-note]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=editor-load-error]"));
    }

    /// <summary>Issue 12: the help text spoke of p99 (and 1,000 requests) whatever percentile was chosen.</summary>
    [Fact]
    public void LowSampleHelp_SpeaksOfThePercentileChosen()
    {
        var cut = Edit("churn-latency");

        Assert.StartsWith("A p90 from fewer than 100 requests is noisy", cut.Find("[data-testid=low-sample-help]").TextContent.Trim(), StringComparison.Ordinal);

        cut.Find("[data-field=Stat] input").Input("p99.9");

        cut.WaitForAssertion(() => Assert.StartsWith("A p99.9 from fewer than 10,000 requests is noisy",
            cut.Find("[data-testid=low-sample-help]").TextContent.Trim(), StringComparison.Ordinal), Wait);
    }

    /// <summary>Issue 12: "Fix the fields marked in red" showed on a fresh form, where nothing is red until a field is touched.</summary>
    [Fact]
    public async Task NewAlarm_NothingMarked_BacktestNamesTheFieldsToComplete_AndSpeaksOfRedOnlyOnceTheyAre()
    {
        SignInAs("erin", Role.Engineer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/alarms/new?endpoint=churn");
        var cut = Render<AlarmEditorPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alarm-form]")), Wait);

        Assert.Empty(cut.FindAll(".mud-input-error"));
        Assert.Equal("To backtest, first complete: Threshold, Metric.", cut.Find("[data-testid=backtest-not-ready]").TextContent.Trim());

        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-field=Metric] .mud-input-error")), Wait);
        Assert.Equal("Fix the fields marked in red to backtest.", cut.Find("[data-testid=backtest-not-ready]").TextContent.Trim());
    }

    [Fact]
    public void NewAlarm_OnlyTheNameMissing_CanBeBacktested()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(AlarmUrls.NewFor("churn", SageMakerMetrics.ModelLatency));
        var cut = Render<AlarmEditorPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alarm-form]")), Wait);

        cut.Find("[data-field=Name] input").Input("");

        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=backtest-7d]").HasAttribute("disabled")), Wait);
        Assert.Empty(cut.FindAll("[data-testid=backtest-not-ready]"));
    }

    /// <summary>Issue 12: ALARM periods were hairlines on the chart with no list of when it fired.</summary>
    [Fact]
    public void Backtest_ListsEachAlarmPeriodNewestFirst_WithDurationAndPeak()
    {
        // VariantB at 100 ms, with 10 minutes at 900 ms half an hour ago and 5 minutes at 700 ms two hours ago.
        var series = Key(SageMakerMetrics.ModelLatency, "churn", "p90", "VariantB");
        var now = Now.ToUnixTimeSeconds();
        _alarms.Fleet.Queries.Add(series, Enumerable.Range(1, 180).Select(i => new MetricPoint(now - i * Minute,
            i is >= 31 and <= 40 ? 900_000 : i is >= 121 and <= 125 ? 700_000 : 100_000)));
        _alarms.Store.Add(new AlarmDefinition
        {
            Name = "churn-b",
            Kind = AlarmKind.Metric,
            Metric = series,
            EvaluationPeriods = 5,
            DatapointsToAlarm = 3,
            Threshold = 500_000,
        });
        var cut = Edit("churn-b");

        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=backtest-7d]").HasAttribute("disabled")), Wait);
        cut.Find("[data-testid=backtest-7d]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=backtest-period]").Count), Wait);
        var rows = cut.FindAll("[data-testid=backtest-period]").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal("900 ms", rows[0][2]);
        Assert.Equal("700 ms", rows[1][2]);
        Assert.True(string.CompareOrdinal(rows[0][0], rows[1][0]) > 0, "newest first");
        // "2025-06-04 11:43 → 11:52": the end's date only when it is another day.
        Assert.All(rows, r => Assert.Matches(@"^2025-06-04 \d\d:\d\d → \d\d:\d\d$", r[0]));
        Assert.All(rows, r => Assert.Matches(@"^\d+ min$", r[1]));
    }

    [Fact]
    public void Backtest_ElevenAlarmPeriods_FirstTenListed_ShowAllListsEvery()
    {
        // Eleven 3-minute breaches, 20 minutes apart (the newest two minutes too short for 3 of 3): eleven ALARM periods.
        var series = Key(SageMakerMetrics.ModelLatency, "churn", "p90", "VariantB");
        var now = Now.ToUnixTimeSeconds();
        _alarms.Fleet.Queries.Add(series, Enumerable.Range(1, 240).Select(i => new MetricPoint(now - i * Minute, i % 20 < 3 ? 900_000 : 100_000)));
        _alarms.Store.Add(new AlarmDefinition
        {
            Name = "churn-b",
            Kind = AlarmKind.Metric,
            Metric = series,
            EvaluationPeriods = 3,
            DatapointsToAlarm = 3,
            Threshold = 500_000,
        });
        var cut = Edit("churn-b");
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=backtest-7d]").HasAttribute("disabled")), Wait);
        cut.Find("[data-testid=backtest-7d]").Click();

        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=backtest-period]").Count), Wait);
        Assert.Contains("Show all 11", cut.Find("[data-testid=backtest-periods-all]").TextContent);
        cut.Find("[data-testid=backtest-periods-all]").Click();

        Assert.Equal(11, cut.FindAll("[data-testid=backtest-period]").Count);
    }

    [Theory]
    [InlineData("..", "browsers read it as a step in the address")]
    [InlineData("history", "/alarms/history")]
    [InlineData("system", "the audit trail's name for the dashboard itself")]
    [InlineData("p99/p50", "/ \\ ? # or %")]
    public async Task NewAlarm_NameThePagesCouldNotOpen_SaidAtTheNameFieldAndNothingSaved(string name, string expected)
    {
        SignInAs("erin", Role.Engineer);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/alarms/new?endpoint=churn");
        var cut = Render<AlarmEditorPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alarm-form]")), Wait);

        cut.Find("[data-field=Name] input").Input(name);
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved", cut.Find("[data-testid=save-message]").TextContent), Wait);
        Assert.Contains(expected, cut.Find("[data-field=Name]").TextContent);
        Assert.Empty(_alarms.Store.Created);
    }

    [Fact]
    public void Backtest_SevenDays_SaysHowOftenItWouldHaveFired()
    {
        var cut = Edit("churn-latency");

        // 400 ms against a 1,000 ms threshold: never.
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=backtest-7d]").HasAttribute("disabled")), Wait);
        cut.Find("[data-testid=backtest-7d]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Would have fired 0 times; in ALARM for 0 h 0 min (0 % of the time).",
            cut.Find("[data-testid=backtest-result]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task Backtest_EditorClosedWhileItReads_TheReadStops()
    {
        var cut = Edit("churn-latency");
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=backtest-7d]").HasAttribute("disabled")), Wait);
        var reading = new TaskCompletionSource();
        var stopped = new TaskCompletionSource();
        _alarms.Fleet.Queries.BeforeRead = async (from, to, token) =>
        {
            if (to - from < 7 * 86_400)
            {
                return; // not the backtest's week
            }
            reading.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            finally
            {
                stopped.TrySetResult();
            }
        };
        _ = cut.Find("[data-testid=backtest-7d]").ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        await reading.Task.WaitAsync(Wait, Xunit.TestContext.Current.CancellationToken);

        await DisposeComponentsAsync();

        await stopped.Task.WaitAsync(Wait, Xunit.TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Statistic_AnyPercentileCanBeTyped_AndIsSaved()
    {
        SignInAs("erin", Role.Engineer);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Edit("churn-latency");

        cut.Find("[data-field=Stat] input").Input("p97.5");
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.EndsWith("/alarms/churn-latency", navigation.Uri), Wait);
        Assert.Equal("p97.5", Assert.Single(_alarms.Store.Updated).Metric!.Stat);
    }

    [Fact]
    public void Statistic_NotACloudWatchStatistic_RefusedAtTheStatisticField()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Edit("churn-latency");

        cut.Find("[data-field=Stat] input").Input("p101");

        cut.WaitForAssertion(() => Assert.Contains("'p101' is not a CloudWatch statistic", cut.Find("[data-field=Stat]").TextContent), Wait);
        Assert.DoesNotContain("not a CloudWatch statistic", cut.Find("[data-field=Metric]").TextContent);
    }

    [Fact]
    public void Backtest_StatisticNotCollectedYet_SaysItIsFetchedOnceTheAlarmIsSaved()
    {
        var cut = Edit("churn-latency");
        cut.Find("[data-field=Stat] input").Input("p95");

        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=backtest-7d]").HasAttribute("disabled")), Wait);
        cut.Find("[data-testid=backtest-7d]").Click();

        cut.WaitForAssertion(() => Assert.Contains("ModelLatency p95 every 1 minute (AllTraffic) isn't collected yet",
            cut.Find("[data-testid=backtest-uncollected]").TextContent), Wait);
        Assert.Empty(cut.FindAll("[data-testid=backtest-result]"));
    }

    private const string MillisecondsRange = "a number from -1,000,000,000 to 1,000,000,000";

    public static TheoryData<string, string> RefusedThresholds()
    {
        var data = new TheoryData<string, string>();
        foreach (var text in BadInput.NotFiniteNumbers)
        {
            data.Add(text, string.IsNullOrWhiteSpace(text) ? $"Enter {MillisecondsRange}." : $"enter {MillisecondsRange}.");
        }
        data.Add("1e-320", $"Too close to 0 to be kept exactly: enter {MillisecondsRange}.");
        data.Add("1.7976931348623157e308", $"Too large: enter {MillisecondsRange}.");
        data.Add("1000000001", $"Too large: enter {MillisecondsRange}.");
        data.Add("0.0000000001", $"Use at most 9 decimal places: enter {MillisecondsRange}.");
        return data;
    }

    /// <summary>Finding 3: NaN became -1.8e308 and 1e309 / -1e400 ±1.8e308, saved without a word (the alarm went to ALARM).</summary>
    [Theory]
    [MemberData(nameof(RefusedThresholds))]
    public async Task Save_ThresholdNotFiniteOrOutOfRange_MessageAtTheThresholdAndNothingSaved(string typed, string message)
    {
        SignInAs("erin", Role.Engineer);
        var cut = Edit("churn-latency");

        cut.Find("[data-field=Threshold] input").Input(typed);
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved", cut.Find("[data-testid=save-message]").TextContent), Wait);
        Assert.EndsWith(message, cut.Find("[data-field=Threshold] .mud-input-helper-text").TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(_alarms.Store.Updated);
        Assert.Empty(_alarms.Store.Created);
    }

    [Fact]
    public async Task Save_ThresholdOfAnExpression_RangeInTheExpressionsUnit()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Edit("churn-errors");

        cut.Find("[data-field=Threshold] input").Input("-1e400");
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved", cut.Find("[data-testid=save-message]").TextContent), Wait);
        Assert.Equal("Too small: enter a number from -1,000,000,000,000 to 1,000,000,000,000.",
            cut.Find("[data-field=Threshold] .mud-input-helper-text").TextContent.Trim());
        Assert.Empty(_alarms.Store.Updated);
    }

    public static TheoryData<string, string, string> RefusedCounts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var field in new[] { "DatapointsToAlarm", "EvaluationPeriods" })
        {
            foreach (var text in BadInput.NotFiniteNumbers.Take(10))
            {
                data.Add(field, text, "enter a whole number from 1 to 1,440.");
            }
            data.Add(field, "", "Enter a whole number from 1 to 1,440.");
            data.Add(field, "0", "Too small: enter a whole number from 1 to 1,440.");
            data.Add(field, "-0", "Too small: enter a whole number from 1 to 1,440.");
            data.Add(field, "-5", "Too small: enter a whole number from 1 to 1,440.");
            data.Add(field, "2.5", "Not a whole number: enter a whole number from 1 to 1,440.");
            data.Add(field, "99999", "Too large: enter a whole number from 1 to 1,440.");
            data.Add(field, "2147483648", "Too large: enter a whole number from 1 to 1,440.");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RefusedCounts))]
    public async Task Save_CountNotAWholeNumberInRange_MessageAtItsFieldOnlyAndNothingSaved(string field, string typed, string message)
    {
        SignInAs("erin", Role.Engineer);
        var cut = Edit("churn-latency");

        cut.Find($"[data-field={field}] input").Input(typed);
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved", cut.Find("[data-testid=save-message]").TextContent), Wait);
        Assert.EndsWith(message, cut.Find($"[data-field={field}] .mud-input-helper-text").TextContent.Trim(), StringComparison.Ordinal);
        var other = field == "DatapointsToAlarm" ? "EvaluationPeriods" : "DatapointsToAlarm";
        Assert.Empty(cut.FindAll($"[data-field={other}] .mud-input-error"));
        Assert.Empty(_alarms.Store.Updated);
    }

    [Theory]
    [InlineData("0", "Too small: enter a number from 0.1 to 100.")]
    [InlineData("NaN", "Not a number: enter a number from 0.1 to 100.")]
    [InlineData("1e309", "Too large: enter a number from 0.1 to 100.")]
    [InlineData("-2", "Too small: enter a number from 0.1 to 100.")]
    public async Task Save_BandWidthOutOfRange_MessageAtTheBandWidthAndNothingSaved(string typed, string message)
    {
        _alarms.Store.Add(new AlarmDefinition
        {
            Name = "churn-band",
            Kind = AlarmKind.AnomalyDetection,
            Metric = P90,
            Comparison = ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold,
        });
        SignInAs("erin", Role.Engineer);
        var cut = Edit("churn-band");

        cut.Find("[data-field=BandWidth] input").Input(typed);
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.Contains("Nothing was saved", cut.Find("[data-testid=save-message]").TextContent), Wait);
        Assert.Equal(message, cut.Find("[data-field=BandWidth] .mud-input-helper-text").TextContent.Trim());
        Assert.Empty(_alarms.Store.Updated);
    }

    [Fact]
    public async Task Save_NumbersInRange_SavedAsTyped()
    {
        SignInAs("erin", Role.Engineer);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Edit("churn-latency");

        cut.Find("[data-field=EvaluationPeriods] input").Input("1440");
        cut.Find("[data-field=DatapointsToAlarm] input").Input("1e3");
        cut.Find("[data-field=Threshold] input").Input("-0");
        await ClickSaveAsync(cut);

        cut.WaitForAssertion(() => Assert.EndsWith("/alarms/churn-latency", navigation.Uri), Wait);
        var saved = Assert.Single(_alarms.Store.Updated);
        Assert.Equal((1440, 1000, 0.0), (saved.EvaluationPeriods, saved.DatapointsToAlarm, saved.Threshold));
        Assert.False(double.IsNegative(saved.Threshold));
    }

    private IRenderedComponent<AlarmEditorPage> Edit(string name)
    {
        var cut = Render<AlarmEditorPage>(p => p.Add(x => x.Name, name));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=alarm-form]")), Wait);
        return cut;
    }

    /// <summary>In the renderer's dispatcher: a field's input re-renders the form, which may renumber the button's handler between finding and clicking it.</summary>
    private static Task ClickSaveAsync(IRenderedComponent<AlarmEditorPage> cut) => cut.InvokeAsync(() => cut.Find("[data-testid=save-alarm]").Click());
}
