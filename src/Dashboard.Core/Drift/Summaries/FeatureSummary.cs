namespace Dashboard.Core.Drift.Summaries;

/// <summary>What a feature's values were.</summary>
public enum FeatureType
{
    Numeric,
    Categorical,
}

/// <summary>
/// One feature's values over an hour (or, merged, any window): how many records had it, how many lacked it, how many had
/// the other type (a string in a numeric feature), the numbers' sketch with exact count/sum/min/max, and the categories.
/// Merging two summaries gives the summary of both windows exactly.
/// </summary>
public sealed class FeatureSummary
{
    public long Records { get; private set; }

    public long Missing { get; private set; }

    public NumericSketch Numbers { get; } = new();

    public double Sum { get; private set; }

    public double SumOfSquares { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public CategoryCounts Categories { get; } = new();

    /// <summary>The type most of its values had: numbers unless strings outnumber them.</summary>
    public FeatureType Type => Categories.Total > Numbers.Count ? FeatureType.Categorical : FeatureType.Numeric;

    /// <summary>Values of the minority type: strings in a numeric feature, numbers in a categorical one.</summary>
    public long WrongType => Type == FeatureType.Numeric ? Categories.Total : Numbers.Count;

    public double MissingShare => Records == 0 ? 0 : (double)Missing / Records;

    public double Mean => Numbers.Count == 0 ? double.NaN : Sum / Numbers.Count;

    /// <summary>The population standard deviation of the numbers.</summary>
    public double StdDev => Numbers.Count == 0 ? double.NaN
        : Math.Sqrt(Math.Max(0, SumOfSquares / Numbers.Count - Mean * Mean));

    public void AddNumber(double value)
    {
        Records++;
        if (!double.IsFinite(value))
        {
            Missing++;
            return;
        }
        Numbers.Add(value);
        Sum += value;
        SumOfSquares += value * value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    public void AddCategory(string value)
    {
        Records++;
        Categories.Add(value);
    }

    public void AddCategory(ReadOnlySpan<char> value)
    {
        Records++;
        Categories.Add(value);
    }

    public void AddMissing()
    {
        Records++;
        Missing++;
    }

    public void Merge(FeatureSummary other)
    {
        Records += other.Records;
        Missing += other.Missing;
        Numbers.Merge(other.Numbers);
        Sum += other.Sum;
        SumOfSquares += other.SumOfSquares;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        Categories.Merge(other.Categories);
    }

    public static FeatureSummary MergeAll(IEnumerable<FeatureSummary> summaries)
    {
        var merged = new FeatureSummary();
        foreach (var summary in summaries)
        {
            merged.Merge(summary);
        }
        return merged;
    }

    /// <summary>Restores the exact moments a stored summary carried (the codec's counterpart of the properties above).</summary>
    internal void Restore(long records, long missing, double sum, double sumOfSquares, double min, double max)
    {
        Records = records;
        Missing = missing;
        Sum = sum;
        SumOfSquares = sumOfSquares;
        Min = min;
        Max = max;
    }
}
