using Bunit;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Dashboard.Web.Alarms.Recommended;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Alarms.Editor;

public sealed class RecommendedAlarmsListTests : DashboardTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly AlarmTestServices _alarms;

    public RecommendedAlarmsListTests()
        : this(new AlarmTestServices())
    {
    }

    private RecommendedAlarmsListTests(AlarmTestServices alarms)
        : base(alarms.Register)
    {
        _alarms = alarms;
        _alarms.Fleet.AddMinutes(Key(SageMakerMetrics.ModelLatency, "churn", "p90"), 30, 400_000);
        _alarms.Fleet.AddMinutes(Key(SageMakerMetrics.MemoryUtilization, "churn", "Average"), 30, 40);
    }

    [Fact]
    public void ListsEachRecommendationWithWhyAndConditionAndMarksExistingOnes()
    {
        _alarms.Store.Add(new AlarmDefinition { Name = "churn-AllTraffic-memory", Metric = Key(SageMakerMetrics.MemoryUtilization, "churn", "Average"), Threshold = 85 });

        var cut = Render<RecommendedAlarmsList>(p => p.Add(x => x.Endpoint, Endpoint("churn")));

        var items = cut.FindAll("[data-testid=recommended-item]");
        Assert.Equal(["churn-AllTraffic-latency-p90", "churn-AllTraffic-memory"], items.Select(i => i.GetAttribute("data-name")));
        Assert.Contains("ModelLatency p90 > 1,000 ms in 5 of 5 periods", items[0].TextContent);
        Assert.Contains("users notice", items[0].TextContent);
        Assert.Empty(items[0].QuerySelectorAll("[data-testid=recommended-exists]"));
        Assert.Single(items[1].QuerySelectorAll("[data-testid=recommended-exists]"));
    }

    /// <summary>Issue 12: every recommendation was pre-ticked, including ones that would fire all day.</summary>
    [Fact]
    public void NothingIsTickedAtFirst()
    {
        var cut = Render<RecommendedAlarmsList>(p => p.Add(x => x.Endpoint, Endpoint("churn")));

        var boxes = cut.FindAll("input[data-testid=recommended-check]").Cast<AngleSharp.Html.Dom.IHtmlInputElement>().ToList();
        Assert.Equal(2, boxes.Count);
        Assert.All(boxes, box => Assert.False(box.IsChecked));
        var create = cut.Find("[data-testid=recommended-create]");
        Assert.Contains("Create selected (0)", create.TextContent);
        Assert.True(create.HasAttribute("disabled"));
    }

    [Fact]
    public void EachRecommendation_ShowsHowOftenItWouldHaveFiredOver14Days()
    {
        // Two 10-minute stretches above 85 % memory, a day apart: the 5-of-5 memory alarm would have fired twice (8 min in ALARM each, as the evaluator replays it).
        var memory = Key(SageMakerMetrics.MemoryUtilization, "churn", "Average");
        var now = Now.ToUnixTimeSeconds();
        foreach (var start in new[] { now - 86_400 - 3_600, now - 2 * 86_400 })
        {
            _alarms.Fleet.Queries.Add(memory, Enumerable.Range(0, 10).Select(i => new MetricPoint(start + i * Minute, 95)));
        }

        var cut = Render<RecommendedAlarmsList>(p => p.Add(x => x.Endpoint, Endpoint("churn")));

        cut.WaitForAssertion(() => Assert.Equal(
            ["Not backtested: there is less than an hour of its history stored.", "Would have fired 2 times in the 2 days stored, 16 min in ALARM."],
            cut.FindAll("[data-testid=recommended-backtest]").Select(e => e.TextContent.Trim())), Wait);
    }

    [Fact]
    public void CreateSelected_AsEngineer_CreatesThemAndSaysSo()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<RecommendedAlarmsList>(p => p.Add(x => x.Endpoint, Endpoint("churn")));
        TickAll(cut);

        cut.Find("[data-testid=recommended-create]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Created 2 alarms.", cut.Find("[data-testid=recommended-summary]").TextContent.Trim()), Wait);
        Assert.Equal(["churn-AllTraffic-latency-p90", "churn-AllTraffic-memory"], _alarms.Store.Created.Select(a => a.Name));
    }

    [Fact]
    public void CreateSelected_AsViewer_IsRefusedWithTheReason()
    {
        var cut = Render<RecommendedAlarmsList>(p => p.Add(x => x.Endpoint, Endpoint("churn")));
        TickAll(cut);

        cut.Find("[data-testid=recommended-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2 alarms refused", cut.Find("[data-testid=recommended-summary]").TextContent), Wait);
        Assert.Contains("may not create, change or delete alarms", cut.Find("[data-testid=recommended-refusal]").TextContent);
        Assert.Empty(_alarms.Store.Created);
    }

    private static void TickAll(IRenderedComponent<RecommendedAlarmsList> cut)
    {
        for (var i = 0; i < cut.FindAll("input[data-testid=recommended-check]").Count; i++)
        {
            cut.FindAll("input[data-testid=recommended-check]")[i].Change(true);
        }
    }

    [Theory]
    [InlineData(14 * 86_400, 0, "Would not have fired in the last 14 days.")]
    [InlineData(13 * 86_400 + 7_200, 1, "Would have fired once in the last 14 days, 1 h 0 min in ALARM.")]
    [InlineData(3 * 86_400 + 100, 3, "Would have fired 3 times in the 3 days stored, 1 h 0 min in ALARM.")]
    [InlineData(5 * 3_600, 0, "Would not have fired in the 5 hours stored.")]
    [InlineData(1_800, 0, "Not backtested: there is less than an hour of its history stored.")]
    public void Sentence_NamesTheHistoryActuallyReplayed(long stored, int fired, string expected)
    {
        const long to = 100 * 86_400;
        const long from = to - 14 * 86_400;
        var result = new Dashboard.Core.Alarms.Evaluation.BacktestResult(from, to, fired,
            fired == 0 ? [] : [new Dashboard.Core.Alarms.Evaluation.StateSpan(to - 7_200, to - 3_600, AlarmState.Alarm)],
            [new Dashboard.Core.Alarms.Evaluation.AlarmDatapoint(to - stored, 1)]);

        Assert.Equal(expected, RecommendedAlarmsList.Sentence(result));
    }
}
