namespace Dashboard.Core.Baselines;

/// <summary>
/// How a baseline band is built: how many days of history to learn from, how wide the band is (K robust standard
/// deviations either side of the median) and how many points an hour needs before a band is trusted.
/// </summary>
public sealed record BaselineOptions(int LookbackDays = 7, double K = 3.0, int MinSamples = 30)
{
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(LookbackDays, 1, nameof(LookbackDays));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinSamples, 1, nameof(MinSamples));
        if (!(K > 0) || double.IsInfinity(K))
        {
            throw new ArgumentOutOfRangeException(nameof(K), K, "K must be a positive, finite number.");
        }
    }
}
