namespace Dashboard.Core.Baselines;

/// <summary>
/// The expected range of a series for one clock hour [<see cref="Start"/>, <see cref="End"/>) in Unix seconds:
/// <see cref="Median"/> ± K robust standard deviations.
/// </summary>
public sealed record BaselineBand(long Start, long End, double Lower, double Median, double Upper)
{
    /// <summary>
    /// One robust standard deviation, 1.4826 × MAD (after the MAD floor), in the series' unit. Bands built by
    /// <see cref="SeasonalBaseline"/> and <see cref="PinnedBaseline"/> always set it; <see cref="Deviation.RobustZ"/>
    /// uses it to express a deviation in standard deviations.
    /// </summary>
    public double Sigma { get; init; }

    /// <summary>
    /// True when the preferred group of history was too small (fewer than MinSamples points) and the band was built from
    /// a wider one: all days of the lookback instead of matching day types (seasonal), or the whole pinned window instead
    /// of its matching hour (pinned). The UI can say the band is less specific than usual.
    /// </summary>
    public bool IsFallback { get; init; }

    /// <summary>How many days of history the band was learned from (set by <see cref="SeasonalBaseline"/>; 0 = not counted).</summary>
    public int Days { get; init; }

    /// <summary>
    /// Learned from fewer days than a band is trusted with (<see cref="SeasonalBaseline.MinMatchingDays"/>, or the whole
    /// lookback when it is shorter), as for an endpoint created this week: drawn, but <see cref="OutlierRule"/> marks nothing against it.
    /// </summary>
    public bool IsThin { get; init; }

    public bool Contains(double value) => value >= Lower && value <= Upper;
}
