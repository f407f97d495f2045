using AngleSharp.Dom;
using Bunit;
using Dashboard.Core.Health;
using Dashboard.Core.Overview;
using Dashboard.Core.SageMaker;
using Dashboard.Web.Fleet;
using Microsoft.AspNetCore.Components;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Fleet;

public sealed class FleetTableTests : DashboardTestContext
{
    [Fact]
    public void Render_OneRowPerEndpointLinkingToItsPage()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(Endpoint("churn")), Row(Endpoint("fraud detection"))]));

        Assert.Equal("/endpoints/churn", cut.Find("[data-testid=endpoint-row-churn] a").GetAttribute("href"));
        Assert.Equal("/endpoints/fraud%20detection", cut.Find("[data-testid='endpoint-row-fraud detection'] a").GetAttribute("href"));
        Assert.Equal(2, cut.FindAll("[data-testid^=endpoint-row-]").Count);
    }

    [Fact]
    public void Render_HealthAndStatusChips()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows,
            [Row(Endpoint("churn")), Row(Endpoint("fraud", EndpointStatuses.Failed), HealthLevel.Critical)]));

        var fraud = RowOf(cut, "fraud");
        Assert.Equal("Critical", fraud.QuerySelector("[data-testid=health-chip]")!.TextContent.Trim());
        Assert.Equal("Failed", fraud.QuerySelector("[data-testid=status-chip]")!.TextContent.Trim());
        Assert.Contains("mud-chip-color-error", fraud.QuerySelector("[data-testid=status-chip]")!.ClassName);
        Assert.Equal("Healthy", RowOf(cut, "churn").QuerySelector("[data-testid=health-chip]")!.TextContent.Trim());
    }

    [Fact]
    public void Render_VariantsWithWeightsAndTrafficShare()
    {
        var endpoint = Endpoint("fraud", variants: [Variant("blue", instances: 2, weight: 3), Variant("green", weight: 1, desiredWeight: 2)]);

        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(endpoint)]));

        var variants = RowOf(cut, "fraud").QuerySelectorAll("[data-testid=variant]").Select(v => v.TextContent.Trim()).ToArray();
        Assert.Equal(["blue 3 (75 %)", "green 1 → 2 (25 %)"], variants);
        Assert.Contains("ml.m5.xlarge × 3", RowOf(cut, "fraud").TextContent);
    }

    /// <summary>Finding 2: the fleet page showed "Infinity (NaN %)".</summary>
    [Fact]
    public void Render_InfiniteWeight_SaidInWordsWithoutNaN()
    {
        var endpoint = Endpoint("pricing-ab", variants: [Variant("VariantA", weight: double.PositiveInfinity), Variant("VariantB", weight: 0.2)]);

        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(endpoint)]));

        var variants = RowOf(cut, "pricing-ab").QuerySelectorAll("[data-testid=variant]").Select(v => v.TextContent.Trim()).ToArray();
        Assert.Equal(["VariantA infinite (share unknown)", "VariantB 0.2 (share unknown)"], variants);
        Assert.DoesNotContain("NaN", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RedNumbersFormattedWithSparklines()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(Endpoint("churn"), invocations: 1_234.4, errorRate: 0.5, p90: 125.2)]));

        var row = RowOf(cut, "churn");
        Assert.Equal("1,234", Text(row, "invocations"));
        Assert.Equal("0.50 %", Text(row, "error-rate"));
        Assert.Equal("125 ms", Text(row, "p90"));
        Assert.NotNull(row.QuerySelector("svg[data-testid=invocations-sparkline]"));
        Assert.NotNull(row.QuerySelector("svg[data-testid=error-rate-sparkline]"));
        Assert.Equal("Latest: 125", row.QuerySelector("svg[data-testid=p90-sparkline] title")!.TextContent);
    }

    [Fact]
    public void Render_Unmeasured_ShowsDashesAndNoBaselineYet()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(Endpoint("idle"))]));

        var row = RowOf(cut, "idle");
        Assert.Equal(["—", "—", "—"], new[] { Text(row, "invocations"), Text(row, "error-rate"), Text(row, "p90") });
        Assert.Contains("no baseline yet", row.TextContent);
        Assert.Null(row.QuerySelector("[data-testid=top-deviation]"));
    }

    [Fact]
    public void Render_TopDeviation_IsDescribed()
    {
        var deviation = new BaselineDeviation("ModelLatency p90", "ms", 310, 120, 7.25);

        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, [Row(Endpoint("churn"), deviation: deviation)]));

        Assert.Equal("ModelLatency p90 310 ms vs baseline 120 ms (+7.3σ)", RowOf(cut, "churn").QuerySelector("[data-testid=top-deviation]")!.TextContent.Trim());
    }

    [Fact]
    public void Render_NoRows_SaysNothingMatches()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows, []));

        Assert.Contains("No endpoints match.", cut.Markup);
    }

    [Fact]
    public void Sort_ByDefault_WorstHealthFirstThenNamesAToZ()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows,
            [Row(Endpoint("fraud")), Row(Endpoint("pricing"), HealthLevel.Degraded), Row(Endpoint("churn")), Row(Endpoint("ads"), HealthLevel.Critical)]));

        Assert.Equal(["ads", "pricing", "churn", "fraud"], Names(cut));
        Assert.Equal("descending", cut.Find("th:has([data-testid=sort-health])").GetAttribute("aria-sort"));
    }

    [Fact]
    public void Sort_NameClickedThenHealth_WorstFirstThenReversed()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows,
            [Row(Endpoint("a")), Row(Endpoint("b"), HealthLevel.Critical), Row(Endpoint("c"), HealthLevel.Degraded)]));
        cut.Find("[data-testid=sort-name]").Click();
        Assert.Equal(["a", "b", "c"], Names(cut));
        Assert.Equal("ascending", cut.Find("th:has([data-testid=sort-name])").GetAttribute("aria-sort"));

        cut.Find("[data-testid=sort-health]").Click();
        Assert.Equal(["b", "c", "a"], Names(cut));
        Assert.Equal("descending", cut.Find("th:has([data-testid=sort-health])").GetAttribute("aria-sort"));
        Assert.Null(cut.Find("th:has([data-testid=sort-name])").GetAttribute("aria-sort"));

        cut.Find("[data-testid=sort-health]").Click();
        Assert.Equal(["a", "c", "b"], Names(cut));
    }

    [Fact]
    public void Sort_ByLatency_HighestFirstAndUnmeasuredLast()
    {
        var cut = Render<FleetTable>(p => p.Add(c => c.Rows,
            [Row(Endpoint("slow"), invocations: 5, p90: 900), Row(Endpoint("none")), Row(Endpoint("fast"), invocations: 5, p90: 40)]));

        cut.Find("[data-testid=sort-p90]").Click();

        Assert.Equal(["slow", "fast", "none"], Names(cut));
    }

    [Fact]
    public void Render_EachRow_CostsFewComponentInstances()
    {
        var deviation = new BaselineDeviation("ModelLatency p90", "ms", 310, 120, 7.25);
        EndpointRow Measured(string name) => Row(Endpoint(name), invocations: 12, errorRate: 0.5, p90: 125, deviation: deviation);

        var ten = Render<FleetTable>(p => p.Add(c => c.Rows, Enumerable.Range(0, 10).Select(i => Measured($"e{i}")).ToList()));
        var twenty = Render<FleetTable>(p => p.Add(c => c.Rows, Enumerable.Range(0, 20).Select(i => Measured($"e{i}")).ToList()));

        // Each component instance holds render-tree buffers (a few KB) on the server for as long as the page is open.
        var perRow = (twenty.FindComponents<IComponent>().Count - ten.FindComponents<IComponent>().Count) / 10.0;
        Assert.InRange(perRow, 1, 12);
    }

    private static string[] Names(IRenderedComponent<FleetTable> cut) =>
        cut.FindAll("[data-testid^=endpoint-row-] a").Select(a => a.TextContent.Trim()).ToArray();

    private static IElement RowOf(IRenderedComponent<FleetTable> cut, string endpoint) =>
        cut.Find($"[data-testid='endpoint-row-{endpoint}']").Closest("tr")!;

    private static string Text(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();
}
