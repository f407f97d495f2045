using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public class ProportionSampleSizeTests
{
    [Fact]
    public void PerGroup_TenAgainstTwentyPercentTwoSidedFivePercent_IsTheTextbook199()
    {
        // 10 % vs 20 %, α 0.05 two-sided (0.025 per side), power 0.8: 199 per group (Fleiss, without continuity correction).
        Assert.Equal(199, ProportionSampleSize.PerGroup(0.1, 0.2, 0.025, 0.8));
    }

    [Fact]
    public void PerGroup_TenAgainstTwentyPercentOneSided_Is157()
    {
        Assert.Equal(157, ProportionSampleSize.PerGroup(0.1, 0.2, 0.05, 0.8));
    }

    [Theory]
    [InlineData(0.001, 18_519)]
    [InlineData(0.01, 1_826)]
    public void PerGroup_DoublingOfASmallRate_NeedsMoreTrafficTheSmallerTheRate(double rate, long expected)
    {
        Assert.Equal(expected, ProportionSampleSize.PerGroup(rate, 2 * rate, 0.05, 0.8));
    }

    [Theory]
    [InlineData(0.2, 0.1)]
    [InlineData(0.1, 0.1)]
    [InlineData(-0.1, 0.1)]
    [InlineData(0.5, 1.5)]
    public void PerGroup_NoRiseToDetect_Throws(double baseline, double higher)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionSampleSize.PerGroup(baseline, higher, 0.05, 0.8));
    }
}
