using Bunit;
using Dashboard.Web.Endpoints;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Endpoints;

public sealed class EndpointHeaderTests : DashboardTestContext
{
    /// <summary>Finding 2: the endpoint page showed "Infinity" and "NaN %".</summary>
    [Theory]
    [InlineData(double.PositiveInfinity, "infinite (infinite) share unknown")]
    [InlineData(double.NaN, "not a number (not a number) share unknown")]
    public void Variants_WeightNotFinite_SaidInWordsAndNoShare(double weight, string expected)
    {
        var endpoint = Endpoint("pricing-ab", variants: [Variant("VariantA", weight: weight), Variant("VariantB", weight: 0.2)]);

        var cut = Render<EndpointHeader>(p => p.Add(c => c.Endpoint, endpoint));

        Assert.Equal([expected, "0.2 (0.2) share unknown"], Cells(cut));
        Assert.DoesNotContain("NaN", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", cut.Markup, StringComparison.Ordinal);
    }

    // The weight (desired) and traffic-share cells of each variant.
    private static string[] Cells(IRenderedComponent<EndpointHeader> cut) => cut.FindAll("[data-testid=variants] tbody tr")
        .Select(row => string.Join(" ", row.QuerySelectorAll("td").Skip(3).Select(td => td.TextContent.Trim())))
        .ToArray();
}
