using Dashboard.Core.Metrics;

namespace Dashboard.Core.Baselines;

/// <summary>Marks the points a chart highlights: those outside the band of their hour.</summary>
public static class Outliers
{
    /// <summary>
    /// Points strictly below Lower or above Upper of the band whose [Start, End) holds them, in input order. Points in
    /// hours without a band are never outliers: no history means no judgement.
    /// </summary>
    /// <param name="bands">Sorted by Start and not overlapping, as both baseline rules return them.</param>
    public static IReadOnlyList<MetricPoint> Find(IReadOnlyList<MetricPoint> points, IReadOnlyList<BaselineBand> bands)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(bands);
        var outliers = new List<MetricPoint>();
        if (bands.Count == 0)
        {
            return outliers;
        }

        // Points are usually sorted, so remember the last band and only search when the point left it.
        BaselineBand? band = null;
        foreach (var point in points)
        {
            if (band is null || point.Time < band.Start || point.Time >= band.End)
            {
                band = BaselineBands.At(bands, point.Time);
            }
            if (band is not null && double.IsFinite(point.Value) && !band.Contains(point.Value))
            {
                outliers.Add(point);
            }
        }
        return outliers;
    }
}
