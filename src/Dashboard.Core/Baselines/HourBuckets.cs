using Dashboard.Core.Metrics;

namespace Dashboard.Core.Baselines;

/// <summary>
/// A sorted series cut into consecutive clock hours in one pass: the values of hour i are
/// <c>Values[Offsets[i]..Offsets[i + 1]]</c>. Lets the baselines reach "the same hour N days ago" by index arithmetic
/// instead of hashing every point.
/// </summary>
internal sealed class HourBuckets
{
    private HourBuckets(long origin, int[] offsets, double[] values)
    {
        Origin = origin;
        Offsets = offsets;
        Values = values;
    }

    /// <summary>Start of hour 0 (Unix seconds, on an hour boundary).</summary>
    public long Origin { get; }

    public int[] Offsets { get; }

    public double[] Values { get; }

    public int HourCount => Offsets.Length - 1;

    public int CountAt(int hour) => hour < 0 || hour >= HourCount ? 0 : Offsets[hour + 1] - Offsets[hour];

    /// <summary>Buckets the finite values of <paramref name="points"/> in [origin, origin + hours·3600).</summary>
    public static HourBuckets Build(IReadOnlyList<MetricPoint> points, long origin, int hours)
    {
        var sorted = EnsureSorted(points);
        var end = origin + hours * UtcClock.Hour;
        var offsets = new int[hours + 1];
        var values = new double[CountInRange(sorted, origin, end)];
        var count = 0;
        var hour = 0;
        for (var i = FirstAtOrAfter(sorted, origin); i < sorted.Count; i++)
        {
            var point = sorted[i];
            if (point.Time >= end)
            {
                break;
            }
            if (!double.IsFinite(point.Value))
            {
                continue;
            }
            var pointHour = (int)((point.Time - origin) / UtcClock.Hour);
            while (hour < pointHour)
            {
                offsets[++hour] = count;
            }
            values[count++] = point.Value;
        }
        while (hour < hours)
        {
            offsets[++hour] = count;
        }
        return new HourBuckets(origin, offsets, values);
    }

    /// <summary>The contract says sorted; a caller that breaks it gets a sorted copy rather than silently wrong bands.</summary>
    private static IReadOnlyList<MetricPoint> EnsureSorted(IReadOnlyList<MetricPoint> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time < points[i - 1].Time)
            {
                var copy = points.ToArray();
                Array.Sort(copy, static (a, b) => a.Time.CompareTo(b.Time));
                return copy;
            }
        }
        return points;
    }

    private static int CountInRange(IReadOnlyList<MetricPoint> sorted, long start, long end) =>
        FirstAtOrAfter(sorted, end) - FirstAtOrAfter(sorted, start);

    internal static int FirstAtOrAfter(IReadOnlyList<MetricPoint> sorted, long time)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid].Time < time)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }
}
