using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public class TwoProportionTestTests
{
    [Fact]
    public void CandidateHigher_OnePercentAgainstTwoAndAHalf_MatchesTheFormulaWorkedByHand()
    {
        // Pooled 35 / 2000 = 1.75 %; SE = √(0.0175 · 0.9825 · 2 / 1000) = 0.005864; z = 0.015 / SE = 2.5579; p = 1 − Φ(z) = 0.00526.
        var result = TwoProportionTest.CandidateHigher(10, 1000, 25, 1000);

        Assert.Equal(2.5579, result.Z, 4);
        Assert.Equal(0.005265, result.PValue, 6);
    }

    [Fact]
    public void CandidateHigher_CandidateLower_IsOneSidedWithLargePValue()
    {
        var result = TwoProportionTest.CandidateHigher(25, 1000, 10, 1000);

        Assert.Equal(-2.5579, result.Z, 4);
        Assert.Equal(1 - 0.005265, result.PValue, 6);
    }

    [Fact]
    public void CandidateHigher_ZeroErrorsOnBoth_IsNoEvidence()
    {
        var result = TwoProportionTest.CandidateHigher(0, 50_000, 0, 50_000);

        Assert.Equal(0, result.Z);
        Assert.Equal(1, result.PValue);
    }

    [Theory]
    [InlineData(0, 0, 3, 100)]
    [InlineData(3, 100, 0, 0)]
    [InlineData(0, 0, 0, 0)]
    public void CandidateHigher_NoTrafficOnOneSide_IsNoEvidence(double controlErrors, double controlRequests, double candidateErrors, double candidateRequests)
    {
        var result = TwoProportionTest.CandidateHigher(controlErrors, controlRequests, candidateErrors, candidateRequests);

        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void CandidateHigher_BillionsOfRequests_SeesAOnePercentRelativeRise()
    {
        // 0.05 % vs 0.0505 % on 2 billion requests each: z = 7.055, p ≈ 8.6e-13 (the upper tail stays accurate).
        var result = TwoProportionTest.CandidateHigher(1_000_000, 2_000_000_000, 1_010_000, 2_000_000_000);

        Assert.Equal(7.0552, result.Z, 4);
        Assert.InRange(result.PValue, 8.5e-13, 8.7e-13);
    }

    [Fact]
    public void CandidateHigher_HugeDifference_KeepsATinyButPositivePValue()
    {
        var result = TwoProportionTest.CandidateHigher(5, 10_000, 61, 1000);

        Assert.Equal(23.62, result.Z, 2);
        Assert.InRange(result.PValue, double.Epsilon, 1e-100);
    }
}
