using Dashboard.Web.Fleet;
using static Dashboard.Web.Tests.Fleet.FleetTestData;

namespace Dashboard.Web.Tests.Fleet;

public sealed class FleetFormatTests
{
    [Theory]
    [InlineData(null, "—")]
    [InlineData(12_345.6, "12,346")]
    [InlineData(412.4, "412")]
    [InlineData(12.4, "12")]
    [InlineData(1.24, "1.2")]
    [InlineData(0.0, "0")]
    public void Number_ScalesItsPrecisionAndShowsADashWhenUnmeasured(double? value, string expected)
    {
        Assert.Equal(expected, FleetFormat.Number(value));
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(0.5, "0.50 %")]
    [InlineData(12.34, "12.3 %")]
    public void Percent_TwoDecimalsBelowTen(double? value, string expected)
    {
        Assert.Equal(expected, FleetFormat.Percent(value));
    }

    [Fact]
    public void Milliseconds_AddsTheUnitOnlyWhenMeasured()
    {
        Assert.Equal("125 ms", FleetFormat.Milliseconds(125.2));
        Assert.Equal("—", FleetFormat.Milliseconds(null));
    }

    [Fact]
    public void Instances_SumsTheVariantsOfOneType()
    {
        var endpoint = Endpoint("fraud", variants: [Variant("blue", "ml.m5.xlarge", 2), Variant("green", "ml.m5.xlarge", 3), Variant("shadow", "ml.g5.xlarge", 1)]);

        Assert.Equal("ml.m5.xlarge × 5", FleetFormat.Instances(endpoint, "ml.m5.xlarge"));
        Assert.Equal("ml.g5.xlarge × 1", FleetFormat.Instances(endpoint, "ml.g5.xlarge"));
    }

    [Fact]
    public void Weight_ShowsTheRawWeightTheTrafficShareAndAPendingChange()
    {
        var blue = Variant("blue", weight: 3);
        var green = Variant("green", weight: 1, desiredWeight: 2);
        var endpoint = Endpoint("fraud", variants: [blue, green]);

        Assert.Equal("3 (75 %)", FleetFormat.Weight(endpoint, blue));
        Assert.Equal("1 → 2 (25 %)", FleetFormat.Weight(endpoint, green));
    }

    [Fact]
    public void Weight_AllWeightsZero_ShareIsZero()
    {
        var drained = Variant("AllTraffic", weight: 0);

        Assert.Equal("0 (0 %)", FleetFormat.Weight(Endpoint("drained", variants: [drained]), drained));
    }

    /// <summary>Finding 2: an infinite weight showed as "Infinity (NaN %)".</summary>
    [Theory]
    [InlineData(double.PositiveInfinity, "infinite (share unknown)")]
    [InlineData(double.NaN, "not a number (share unknown)")]
    [InlineData(-1, "-1 (share unknown)")]
    public void Weight_NotAFiniteNumberOfAtLeast0_SaidInWordsAndNoShare(double weight, string expected)
    {
        var broken = Variant("VariantA", weight: weight);
        var other = Variant("VariantB", weight: 0.2);
        var endpoint = Endpoint("pricing-ab", variants: [broken, other]);

        Assert.Equal(expected, FleetFormat.Weight(endpoint, broken));
        Assert.Equal("0.2 (share unknown)", FleetFormat.Weight(endpoint, other));
    }
}
