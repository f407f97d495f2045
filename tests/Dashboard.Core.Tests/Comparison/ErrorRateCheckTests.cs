using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public class ErrorRateCheckTests
{
    // The doubling of the floor rate 0.1 % at α 0.05 one-sided and power 0.8.
    private const long RequiredAtFloor = 18_519;

    [Fact]
    public void Evaluate_CandidateFarWorse_FailsBeforeTheSampleSizeIsReached()
    {
        var result = ErrorRateCheck.Evaluate(20_000, 10, 1_000, 61);

        Assert.Equal(ComparisonVerdict.Fail, result.Verdict);
        Assert.Equal(0.0005, result.ControlRate);
        Assert.Equal(0.061, result.CandidateRate);
        Assert.True(result.PValue < 0.001);
        Assert.Equal(0, result.MoreRequestsNeeded);
    }

    [Fact]
    public void Evaluate_ZeroErrorsOnBothWithEnoughTraffic_Passes()
    {
        var result = ErrorRateCheck.Evaluate(RequiredAtFloor, 0, RequiredAtFloor, 0);

        Assert.Equal(ComparisonVerdict.Pass, result.Verdict);
        Assert.Equal(RequiredAtFloor, result.RequiredRequests);
    }

    [Fact]
    public void Evaluate_ZeroErrorsOnBothWithLittleTraffic_SaysHowManyMoreRequests()
    {
        var result = ErrorRateCheck.Evaluate(5_000, 0, 1_000, 0);

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, result.Verdict);
        Assert.Equal(RequiredAtFloor - 1_000, result.MoreRequestsNeeded);
    }

    [Fact]
    public void Evaluate_ZeroTraffic_NeedsTheWholeSampleAndHasNoRates()
    {
        var result = ErrorRateCheck.Evaluate(0, 0, 0, 0);

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, result.Verdict);
        Assert.Equal(RequiredAtFloor, result.MoreRequestsNeeded);
        Assert.Null(result.ControlRate);
        Assert.Null(result.CandidateRate);
    }

    [Fact]
    public void Evaluate_CandidateWithoutData_IsNotEnoughTraffic()
    {
        var result = ErrorRateCheck.Evaluate(500_000, 250, 0, 0);

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, result.Verdict);
        Assert.Equal(RequiredAtFloor, result.MoreRequestsNeeded);
    }

    [Fact]
    public void Evaluate_HigherControlRate_NeedsFewerRequests()
    {
        // 1 % doubling to 2 %: 1,826 per variant.
        var result = ErrorRateCheck.Evaluate(1_000, 10, 1_000, 10);

        Assert.Equal(1_826, result.RequiredRequests);
        Assert.Equal(826, result.MoreRequestsNeeded);
    }

    [Fact]
    public void Evaluate_SignificantButFewCandidateErrors_DoesNotFail()
    {
        // 3 errors in 100 against none in 100,000 is significant, but three stray errors do not roll a canary back.
        var result = ErrorRateCheck.Evaluate(100_000, 0, 100, 3);

        Assert.True(result.PValue < ErrorRateCheck.Alpha);
        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, result.Verdict);
    }

    [Fact]
    public void Evaluate_SlightlyHigherWithEnoughTraffic_Passes()
    {
        var result = ErrorRateCheck.Evaluate(20_000, 20, 20_000, 22);

        Assert.True(result.PValue > ErrorRateCheck.Alpha);
        Assert.Equal(ComparisonVerdict.Pass, result.Verdict);
    }

    [Fact]
    public void Evaluate_BillionsOfRequests_FailsOnASmallSignificantRise()
    {
        var result = ErrorRateCheck.Evaluate(2_000_000_000, 1_000_000, 2_000_000_000, 1_010_000);

        Assert.Equal(ComparisonVerdict.Fail, result.Verdict);
        Assert.Equal(2_000_000_000, result.CandidateRequests);
    }

    [Fact]
    public void Evaluate_MoreErrorsThanRequests_CountsNoMoreErrorsThanRequests()
    {
        var result = ErrorRateCheck.Evaluate(100, 150, 100, 0);

        Assert.Equal(100, result.ControlErrors);
        Assert.Equal(1.0, result.ControlRate);
    }
}
