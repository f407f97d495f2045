using Dashboard.Core.Comparison;

namespace Dashboard.Core.Tests.Comparison;

public class VariantComparisonTests
{
    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static List<MinuteLatency> Minutes(int count, double p90) =>
        Enumerable.Range(0, count).Select(i => new MinuteLatency(60L * i, p90 + i % 3 * 0.1, 100)).ToList();

    private static VariantComparison Of(ErrorRateComparison errors, LatencyComparison latency) =>
        VariantComparison.Of("pricing-ab", "VariantA", "VariantB", From, From.AddHours(1), errors, latency);

    [Fact]
    public void Of_ErrorRateWorse_FailsAndSaysSoInPlainWords()
    {
        var comparison = Of(ErrorRateCheck.Evaluate(20_000, 10, 1_000, 61), LatencyCheck.Evaluate(Minutes(3, 20), Minutes(3, 20)));

        Assert.Equal(ComparisonVerdict.Fail, comparison.Verdict);
        Assert.Equal("VariantB's 5XX rate 6.1 % vs 0.05 % (p < 0.001): worse", comparison.Summary);
    }

    [Fact]
    public void Of_LatencyWorse_FailsAndNamesTheP90s()
    {
        var comparison = Of(ErrorRateCheck.Evaluate(100, 0, 100, 0), LatencyCheck.Evaluate(Minutes(20, 21), Minutes(20, 30)));

        Assert.Equal(ComparisonVerdict.Fail, comparison.Verdict);
        Assert.StartsWith("VariantB's p90 latency 30.1 ms vs 21.1 ms (p < 0.001): slower", comparison.Summary);
    }

    [Fact]
    public void Of_BothShortOfTraffic_SaysWhatIsStillNeeded()
    {
        var comparison = Of(ErrorRateCheck.Evaluate(1_000, 0, 500, 0), LatencyCheck.Evaluate(Minutes(6, 20), Minutes(6, 20)));

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, comparison.Verdict);
        Assert.Equal(18_019, comparison.MoreRequestsNeeded);
        Assert.Equal(4, comparison.MoreMinutesNeeded);
        Assert.Equal("Not enough traffic yet to compare VariantB with VariantA: about 18,019 more requests per variant and 4 more minutes with traffic needed",
            comparison.Summary);
    }

    [Fact]
    public void Of_BothChecksPass_Passes()
    {
        var comparison = Of(ErrorRateCheck.Evaluate(20_000, 10, 20_000, 9), LatencyCheck.Evaluate(Minutes(20, 21), Minutes(20, 21)));

        Assert.Equal(ComparisonVerdict.Pass, comparison.Verdict);
        Assert.StartsWith("VariantB is not worse than VariantA: 5XX rate 0.045 % vs 0.05 %", comparison.Summary);
    }

    [Fact]
    public void Of_OneCheckPassesTheOtherShortOfTraffic_IsNotEnoughTraffic()
    {
        var comparison = Of(ErrorRateCheck.Evaluate(20_000, 10, 20_000, 9), LatencyCheck.Evaluate(Minutes(20, 21), Minutes(2, 21)));

        Assert.Equal(ComparisonVerdict.NotEnoughTraffic, comparison.Verdict);
        Assert.Equal(0, comparison.MoreRequestsNeeded);
    }

    [Fact]
    public void Rules_StateTheThresholds()
    {
        Assert.Contains("α 0.05", VariantComparison.Rules);
        Assert.Contains("10 % and 5 ms", VariantComparison.Rules);
        Assert.Contains("at least 0.1 %", VariantComparison.Rules);
    }
}
