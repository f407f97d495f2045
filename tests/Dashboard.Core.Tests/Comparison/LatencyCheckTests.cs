using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public class LatencyCheckTests
{
    private static List<MinuteLatency> Minutes(int count, Func<int, double> p90, double requests = 100) =>
        Enumerable.Range(0, count).Select(i => new MinuteLatency(60L * i, p90(i), requests)).ToList();

    // A small, repeatable wobble of ± 1 ms.
    private static double Wobble(int i) => (i * 7 % 5 - 2) / 2.0;

    [Fact]
    public void Evaluate_CandidateClearlySlower_Fails()
    {
        var result = LatencyCheck.Evaluate(Minutes(30, i => 21 + Wobble(i)), Minutes(30, i => 26.5 + Wobble(i), requests: 25));

        Assert.Equal(ComparisonVerdict.Fail, result.Verdict);
        Assert.Equal(21, result.ControlP90Ms);
        Assert.Equal(26.5, result.CandidateP90Ms);
        Assert.Equal(3_000, result.ControlRequests);
        Assert.Equal(750, result.CandidateRequests);
        Assert.True(result.PValue < 0.001);
    }

    [Fact]
    public void Evaluate_SameLatency_Passes()
    {
        var result = LatencyCheck.Evaluate(Minutes(30, i => 21 + Wobble(i)), Minutes(30, i => 21 + Wobble(i + 2)));

        Assert.Equal(ComparisonVerdict.Pass, result.Verdict);
        Assert.Equal(0, result.MoreMinutesNeeded);
    }

    [Fact]
    public void Evaluate_RelativelySlowerByFewMilliseconds_Passes()
    {
        // 50 % slower and certainly so, but 3 ms is below the 5 ms that matters.
        var result = LatencyCheck.Evaluate(Minutes(30, i => 6 + Wobble(i) / 10), Minutes(30, i => 9 + Wobble(i) / 10));

        Assert.True(result.PValue < 0.001);
        Assert.Equal(ComparisonVerdict.Pass, result.Verdict);
    }

    [Fact]
    public void Evaluate_FewMinutes_SaysHowManyMore()
    {
        var result = LatencyCheck.Evaluate(Minutes(30, _ => 20), Minutes(4, _ => 80));

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, result.Verdict);
        Assert.Equal(LatencyCheck.MinMinutes - 4, result.MoreMinutesNeeded);
    }

    [Fact]
    public void Evaluate_MinutesWithoutRequests_DoNotCount()
    {
        var result = LatencyCheck.Evaluate(Minutes(30, _ => 20), Minutes(30, _ => 80, requests: 0));

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, result.Verdict);
        Assert.Null(result.CandidateP90Ms);
        Assert.Equal(0, result.CandidateMinutes);
        Assert.Equal(LatencyCheck.MinMinutes, result.MoreMinutesNeeded);
    }

    [Fact]
    public void Evaluate_NoDataOnEitherSide_IsNotEnoughTraffic()
    {
        var result = LatencyCheck.Evaluate([], []);

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, result.Verdict);
        Assert.Null(result.ControlP90Ms);
    }

    [Fact]
    public void Evaluate_P90_IsWeightedByRequests()
    {
        // Ten quiet slow minutes and ten busy fast ones: the window's p90 follows the busy minutes.
        var control = Minutes(10, _ => 100, requests: 1).Concat(Minutes(10, _ => 20, requests: 500)).ToList();

        var result = LatencyCheck.Evaluate(control, Minutes(20, _ => 20));

        Assert.Equal(20, result.ControlP90Ms);
    }

    [Theory]
    [InlineData(100, 111, true)]
    [InlineData(100, 109, false)]
    [InlineData(20, 24.9, false)]
    [InlineData(20, 25.1, true)]
    [InlineData(100, 90, false)]
    public void IsSlower_NeedsBothTenPercentAndFiveMilliseconds(double control, double candidate, bool slower)
    {
        Assert.Equal(slower, LatencyCheck.IsSlower(control, candidate));
    }
}
