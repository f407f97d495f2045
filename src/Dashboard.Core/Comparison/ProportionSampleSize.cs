using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Comparison;

/// <summary>How many trials per group a two-proportion z-test needs to see a given difference.</summary>
public static class ProportionSampleSize
{
    /// <summary>
    /// Trials per group for a one-sided test at <paramref name="alpha"/> to detect <paramref name="higher"/> against
    /// <paramref name="baseline"/> with probability <paramref name="power"/> (the usual normal-approximation formula, no
    /// continuity correction), rounded up.
    /// </summary>
    public static long PerGroup(double baseline, double higher, double alpha, double power)
    {
        if (!(baseline is >= 0 and < 1) || !(higher > baseline && higher <= 1) || !(alpha is > 0 and < 1) || !(power is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(higher), "Needs 0 ≤ baseline < higher ≤ 1 and alpha, power in (0, 1).");
        }
        var zAlpha = Normal.InvCDF(0, 1, 1 - alpha);
        var zBeta = Normal.InvCDF(0, 1, power);
        var mean = (baseline + higher) / 2;
        var root = zAlpha * Math.Sqrt(2 * mean * (1 - mean)) + zBeta * Math.Sqrt(baseline * (1 - baseline) + higher * (1 - higher));
        var difference = higher - baseline;
        // A whole number that rounding put a hair above itself stays that number, not the next one.
        return (long)Math.Ceiling(root * root / (difference * difference) - 1e-9);
    }
}
