using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.Distances;

/// <summary>A distribution of numbers as sorted distinct values with their weights: raw values, or a sketch's buckets.</summary>
public sealed class NumericDistribution
{
    private NumericDistribution(double[] values, double[] weights)
    {
        Values = values;
        Weights = weights;
        Total = weights.Sum();
    }

    public double[] Values { get; }

    public double[] Weights { get; }

    public double Total { get; }

    public static NumericDistribution Of(IEnumerable<double> values) =>
        From(values.Where(double.IsFinite).GroupBy(v => v).Select(g => (g.Key, (double)g.Count())));

    public static NumericDistribution Of(NumericSketch sketch) => From(sketch.Buckets().Select(b => (b.Value, (double)b.Count)));

    private static NumericDistribution From(IEnumerable<(double Value, double Weight)> points)
    {
        var sorted = points.Where(p => p.Weight > 0).OrderBy(p => p.Value).ToArray();
        return new NumericDistribution(sorted.Select(p => p.Value).ToArray(), sorted.Select(p => p.Weight).ToArray());
    }

    /// <summary>The share of the weight at or below <paramref name="x"/> (the right-continuous CDF).</summary>
    public double Cdf(double x)
    {
        var index = Array.BinarySearch(Values, x);
        var upTo = index >= 0 ? index + 1 : ~index;
        double below = 0;
        for (var i = 0; i < upTo; i++)
        {
            below += Weights[i];
        }
        return Total == 0 ? 0 : below / Total;
    }

    /// <summary>The smallest value whose CDF reaches <paramref name="q"/>.</summary>
    public double Quantile(double q)
    {
        double seen = 0;
        for (var i = 0; i < Values.Length; i++)
        {
            seen += Weights[i];
            if (seen / Total >= q - 1e-12)
            {
                return Values[i];
            }
        }
        return Values.Length == 0 ? double.NaN : Values[^1];
    }
}
