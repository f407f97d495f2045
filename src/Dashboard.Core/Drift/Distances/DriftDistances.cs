namespace Dashboard.Core.Drift.Distances;

/// <summary>
/// The distances between a baseline distribution and the current one, as Evidently and Model Monitor define them:
/// Kolmogorov–Smirnov's statistic (the largest gap between the CDFs, Model Monitor's numerical L∞), the Wasserstein-1
/// distance normalised by the baseline's standard deviation, the population stability index over the baseline's deciles,
/// and for categories the Jensen–Shannon distance (natural log, as SciPy's default that Evidently calls) and L∞.
/// </summary>
public static class DriftDistances
{
    /// <summary>Evidently's floor for an empty bin's share in PSI (a share of zero has no logarithm).</summary>
    public const double EmptyBinShare = 0.0001;

    public const int PsiBins = 10;

    public static double KolmogorovSmirnov(NumericDistribution baseline, NumericDistribution current)
    {
        double largest = 0;
        foreach (var (_, gap) in Steps(baseline, current))
        {
            largest = Math.Max(largest, Math.Abs(gap));
        }
        return largest;
    }

    /// <summary>∫|F − G| dx: the work to move one distribution onto the other.</summary>
    public static double Wasserstein(NumericDistribution baseline, NumericDistribution current)
    {
        var points = Steps(baseline, current).ToList();
        double area = 0;
        for (var i = 0; i + 1 < points.Count; i++)
        {
            area += (points[i + 1].X - points[i].X) * Math.Abs(points[i].Gap);
        }
        return area;
    }

    /// <summary>Wasserstein-1 in units of the baseline's standard deviation (Evidently's "normed" form); unscaled when that is 0.</summary>
    public static double WassersteinNormed(NumericDistribution baseline, NumericDistribution current, double baselineStdDev)
    {
        var distance = Wasserstein(baseline, current);
        return baselineStdDev > 0 && double.IsFinite(baselineStdDev) ? distance / baselineStdDev : distance;
    }

    /// <summary>Σ (c − b) · ln(c / b) over bins cut at the baseline's deciles, empty shares floored at <see cref="EmptyBinShare"/>.</summary>
    public static double PopulationStability(NumericDistribution baseline, NumericDistribution current)
    {
        var edges = Enumerable.Range(1, PsiBins - 1).Select(i => baseline.Quantile((double)i / PsiBins)).Distinct().ToList();
        var baselineShares = BinShares(baseline, edges);
        var currentShares = BinShares(current, edges);
        return Psi(baselineShares, currentShares);
    }

    /// <summary>PSI over categories: each category is a bin.</summary>
    public static double PopulationStability(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> current)
    {
        var keys = baseline.Keys.Union(current.Keys).ToList();
        return Psi(keys.Select(k => baseline.GetValueOrDefault(k)).ToList(), keys.Select(k => current.GetValueOrDefault(k)).ToList());
    }

    /// <summary>√JS divergence with natural logarithms, between 0 and √ln 2.</summary>
    public static double JensenShannon(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> current)
    {
        var keys = baseline.Keys.Union(current.Keys).ToList();
        var p = Normalise(keys.Select(k => baseline.GetValueOrDefault(k)).ToList());
        var q = Normalise(keys.Select(k => current.GetValueOrDefault(k)).ToList());
        double divergence = 0;
        for (var i = 0; i < keys.Count; i++)
        {
            var m = (p[i] + q[i]) / 2;
            divergence += (Term(p[i], m) + Term(q[i], m)) / 2;
        }
        return Math.Sqrt(Math.Max(0, divergence));
    }

    /// <summary>The largest difference in any category's share (Model Monitor's categorical L∞).</summary>
    public static double LInfinity(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> current)
    {
        var keys = baseline.Keys.Union(current.Keys).ToList();
        var p = Normalise(keys.Select(k => baseline.GetValueOrDefault(k)).ToList());
        var q = Normalise(keys.Select(k => current.GetValueOrDefault(k)).ToList());
        return keys.Count == 0 ? 0 : Enumerable.Range(0, keys.Count).Max(i => Math.Abs(p[i] - q[i]));
    }

    private static double Term(double p, double m) => p > 0 ? p * Math.Log(p / m) : 0;

    private static double Psi(IReadOnlyList<double> baseline, IReadOnlyList<double> current)
    {
        var b = Normalise(baseline);
        var c = Normalise(current);
        double psi = 0;
        for (var i = 0; i < b.Count; i++)
        {
            var expected = Math.Max(b[i], EmptyBinShare);
            var actual = Math.Max(c[i], EmptyBinShare);
            psi += (actual - expected) * Math.Log(actual / expected);
        }
        return psi;
    }

    private static List<double> Normalise(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        return weights.Select(w => total > 0 ? w / total : 0).ToList();
    }

    /// <summary>The shares of the distribution in (−∞, e₁], (e₁, e₂], …, (eₙ, ∞).</summary>
    private static List<double> BinShares(NumericDistribution distribution, IReadOnlyList<double> edges)
    {
        var shares = new List<double>();
        var below = 0.0;
        foreach (var edge in edges)
        {
            var cdf = distribution.Cdf(edge);
            shares.Add(cdf - below);
            below = cdf;
        }
        shares.Add(1 - below);
        return shares;
    }

    /// <summary>Every value where either CDF steps, ascending, with the CDFs' difference just after it.</summary>
    private static IEnumerable<(double X, double Gap)> Steps(NumericDistribution baseline, NumericDistribution current)
    {
        int i = 0, j = 0;
        double fb = 0, fc = 0;
        while (i < baseline.Values.Length || j < current.Values.Length)
        {
            var x = j >= current.Values.Length || (i < baseline.Values.Length && baseline.Values[i] <= current.Values[j])
                ? baseline.Values[i] : current.Values[j];
            while (i < baseline.Values.Length && baseline.Values[i] == x)
            {
                fb += baseline.Weights[i++] / baseline.Total;
            }
            while (j < current.Values.Length && current.Values[j] == x)
            {
                fc += current.Weights[j++] / current.Total;
            }
            yield return (x, fb - fc);
        }
    }
}
