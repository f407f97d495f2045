using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Endpoints;

namespace Dashboard.Web.Tests.Endpoints;

public sealed class PanelChartsTests
{
    private static readonly IReadOnlyList<MetricPoint> Points = [new(1_800_000_000, 40), new(1_800_000_060, 42)];

    private static PanelData Latency(PanelKind kind = PanelKind.Metric) => new(
        PanelSpec.All.Single(p => p.Id == (kind == PanelKind.Drift ? "drift" : "cpu")),
        [new PanelLine("p50", "", Points), new PanelLine("p90", "", Points), new PanelLine("p99", "", Points)],
        [new PanelBand("p50 baseline", [new BaselineBand(1_800_000_000, 1_800_003_600, 30, 40, 50)], "p50"),
            new PanelBand("p99 baseline", [new BaselineBand(1_800_000_000, 1_800_003_600, 60, 80, 100)], "p99")],
        [],
        [new PanelLine("p90 (last week)", "", Points)],
        [new PanelReference(400, "ml.m5.xlarge ceiling 400 % (4 vCPU)")],
        "the drift rule");

    [Fact]
    public void ToModel_EachBandInItsLinesColourAndTheOverlayInNoneOfThem()
    {
        var model = PanelCharts.ToModel(Latency());

        string Color(string name) => model.Series.Single(s => s.Name == name).Color!;
        Assert.Equal(Color("p50"), Color("p50 baseline"));
        Assert.Equal(Color("p99"), Color("p99 baseline"));
        Assert.NotEqual(Color("p50"), Color("p99"));
        // The earlier period reads neither as a band nor as a line.
        var lineAndBandColors = model.Series.Where(s => s.Kind != ChartSeriesKind.PreviousPeriod).Select(s => s.Color).ToHashSet();
        Assert.DoesNotContain(Color("p90 (last week)"), lineAndBandColors);
    }

    [Fact]
    public void ToModel_CeilingIsGreyNotAlarmRedAndTheBandRuleIsLeftToThePage()
    {
        var model = PanelCharts.ToModel(Latency());

        Assert.Equal(PanelCharts.CeilingColor, Assert.Single(model.Annotations).Color);
        Assert.Null(model.BaselineRule);
        Assert.Equal("the drift rule", PanelCharts.ToModel(Latency(PanelKind.Drift)).BaselineRule);
    }
}
