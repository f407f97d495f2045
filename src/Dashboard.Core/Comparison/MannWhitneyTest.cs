using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Dashboard.Core.Comparison;

/// <param name="U">The candidate's U: how many (candidate, control) pairs have the candidate higher, ties counting half.</param>
/// <param name="Z">Positive when the candidate's values tend to be higher.</param>
/// <param name="PValue">One-sided: the chance of values this much higher if both came from the same distribution.</param>
public readonly record struct MannWhitneyResult(double U, double Z, double PValue);

/// <summary>The Mann–Whitney U test, one-sided (candidate higher), by the normal approximation with tie and continuity corrections.</summary>
public static class MannWhitneyTest
{
    /// <summary>An empty sample, or all values tied (no spread to test), is no evidence: p 1.</summary>
    public static MannWhitneyResult CandidateHigher(IReadOnlyList<double> control, IReadOnlyList<double> candidate)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(candidate);
        double n1 = candidate.Count, n2 = control.Count;
        if (n1 == 0 || n2 == 0)
        {
            return new MannWhitneyResult(0, 0, 1);
        }
        var all = candidate.Concat(control).ToArray();
        var ranks = all.Ranks(RankDefinition.Average);
        var u = ranks.Take(candidate.Count).Sum() - n1 * (n1 + 1) / 2;

        var n = n1 + n2;
        var ties = all.GroupBy(v => v).Select(g => (double)g.Count()).Sum(t => t * t * t - t);
        var variance = n1 * n2 / 12 * (n + 1 - ties / (n * (n - 1)));
        if (!(variance > 0))
        {
            return new MannWhitneyResult(u, 0, 1);
        }
        var z = (u - n1 * n2 / 2 - 0.5) / Math.Sqrt(variance);
        return new MannWhitneyResult(u, z, Normal.CDF(0, 1, -z));
    }
}
