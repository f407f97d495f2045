namespace Dashboard.Core.Baselines;

/// <summary>How far a value sits from its baseline, comparable across metrics with different units.</summary>
public static class Deviation
{
    /// <summary>
    /// Signed robust z-score: (value − median) / (1.4826 × MAD). Positive above the median, negative below; a value on
    /// the band's edge scores ±K. Used to name the metric that deviates most on the fleet page.
    /// Bands constructed by hand without <see cref="BaselineBand.Sigma"/> are read as K = 3 bands
    /// (sigma = half the band's width / 3).
    /// </summary>
    public static double RobustZ(double value, BaselineBand band)
    {
        ArgumentNullException.ThrowIfNull(band);
        var sigma = band.Sigma > 0 ? band.Sigma : (band.Upper - band.Lower) / (2 * new BaselineOptions().K);
        if (!(sigma > 0))
        {
            sigma = RobustStats.MadToSigma * RobustStats.MadFloorAbsolute;
        }
        return (value - band.Median) / sigma;
    }
}
