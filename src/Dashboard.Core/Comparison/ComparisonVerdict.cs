namespace Dashboard.Core.Comparison;

/// <summary>What a comparison of a candidate variant with its control says.</summary>
public enum ComparisonVerdict
{
    /// <summary>Enough traffic, and the candidate is not detectably worse.</summary>
    Pass,

    /// <summary>The candidate is worse, beyond chance.</summary>
    Fail,

    /// <summary>Too few requests or minutes for either answer yet.</summary>
    NotEnoughTraffic,
}
