namespace Dashboard.Simulator.Scenario;

/// <summary>The inverse of the standard normal CDF, for turning a percentile statistic into a z-score.</summary>
public static class NormalQuantile
{
    /// <summary>
    /// Abramowitz &amp; Stegun 26.2.23 (absolute error below 4.5e-4): plenty for simulated percentiles.
    /// </summary>
    public static double Z(double p)
    {
        if (p <= 0)
        {
            return -4.0;
        }
        if (p >= 1)
        {
            return 4.0;
        }
        if (p < 0.5)
        {
            return -Tail(p);
        }
        return Tail(1 - p);
    }

    private static double Tail(double q)
    {
        var t = Math.Sqrt(-2.0 * Math.Log(q));
        var num = 2.515517 + t * (0.802853 + t * 0.010328);
        var den = 1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308));
        return Math.Min(4.0, t - num / den);
    }
}
