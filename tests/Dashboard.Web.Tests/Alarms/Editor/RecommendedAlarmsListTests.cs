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
        Assert.Contains("Create selected (1)", cut.Find("[data-testid=recommended-create]").TextContent);
    }

    [Fact]
    public void CreateSelected_AsEngineer_CreatesThemAndSaysSo()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<RecommendedAlarmsList>(p => p.Add(x => x.Endpoint, Endpoint("churn")));

        cut.Find("[data-testid=recommended-create]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Created 2 alarms.", cut.Find("[data-testid=recommended-summary]").TextContent.Trim()), Wait);
        Assert.Equal(["churn-AllTraffic-latency-p90", "churn-AllTraffic-memory"], _alarms.Store.Created.Select(a => a.Name));
    }

    [Fact]
    public void CreateSelected_AsViewer_IsRefusedWithTheReason()
    {
        var cut = Render<RecommendedAlarmsList>(p => p.Add(x => x.Endpoint, Endpoint("churn")));

        cut.Find("[data-testid=recommended-create]").Click();

        cut.WaitForAssertion(() => Assert.Contains("2 alarms refused", cut.Find("[data-testid=recommended-summary]").TextContent), Wait);
        Assert.Contains("may not create, change or delete alarms", cut.Find("[data-testid=recommended-refusal]").TextContent);
        Assert.Empty(_alarms.Store.Created);
    }
}
