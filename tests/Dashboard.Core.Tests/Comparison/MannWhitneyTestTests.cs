using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public class MannWhitneyTestTests
{
    [Fact]
    public void CandidateHigher_EveryCandidateValueAbove_GivesTheMaximalU()
    {
        // U = 25 of 25 pairs; mean 12.5, σ = √(5 · 5 · 11 / 12) = 4.787; z = (25 − 12.5 − 0.5) / σ = 2.5067; p = 0.00609.
        var result = MannWhitneyTest.CandidateHigher([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);

        Assert.Equal(25, result.U);
        Assert.Equal(2.5067, result.Z, 4);
        Assert.Equal(0.006093, result.PValue, 6);
    }

    [Fact]
    public void CandidateHigher_TiesAcrossSamples_UsesAverageRanksAndTheTieCorrection()
    {
        // Ties at 22, 23, 24 across the samples: U = 59 of 64, z = 2.8017 with the tie-corrected variance, p = 0.00254.
        var result = MannWhitneyTest.CandidateHigher([20, 21, 22, 21, 23, 20, 22, 24], [22, 25, 26, 24, 27, 25, 23, 28]);

        Assert.Equal(59, result.U);
        Assert.Equal(2.8017, result.Z, 4);
        Assert.Equal(0.002542, result.PValue, 6);
    }

    [Fact]
    public void CandidateHigher_CandidateLower_HasPValueNearOne()
    {
        var result = MannWhitneyTest.CandidateHigher([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);

        Assert.Equal(0, result.U);
        Assert.True(result.PValue > 0.99);
    }

    [Fact]
    public void CandidateHigher_AllValuesTied_IsNoEvidence()
    {
        var result = MannWhitneyTest.CandidateHigher([20, 20, 20], [20, 20]);

        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void CandidateHigher_EmptySample_IsNoEvidence()
    {
        Assert.Equal(1, MannWhitneyTest.CandidateHigher([], [1, 2, 3]).PValue);
        Assert.Equal(1, MannWhitneyTest.CandidateHigher([1, 2, 3], []).PValue);
    }
}
