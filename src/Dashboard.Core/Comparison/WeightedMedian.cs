namespace Dashboard.Core.Comparison;

/// <summary>The median of values that stand for different numbers of observations.</summary>
public static class WeightedMedian
{
    /// <summary>
    /// The smallest value at which the weights of the values up to it reach half of all the weight; null when nothing
    /// has a positive weight. Non-finite values and non-positive weights are left out.
    /// </summary>
    public static double? Of(IEnumerable<(double Value, double Weight)> items)
    {
        var kept = items.Where(i => double.IsFinite(i.Value) && i.Weight > 0 && double.IsFinite(i.Weight)).OrderBy(i => i.Value).ToList();
        var half = kept.Sum(i => i.Weight) / 2;
        double cumulative = 0;
        foreach (var (value, weight) in kept)
        {
            cumulative += weight;
            if (cumulative >= half)
            {
                return value;
            }
        }
        return null;
    }
}
