namespace Dashboard.Core.Baselines;

/// <summary>Lookup in a list of bands as the baseline rules return it (sorted by Start, not overlapping, maybe with gaps).</summary>
public static class BaselineBands
{
    /// <summary>The band whose [Start, End) holds <paramref name="time"/>, or null.</summary>
    public static BaselineBand? At(IReadOnlyList<BaselineBand> bands, long time)
    {
        ArgumentNullException.ThrowIfNull(bands);
        int low = 0, high = bands.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var band = bands[mid];
            if (time < band.Start)
            {
                high = mid - 1;
            }
            else if (time >= band.End)
            {
                low = mid + 1;
            }
            else
            {
                return band;
            }
        }
        return null;
    }
}
