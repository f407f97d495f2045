using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public sealed class SequentialBoundariesTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.0015249)]
    [InlineData(1.0, 0.025)]
    [InlineData(1.7, 0.025)]
    public void OBrienFleming_OneSided0025_SpendsLittleEarlyAndAllOfAlphaAtTheEnd(double fraction, double spent) =>
        Assert.Equal(spent, AlphaSpending.OBrienFleming(0.025, fraction), 6);

    /// <summary>Published Lan–DeMets O'Brien–Fleming bounds, one-sided α 0.025 (as gsDesign's sfLDOF gives them).</summary>
    [Theory]
    [InlineData(new[] { 0.5, 1.0 }, new[] { 2.963, 1.969 })]
    [InlineData(new[] { 0.2, 0.4, 0.6, 0.8, 1.0 }, new[] { 4.877, 3.357, 2.680, 2.290, 2.031 })]
    public void Upper_EquallySpacedLooks_MatchThePublishedBounds(double[] fractions, double[] expected)
    {
        var bounds = SequentialBoundaries.Upper(fractions, 0.025);

        Assert.Equal(expected.Length, bounds.Count);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], bounds[k], 0.005);
        }
    }

    [Fact]
    public void Upper_LookWithoutNewInformation_SpendsNothingAndLeavesTheNextBoundAsIfItWereNotThere()
    {
        var bounds = SequentialBoundaries.Upper([0.5, 0.505, 1.0], 0.025);

        Assert.Equal(double.PositiveInfinity, bounds[1]);
        Assert.Equal(SequentialBoundaries.Upper([0.5, 1.0], 0.025), [bounds[0], bounds[2]]);
    }
}
