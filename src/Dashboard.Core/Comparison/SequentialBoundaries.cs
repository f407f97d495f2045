using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace Dashboard.Core.Comparison;

/// <summary>
/// The z each look of a one-sided group-sequential test must reach to fail, so that, with the cumulative z of every look
/// correlated as a Brownian motion in information time, the chance that any look fails when the candidate is no worse
/// is exactly the α the spending function has spent by then (<see cref="AlphaSpending"/>). Computed by the usual
/// recursive numerical integration of the statistic's sub-density over the continuation region (Armitage, McPherson and
/// Rowe), on a grid of the score S = z·√t.
/// </summary>
public static class SequentialBoundaries
{
    /// <summary>
    /// A look with less new information than this since the last one that counted is not a look: it has too little new
    /// data to judge, and spends nothing (its bound is +∞).
    /// </summary>
    public const double MinIncrement = 0.02;

    private const double GridStep = 0.05;
    private const double Bottom = -7;   // S has standard deviation √t ≤ 1: nothing below −7 matters
    private const double Top = 10;      // a bound above this leaves all the density in the continuation region
    private const double Reach = 10;    // standard deviations beyond which the normal kernel is below 1e-22

    /// <summary>The bound (on the z scale) of each look, for looks at non-decreasing information fractions in [0, 1].</summary>
    public static IReadOnlyList<double> Upper(IReadOnlyList<double> fractions, double alpha)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        var bounds = new double[fractions.Count];
        Density? density = null;
        double last = 0, spent = 0, score = 0;
        for (var k = 0; k < fractions.Count; k++)
        {
            var t = Math.Clamp(fractions[k], 0, 1);
            var target = AlphaSpending.OBrienFleming(alpha, t) - spent;
            if (t - last < MinIncrement || !(target > 0))
            {
                bounds[k] = double.PositiveInfinity;
                continue;
            }
            double b;
            if (density is null)
            {
                b = -Normal.InvCDF(0, 1, target) * Math.Sqrt(t);
                density = Density.First(t, b);
            }
            else
            {
                var sd = Math.Sqrt(t - last);
                var previous = density;
                double Gap(double x) => Math.Log(Math.Max(previous.Crossing(x, sd), 1e-300)) - Math.Log(target);
                // On the score scale O'Brien–Fleming-type bounds stay near z₁₋α/₂, so a narrow bracket around the last one nearly always holds.
                if (!Brent.TryFindRoot(Gap, Math.Min(score, Top) - 1.5, Math.Min(score, Top) + 1.5, 1e-8, 100, out b))
                {
                    b = Brent.FindRoot(Gap, Bottom, Top + 10, 1e-8, 200);
                }
                density = previous.Next(sd, b);
            }
            bounds[k] = b / Math.Sqrt(t);
            score = b;
            spent += target;
            last = t;
        }
        return bounds;
    }

    /// <summary>
    /// The sub-density of S at a look over the continuation region (no look so far failed): trapezoid points on the
    /// lattice Bottom + i·h up to the bound, plus the bound itself as the last point.
    /// </summary>
    private sealed class Density(double[] points, double[] weights, double[] values, int lattice)
    {
        public static Density First(double t, double bound)
        {
            var (points, weights, lattice) = Grid(bound);
            var sd = Math.Sqrt(t);
            return new Density(points, weights, points.Select(s => Normal.PDF(0, sd, s)).ToArray(), lattice);
        }

        /// <summary>The chance of crossing <paramref name="bound"/> at the next look, <paramref name="sd"/> of new information away.</summary>
        public double Crossing(double bound, double sd)
        {
            var sum = 0.0;
            // From the top down: points more than Reach standard deviations below the bound add nothing a double keeps.
            for (var i = points.Length - 1; i >= 0 && bound - points[i] < Reach * sd; i--)
            {
                sum += weights[i] * values[i] * Normal.CDF(0, 1, (points[i] - bound) / sd);
            }
            return sum;
        }

        /// <summary>The sub-density at the next look, below its <paramref name="bound"/>.</summary>
        public Density Next(double sd, double bound)
        {
            var (next, nextWeights, nextLattice) = Grid(bound);
            // Lattice to lattice the kernel depends only on the index difference: computed once per offset.
            var kernel = new double[nextLattice + lattice + 1];
            for (var d = 0; d < kernel.Length; d++)
            {
                kernel[d] = Normal.PDF(0, sd, (d - lattice) * GridStep);
            }
            var mass = new double[points.Length];
            for (var j = 0; j < points.Length; j++)
            {
                mass[j] = weights[j] * values[j];
            }
            var band = (int)Math.Ceiling(Reach * sd / GridStep);
            var result = new double[next.Length];
            for (var i = 0; i < next.Length; i++)
            {
                var sum = 0.0;
                var onLattice = i < nextLattice;
                // Only old points within Reach standard deviations of this one carry any weight.
                for (var j = Math.Max(0, i - band); j < Math.Min(lattice, i + band + 1); j++)
                {
                    sum += mass[j] * (onLattice ? kernel[i - j + lattice] : Normal.PDF(0, sd, next[i] - points[j]));
                }
                for (var j = lattice; j < points.Length; j++)
                {
                    sum += mass[j] * Normal.PDF(0, sd, next[i] - points[j]);
                }
                result[i] = sum;
            }
            return new Density(next, nextWeights, result, nextLattice);
        }

        /// <summary>Points from Bottom to the bound (capped at Top), their trapezoid weights, and how many are on the lattice.</summary>
        private static (double[] Points, double[] Weights, int Lattice) Grid(double bound)
        {
            var end = Math.Min(bound, Top);
            var lattice = (int)Math.Floor((end - Bottom) / GridStep) + 1;
            var tail = end - (Bottom + (lattice - 1) * GridStep);
            var extra = tail > 1e-9 ? 1 : 0;
            var points = new double[lattice + extra];
            var weights = new double[lattice + extra];
            for (var i = 0; i < lattice; i++)
            {
                points[i] = Bottom + i * GridStep;
                weights[i] = GridStep;
            }
            weights[0] = GridStep / 2;
            weights[lattice - 1] = GridStep / 2 + tail / 2;
            if (extra == 1)
            {
                points[lattice] = end;
                weights[lattice] = tail / 2;
            }
            return (points, weights, lattice);
        }
    }
}
