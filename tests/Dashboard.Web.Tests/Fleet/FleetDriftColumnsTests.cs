using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Monitor;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Web.Fleet;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Fleet;

/// <summary>The fleet page's Drift · quality and Model Monitor columns, from what the drift reader last left.</summary>
public sealed class FleetDriftColumnsTests : DashboardTestContext
{
    private static readonly DateTimeOffset At = Now;

    private readonly FleetServices _fleet;

    public FleetDriftColumnsTests()
        : this(new FleetServices())
    {
    }

    private FleetDriftColumnsTests(FleetServices fleet)
        : base(fleet.Register) => _fleet = fleet;

    [Fact]
    public void Table_DriftingEndpoint_ShowsWorstFeatureInThresholdsAndQualityVsBaseline_InTheWarningColour()
    {
        var row = Row(Endpoint("credit-risk")) with { Drift = Drifting() };

        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [row]));

        var worst = RowOf(cut, "credit-risk").QuerySelector("[data-testid=drift-worst]")!;
        var quality = RowOf(cut, "credit-risk").QuerySelector("[data-testid=drift-quality]")!;
        Assert.Equal("channel · 4.20× threshold", worst.GetAttribute("title"));
        Assert.Contains("mud-warning-text", worst.ClassName);
        Assert.Equal("F1 0.71 · baseline 0.86", quality.GetAttribute("title"));
        Assert.Contains("mud-warning-text", quality.ClassName);
    }

    [Fact]
    public void Table_EndpointWithoutCapture_SaysSo_OnceTheReaderLooked()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(Endpoint("search")) with { DriftRead = true, Monitors = [] }, Row(Endpoint("new"))]));

        Assert.Equal("no captured data", RowOf(cut, "search").QuerySelector("[data-testid=drift-search]")!.TextContent.Trim());
        Assert.Equal("none", RowOf(cut, "search").QuerySelector("[data-testid=monitor-search]")!.TextContent.Trim());
        Assert.Equal("not read yet", RowOf(cut, "new").QuerySelector("[data-testid=drift-new]")!.TextContent.Trim());
        Assert.Equal("not read yet", RowOf(cut, "new").QuerySelector("[data-testid=monitor-new]")!.TextContent.Trim());
    }

    [Fact]
    public void Table_SortByDrift_PutsTheWorstFeatureInThresholdsFirst()
    {
        var calm = new DriftStanding("churn", At, new FeatureStanding("age", 0.02, 0.1, 0), null);
        var rows = new[] { Row(Endpoint("churn")) with { Drift = calm }, Row(Endpoint("search")), Row(Endpoint("credit-risk")) with { Drift = Drifting() } };
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, rows));

        cut.Find("[data-testid=sort-drift]").Click();

        Assert.Equal(["credit-risk", "churn", "search"],
            cut.FindAll("[data-testid^=endpoint-row-]").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void Table_ModelMonitorSchedules_LastFinishedRunWithItsViolations()
    {
        var schedules = new[]
        {
            Schedule("data-quality", Execution(2, MonitoringExecutionStatuses.InProgress), Execution(3, MonitoringExecutionStatuses.CompletedWithViolations, 3)),
            Schedule("model-quality", Execution(5, MonitoringExecutionStatuses.Completed)),
        };

        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(Endpoint("churn")) with { Monitors = schedules }]));

        var monitor = RowOf(cut, "churn").QuerySelector("[data-testid=monitor]")!;
        Assert.Equal("2 schedules · last run: 3 violations", monitor.GetAttribute("title"));
        Assert.Equal("last run: 3 violations", monitor.QuerySelector(".d-block")!.TextContent);
        Assert.Contains("mud-warning-text", monitor.ClassName);
    }

    [Theory]
    [InlineData(MonitoringExecutionStatuses.Completed, "1 schedule · last run: no violations")]
    [InlineData(MonitoringExecutionStatuses.Failed, "1 schedule · last run failed")]
    [InlineData(MonitoringExecutionStatuses.InProgress, "1 schedule · no run yet")]
    public void MonitorLine_OneSchedule_SaysHowItsLastRunEnded(string status, string expected)
    {
        Assert.Equal(expected, FleetDriftFormat.Monitor([Schedule("dq", Execution(1, status))])!.Sentence);
    }

    [Fact]
    public void MonitorLine_NoSchedules_IsNone_AndNotReadYetIsNull()
    {
        Assert.Equal("none", FleetDriftFormat.Monitor([])!.Sentence);
        Assert.Null(FleetDriftFormat.Monitor(null));
    }

    [Fact]
    public void Page_ReadsTheDriftReadersBoard_NotAws()
    {
        _fleet.Live.PublishFleet([Endpoint("credit-risk")]);
        _fleet.AddMinutes(Key(SageMakerMetrics.Invocations, "credit-risk"), 30, 120);
        _fleet.Drift.Stood(Drifting());
        _fleet.Drift.Monitored("credit-risk", [Schedule("dq", Execution(1, MonitoringExecutionStatuses.CompletedWithViolations, 1))], At);

        var cut = Render<FleetPage>();

        cut.WaitForAssertion(() => Assert.Equal("channel · 4.20× threshold", cut.Find("[data-testid=drift-worst]").GetAttribute("title")));
        Assert.Equal("1 schedule · last run: 1 violation", cut.Find("[data-testid=monitor]").GetAttribute("title"));
        Assert.Equal("Degraded", cut.Find("[data-testid=health-chip]").TextContent.Trim());
    }

    private static DriftStanding Drifting() => new("credit-risk", At, new FeatureStanding("channel", 0.42, 0.1, At.ToUnixTimeSeconds() - At.ToUnixTimeSeconds() % 3600),
        new QualityStanding(ProblemType.BinaryClassification, new QualityMetric("f1", 0.71, 0.68, 0.74), 0.86, 900));

    private static MonitorSchedule Schedule(string name, params MonitorExecution[] executions) =>
        new(name, MonitoringTypes.DataQuality, "Scheduled", "cron(0 * ? * * *)", null, executions);

    private static MonitorExecution Execution(int hoursAgo, string status, int? violations = null) =>
        new(At.AddHours(-hoursAgo), status, null, violations is { } n ? Enumerable.Range(0, n).Select(i => new MonitorViolation($"f{i}", "data_type_check", "…")).ToList() : null);

    private static IElement RowOf(IRenderedComponent<FleetTable> cut, string endpoint) =>
        cut.Find($"[data-testid='endpoint-row-{endpoint}']").Closest("tr")!;
}
