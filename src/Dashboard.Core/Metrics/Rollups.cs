namespace Dashboard.Core.Metrics;

/// <summary>
/// The rolled-up tiers kept beside the minute data, and the maths that builds them. Pure and provider-independent:
/// every metric writer (SQLite and PostgreSQL) calls <see cref="Aggregate"/> with a day's merged minute points
/// and stores the buckets with the day's minute chunk, so a long chart reads a few hundred buckets a series instead
/// of tens of thousands of minutes.
/// </summary>
public static class Rollups
{
    /// <summary>The minute data itself: reads at this step return each stored point as a one-point bucket.</summary>
    public const int Minute = 60;

    public const int QuarterHour = 900;

    public const int Hour = 3_600;

    /// <summary>
    /// The stored tiers, finest first. Each divides a UTC day, so no bucket straddles two days' chunks. A quarter of an
    /// hour still gives a 30-day chart more points than it has pixels (2,880 on 1,500), so the range people look at
    /// most reads a fifteenth as many points (of four numbers each) as the minutes.
    /// </summary>
    public static readonly IReadOnlyList<int> Tiers = [QuarterHour, Hour];

    /// <summary>
    /// The coarsest step that still gives a line at least <paramref name="maxPoints"/> points across [from, to) (one
    /// per pixel of a chart that wide), or <see cref="Minute"/> when no tier does: on a 1,500-point chart up to 15 days read
    /// the minutes, 30 days the quarter-hour tier (2,880 buckets), 90 days the hour tier (2,160).
    /// </summary>
    public static int StepFor(long from, long to, int maxPoints)
    {
        if (maxPoints < 1 || to <= from)
        {
            return Minute;
        }
        var step = Minute;
        foreach (var tier in Tiers)
        {
            if ((to - from) / tier >= maxPoints)
            {
                step = tier;
            }
        }
        return step;
    }

    /// <summary>Start of the bucket of <paramref name="step"/> seconds holding <paramref name="time"/> (buckets are aligned to the Unix epoch).</summary>
    public static long BucketStart(long time, int step)
    {
        var bucket = time / step;
        if (time % step < 0)
        {
            bucket--;
        }
        return bucket * step;
    }

    /// <summary>
    /// Buckets of <paramref name="step"/> seconds over <paramref name="points"/> (sorted by time, unique times), oldest
    /// first. A bucket exists only where at least one point has a number: NaN and infinities carry no value to average,
    /// so they are left out, and a bucket with nothing else is a gap, as a missing minute is.
    /// </summary>
    public static RollupPoint[] Aggregate(ReadOnlySpan<MetricPoint> points, int step)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        var buckets = new List<RollupPoint>(points.Length == 0 ? 0 : Math.Min(points.Length, (int)((points[^1].Time - points[0].Time) / step) + 1));
        var i = 0;
        while (i < points.Length)
        {
            var start = BucketStart(points[i].Time, step);
            var end = start + step;
            double min = double.PositiveInfinity, max = double.NegativeInfinity, sum = 0;
            var count = 0;
            for (; i < points.Length && points[i].Time < end; i++)
            {
                var value = points[i].Value;
                if (!double.IsFinite(value))
                {
                    continue;
                }
                min = Math.Min(min, value);
                max = Math.Max(max, value);
                sum += value;
                count++;
            }
            if (count > 0)
            {
                buckets.Add(new RollupPoint(start, min, max, Tidy(sum), count));
            }
        }
        return [.. buckets];
    }

    /// <summary>
    /// The sum rounded to the 15 significant digits a double holds (at most 9 decimals): CloudWatch values are short
    /// decimals, and their exact sum is one too, but floating-point addition leaves crumbs (0.1 + 0.2 = 0.30000000000000004)
    /// that would make every stored sum an incompressible 8-byte pattern. The change is below a double's own precision.
    /// </summary>
    private static double Tidy(double sum)
    {
        if (sum == 0 || !double.IsFinite(sum))
        {
            return sum;
        }
        var decimals = 15 - (int)Math.Floor(Math.Log10(Math.Abs(sum))) - 1;
        return decimals <= 0 ? sum : Math.Round(sum, Math.Min(decimals, 9));
    }

    /// <summary>The minute points themselves as one-point buckets: a reader asked for <see cref="Minute"/> answers in the same shape.</summary>
    public static RollupPoint[] AsBuckets(IReadOnlyList<MetricPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var buckets = new List<RollupPoint>(points.Count);
        foreach (var point in points)
        {
            if (double.IsFinite(point.Value))
            {
                buckets.Add(new RollupPoint(point.Time, point.Value, point.Value, point.Value, 1));
            }
        }
        return [.. buckets];
    }

    /// <summary>The buckets overlapping [from, to): those starting in [bucket start of from, to).</summary>
    public static bool Overlaps(long bucketStart, int step, long from, long to) => bucketStart + step > from && bucketStart < to;
}
