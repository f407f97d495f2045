namespace Dashboard.Core.Baselines;

/// <summary>
/// Median and MAD on scratch buffers. Both reorder the buffer in place (quickselect), which is why callers hand in
/// copies: sorting every hour's few hundred values would cost more than the whole rest of the baseline.
/// </summary>
internal static class RobustStats
{
    /// <summary>MAD × 1.4826 estimates the standard deviation of normally distributed data.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>
    /// A flat series has MAD 0, so every tiny wiggle would fall outside a zero-width band. The MAD is therefore at
    /// least 1 % of |median| (a band of about ±4.4 % at K = 3) ...
    /// </summary>
    public const double MadFloorFraction = 0.01;

    /// <summary>... and at least this absolute amount, for series that sit at exactly zero (errors, drift).</summary>
    public const double MadFloorAbsolute = 1e-6;

    /// <summary>Median of the first <paramref name="count"/> values of <paramref name="buffer"/>; reorders them.</summary>
    public static double Median(double[] buffer, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, buffer.Length);
        var upper = count / 2;
        var upperValue = Select(buffer, 0, count - 1, upper);
        if ((count & 1) == 1)
        {
            return upperValue;
        }

        // After selection everything left of 'upper' is <= it, so the lower middle is the largest of that part.
        var lowerValue = buffer[0];
        for (var i = 1; i < upper; i++)
        {
            if (buffer[i] > lowerValue)
            {
                lowerValue = buffer[i];
            }
        }
        return (lowerValue + upperValue) / 2;
    }

    /// <summary>Median and floored MAD of the first <paramref name="count"/> values; overwrites them.</summary>
    public static (double Median, double Mad) MedianAndMad(double[] buffer, int count)
    {
        var median = Median(buffer, count);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = Math.Abs(buffer[i] - median);
        }
        var mad = Median(buffer, count);
        return (median, Math.Max(mad, Math.Max(MadFloorFraction * Math.Abs(median), MadFloorAbsolute)));
    }

    internal static BaselineBand Band(long start, long end, double[] buffer, int count, double k, bool isFallback)
    {
        var (median, mad) = MedianAndMad(buffer, count);
        var sigma = MadToSigma * mad;
        return new BaselineBand(start, end, median - k * sigma, median, median + k * sigma)
        {
            Sigma = sigma,
            IsFallback = isFallback,
        };
    }

    /// <summary>
    /// Quickselect returning the k-th smallest of buffer[left..right]. The partition loops are branch-free (every
    /// element is swapped, the boundary advances by the comparison's 0 or 1) because on noisy metric values a
    /// branching partition mispredicts about every other element, which doubled the cost of a 30-day baseline.
    /// The second pass splits off values equal to the pivot, so a flat series (all values equal) stays linear.
    /// </summary>
    private static double Select(double[] buffer, int left, int right, int k)
    {
        while (left < right)
        {
            // Median of three keeps a steady ramp (already sorted input) from going quadratic.
            double first = buffer[left], middle = buffer[left + ((right - left) >> 1)], last = buffer[right];
            var pivot = Math.Max(Math.Min(first, middle), Math.Min(Math.Max(first, middle), last));

            var lessEnd = left;
            for (var i = left; i <= right; i++)
            {
                var value = buffer[i];
                buffer[i] = buffer[lessEnd];
                buffer[lessEnd] = value;
                lessEnd += value < pivot ? 1 : 0;
            }
            if (k < lessEnd)
            {
                right = lessEnd - 1;
                continue;
            }

            var equalEnd = lessEnd;
            for (var i = lessEnd; i <= right; i++)
            {
                var value = buffer[i];
                buffer[i] = buffer[equalEnd];
                buffer[equalEnd] = value;
                equalEnd += value <= pivot ? 1 : 0;
            }
            if (k < equalEnd)
            {
                return pivot;
            }
            left = equalEnd;
        }
        return buffer[k];
    }
}
