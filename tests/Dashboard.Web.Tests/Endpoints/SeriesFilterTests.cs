using Dashboard.Core.SageMaker;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Endpoints;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Endpoints;

public sealed class SeriesFilterTests
{
    private static readonly ChartModel AbLatency = new("model-latency", "ModelLatency", "ms",
        new[] { "VariantA baseline", "VariantB baseline", "VariantA p50", "VariantA p90", "VariantA p99", "VariantB p50", "VariantB p90", "VariantB p99" }
            .Select(n => new ChartSeries(n, n.EndsWith("baseline", StringComparison.Ordinal) ? ChartSeriesKind.BaselineBand : ChartSeriesKind.Line, []))
            .Append(new ChartSeries("VariantA p90 (last week)", ChartSeriesKind.PreviousPeriod, []))
            .Append(new ChartSeries("Outside baseline", ChartSeriesKind.Outliers, []))
            .ToList(), []);

    [Fact]
    public void For_AbEndpoint_StartsOnP90ForEveryVariant()
    {
        var filter = SeriesFilter.For(Endpoint("pricing-ab", EndpointStatuses.InService, Variant("VariantA"), Variant("VariantB")));

        Assert.Equal(["VariantA baseline", "VariantB baseline", "VariantA p90", "VariantB p90", "VariantA p90 (last week)", "Outside baseline"],
            filter.Apply(AbLatency).Series.Select(s => s.Name));
    }

    [Fact]
    public void For_OneVariant_DrawsEveryPercentile()
    {
        Assert.Same(SeriesFilter.All, SeriesFilter.For(Endpoint("churn")));
        Assert.Equal(AbLatency.Series.Count, SeriesFilter.All.Apply(AbLatency).Series.Count);
    }

    [Fact]
    public void ToggleVariantAndPercentile_OnlyTheChosenLinesOfTheChosenVariantRemainAndToggleBack()
    {
        var filter = SeriesFilter.All.ToggleVariant("VariantB").TogglePercentile("p50");

        Assert.Equal(["VariantA baseline", "VariantA p90", "VariantA p99", "VariantA p90 (last week)", "Outside baseline"],
            filter.Apply(AbLatency).Series.Select(s => s.Name));
        Assert.Equal(AbLatency.Series.Count, filter.ToggleVariant("VariantB").TogglePercentile("p50").Apply(AbLatency).Series.Count);
    }
}
