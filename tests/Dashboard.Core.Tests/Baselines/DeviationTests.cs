using Dashboard.Core.Baselines;

namespace Dashboard.Core.Tests.Baselines;

public class DeviationTests
{
    // Median 100, MAD 10: sigma = 14.826, K = 3.
    private static readonly BaselineBand Band = new(0, 3600, 100 - 3 * 14.826, 100, 100 + 3 * 14.826) { Sigma = 14.826 };

    [Fact]
    public void RobustZ_AboveMedian_IsPositiveInSigmas()
    {
        Assert.Equal(2, Deviation.RobustZ(100 + 2 * 14.826, Band), 9);
    }

    [Fact]
    public void RobustZ_BelowMedian_IsNegative()
    {
        Assert.Equal(-0.5, Deviation.RobustZ(100 - 7.413, Band), 9);
        Assert.Equal(0, Deviation.RobustZ(100, Band));
    }

    [Fact]
    public void RobustZ_OnBandEdge_EqualsK()
    {
        Assert.Equal(3, Deviation.RobustZ(Band.Upper, Band), 9);
        Assert.Equal(-3, Deviation.RobustZ(Band.Lower, Band), 9);
    }

    [Fact]
    public void RobustZ_BandWithoutSigma_ReadsItAsK3()
    {
        var band = new BaselineBand(0, 3600, 70, 100, 130);

        Assert.Equal(3, Deviation.RobustZ(130, band), 9);
    }

    [Fact]
    public void RobustZ_ComputedBand_MatchesMedianAndMad()
    {
        // Values 1..61 around 31: MAD of |v − 31| over 0..30 (twice) is 15.
        var buffer = Enumerable.Range(1, 61).Select(i => (double)i).ToArray();

        var (median, mad) = RobustStats.MedianAndMad(buffer, buffer.Length);

        Assert.Equal(31, median);
        Assert.Equal(15, mad);
    }
}
