using Bunit;
using Dashboard.Core.Health;
using Dashboard.Core.Live;
using Dashboard.Core.Overview;
using Dashboard.Core.SageMaker;
using Dashboard.Web.Fleet;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Fleet;

public sealed class HealthSummaryCardsTests : DashboardTestContext
{
    private static readonly FleetOverview Overview = new(
        [
            Row(Endpoint("churn")),
            Row(Endpoint("search"), HealthLevel.Degraded, reasons: ["CPU 95 % of capacity (degraded above 90 % of capacity)"]),
            Row(Endpoint("fraud", EndpointStatuses.Failed), HealthLevel.Critical, reasons: ["Failed: ping failed", "No metric data received yet"]),
            Row(Endpoint("ads"), HealthLevel.Degraded, reasons: ["No metric data received yet"]),
        ],
        new HealthCounts(1, 2, 1), BackfillProgress.None, [], Now);

    [Fact]
    public void Render_CountsPerLevel()
    {
        var cut = Render<HealthSummaryCards>(p => p.Add(c => c.Overview, Overview));

        Assert.Equal("1", cut.Find("[data-testid=health-healthy-count]").TextContent.Trim());
        Assert.Equal("2", cut.Find("[data-testid=health-degraded-count]").TextContent.Trim());
        Assert.Equal("1", cut.Find("[data-testid=health-critical-count]").TextContent.Trim());
    }

    [Fact]
    public void Render_ReasonsOfUnhealthyEndpointsWorstFirst()
    {
        var cut = Render<HealthSummaryCards>(p => p.Add(c => c.Overview, Overview));

        var reasons = cut.Find("[data-testid=health-reasons]");
        Assert.Equal(["fraud", "ads", "search"], reasons.QuerySelectorAll("a").Select(a => a.TextContent.Trim()));
        Assert.Contains("Failed: ping failed; No metric data received yet", reasons.TextContent);
        Assert.DoesNotContain("churn", reasons.TextContent);
    }

    [Fact]
    public void Render_WhyAndLegend_SayTheWindowAndTheHysteresis()
    {
        var cut = Render<HealthSummaryCards>(p => p.Add(c => c.Overview, Overview));

        Assert.Equal("Why (last 10 min)", cut.Find("[data-testid=health-reasons-title]").TextContent.Trim());
        var legend = cut.Find("[data-testid=health-legend]").TextContent;
        Assert.Contains("How health is judged (last 10 min)", legend);
        Assert.Contains("held for 5 consecutive minutes", legend);
        Assert.Contains("with 99 % confidence", legend);
    }

    [Fact]
    public void Render_AllHealthy_NoReasons()
    {
        var healthy = Overview with { Rows = [Row(Endpoint("churn"))], Counts = new HealthCounts(1, 0, 0) };

        var cut = Render<HealthSummaryCards>(p => p.Add(c => c.Overview, healthy));

        Assert.Empty(cut.FindAll("[data-testid=health-reasons]"));
    }

    [Fact]
    public void Click_Card_InvokesOnSelectWithTheLevel()
    {
        var selected = new List<string?>();
        var cut = Render<HealthSummaryCards>(p => p
            .Add(c => c.Overview, Overview)
            .Add(c => c.OnSelect, (string? level) => selected.Add(level)));

        cut.Find("[data-testid=health-critical]").Click();
        cut.Find("[data-testid=health-healthy]").Click();

        Assert.Equal(["Critical", "Healthy"], selected);
    }
}
