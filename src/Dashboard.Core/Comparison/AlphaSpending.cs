using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Comparison;

/// <summary>
/// How much of a one-sided false-failure rate α a group-sequential test may have spent once a fraction of its planned
/// information is in: the Lan–DeMets spending function of O'Brien–Fleming type, α(t) = 2 − 2Φ(z₁₋α/₂ / √t). It spends
/// almost nothing early (t = 0.2 of α 0.05 spends 0.00001) and nearly all of α at the end, so a look after little
/// traffic takes an overwhelming difference to fail, and the last look is judged at close to α itself.
/// </summary>
public static class AlphaSpending
{
    /// <summary>α spent by information fraction <paramref name="fraction"/> (0 before any, α from 1 on).</summary>
    public static double OBrienFleming(double alpha, double fraction)
    {
        if (!(alpha is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), "α must be in (0, 1).");
        }
        if (!(fraction > 0))
        {
            return 0;
        }
        if (fraction >= 1)
        {
            return alpha;
        }
        // 2 − 2Φ(x) from the lower tail, which keeps its precision where Φ(x) rounds to 1.
        return 2 * Normal.CDF(0, 1, -Normal.InvCDF(0, 1, 1 - alpha / 2) / Math.Sqrt(fraction));
    }
}
