using Dashboard.Core.Drift.Distances;

namespace Dashboard.Core.Tests.Drift;

public sealed class DriftDistancesTests
{
    private static NumericDistribution Of(params double[] values) => NumericDistribution.Of(values);

    [Fact]
    public void KolmogorovSmirnov_ShiftedByOne_IsAQuarter()
    {
        // Deequ's own test of Model Monitor's numerical distance: linf_simple([1,2,3,4], [2,3,4,5]) = 0.25.
        Assert.Equal(0.25, DriftDistances.KolmogorovSmirnov(Of(1, 2, 3, 4), Of(2, 3, 4, 5)), 12);
    }

    [Fact]
    public void KolmogorovSmirnov_SameValues_IsZero() =>
        Assert.Equal(0, DriftDistances.KolmogorovSmirnov(Of(1, 2, 2, 3), Of(3, 2, 1, 2)));

    [Fact]
    public void Wasserstein_MatchesSciPysDocumentedExamples()
    {
        // scipy.stats.wasserstein_distance's docstring: ([0, 1, 3], [5, 6, 8]) = 5.0 and, with weights [3, 1] and [2, 2]
        // on [0, 1], 0.25 (weights written here as repeated values).
        Assert.Equal(5.0, DriftDistances.Wasserstein(Of(0, 1, 3), Of(5, 6, 8)), 12);
        Assert.Equal(0.25, DriftDistances.Wasserstein(Of(0, 0, 0, 1), Of(0, 0, 1, 1)), 12);
    }

    [Fact]
    public void WassersteinNormed_DividesByTheBaselinesStandardDeviation()
    {
        Assert.Equal(2.5, DriftDistances.WassersteinNormed(Of(0, 1, 3), Of(5, 6, 8), baselineStdDev: 2), 12);
        Assert.Equal(5.0, DriftDistances.WassersteinNormed(Of(0, 1, 3), Of(5, 6, 8), baselineStdDev: 0), 12);
    }

    [Fact]
    public void PopulationStability_SameDistribution_IsZero()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(0, DriftDistances.PopulationStability(Of(values), Of(values)), 12);
    }

    [Fact]
    public void PopulationStability_ShiftedByATenth_MatchesTheHandComputedSum()
    {
        // Baseline 1..100 cut at its deciles 10, 20, …, 90; today 11..110 leaves the first bin empty (floored at 0.0001)
        // and puts 20 % in the last: (0.0001 − 0.1)·ln(0.0001/0.1) + (0.2 − 0.1)·ln 2, the other eight bins add 0.
        var baseline = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var shifted = Enumerable.Range(11, 100).Select(i => (double)i).ToArray();
        var expected = (0.0001 - 0.1) * Math.Log(0.0001 / 0.1) + 0.1 * Math.Log(2);

        Assert.Equal(expected, DriftDistances.PopulationStability(Of(baseline), Of(shifted)), 9);
        Assert.InRange(expected, 0.7593, 0.7595);
    }

    [Fact]
    public void PopulationStability_OfCategories_MatchesTheHandComputedSum()
    {
        var psi = DriftDistances.PopulationStability(Shares(("a", 0.5), ("b", 0.5)), Shares(("a", 0.4), ("b", 0.6)));
        Assert.Equal(-0.1 * Math.Log(0.8) + 0.1 * Math.Log(1.2), psi, 12);
    }

    [Fact]
    public void JensenShannon_MatchesSciPysDocumentedExamples()
    {
        // scipy.spatial.distance.jensenshannon's docstring (natural log): ([1, 0], [0.5, 0.5]) = 0.46450140402245893;
        // two disjoint distributions are √ln 2 apart.
        Assert.Equal(0.46450140402245893, DriftDistances.JensenShannon(Shares(("a", 1), ("b", 0)), Shares(("a", 0.5), ("b", 0.5))), 12);
        Assert.Equal(Math.Sqrt(Math.Log(2)), DriftDistances.JensenShannon(Shares(("a", 1)), Shares(("b", 1))), 12);
    }

    [Fact]
    public void JensenShannon_CountsAreNormalisedToShares() =>
        Assert.Equal(0, DriftDistances.JensenShannon(Shares(("a", 10), ("b", 30)), Shares(("a", 1), ("b", 3))), 12);

    [Fact]
    public void LInfinity_IsTheLargestChangeInAShare()
    {
        Assert.Equal(0.3, DriftDistances.LInfinity(Shares(("a", 0.5), ("b", 0.5)), Shares(("a", 0.2), ("b", 0.8))), 12);
        // A category that is new today counts with its whole share.
        Assert.Equal(0.25, DriftDistances.LInfinity(Shares(("a", 1)), Shares(("a", 3), ("new", 1))), 12);
    }

    private static Dictionary<string, double> Shares(params (string Key, double Value)[] shares) =>
        shares.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
}
