using System.Runtime.InteropServices;
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
        var sorted = AsSortedSpan(points);
        var end = origin + hours * UtcClock.Hour;
        var first = FirstAtOrAfter(sorted, origin);
        var inRange = sorted[first..FirstAtOrAfter(sorted, end)];
        var offsets = new int[hours + 1];
        var values = new double[inRange.Length];
        var count = 0;
        var hour = 0;
        foreach (var point in inRange)
        {
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

    /// <summary>
    /// Arrays and lists are read as spans: going through IReadOnlyList costs an interface call per point, a third of
    /// the whole baseline. The contract says sorted; a caller that breaks it gets a sorted copy rather than wrong bands.
    /// </summary>
    private static ReadOnlySpan<MetricPoint> AsSortedSpan(IReadOnlyList<MetricPoint> points)
    {
        ReadOnlySpan<MetricPoint> span = points switch
        {
            MetricPoint[] array => array,
            List<MetricPoint> list => CollectionsMarshal.AsSpan(list),
            _ => points.ToArray(),
        };
        for (var i = 1; i < span.Length; i++)
        {
            if (span[i].Time < span[i - 1].Time)
            {
                var copy = span.ToArray();
                Array.Sort(copy, static (a, b) => a.Time.CompareTo(b.Time));
                return copy;
            }
        }
        return span;
    }

    private static int FirstAtOrAfter(ReadOnlySpan<MetricPoint> sorted, long time)
    {
        int low = 0, high = sorted.Length;
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
