using Bunit;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;
using Dashboard.Web.Alarms;
using Dashboard.Web.Tests.Alarms.Editor;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Alarms;

public sealed class AlarmDetailPageTests : DashboardTestContext
{
    private static readonly SeriesKey P90 = Key(SageMakerMetrics.ModelLatency, "churn", "p90");

    private readonly AlarmTestServices _alarms;

    public AlarmDetailPageTests()
        : this(new AlarmTestServices())
    {
    }

    private AlarmDetailPageTests(AlarmTestServices alarms)
        : base(alarms.Register)
    {
        _alarms = alarms;
        _alarms.Fleet.AddMinutes(P90, 60, 400_000);
    }

    [Fact]
    public void NotEvaluatedYet_OnAStatisticNotCollected_SaysItWaitsForTheFirstFetch()
    {
        _alarms.Store.Add(Alarm("churn-p95", P90 with { Stat = "p95", Period = 300 }), AlarmState.InsufficientData);

        var page = Render<AlarmDetailPage>(p => p.Add(x => x.Name, "churn-p95"));

        page.WaitForAssertion(() => Assert.Contains("Waiting for CloudWatch: ModelLatency p95 every 5 minutes (AllTraffic) is not collected by default",
            page.Find("[data-testid=awaiting-first-fetch]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void NotEvaluatedYet_OnAStoredSeries_ShowsTheStoredReason()
    {
        _alarms.Store.Add(Alarm("churn-p90", P90), AlarmState.InsufficientData);

        var page = Render<AlarmDetailPage>(p => p.Add(x => x.Name, "churn-p90"));

        page.WaitForAssertion(() => Assert.Contains("Why it is INSUFFICIENT_DATA", page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=awaiting-first-fetch]"));
    }

    private static AlarmDefinition Alarm(string name, SeriesKey series) => new()
    {
        Name = name,
        Kind = AlarmKind.Metric,
        Metric = series,
        Period = series.Period,
        EvaluationPeriods = 3,
        DatapointsToAlarm = 3,
        Threshold = 1_000_000,
    };
}
