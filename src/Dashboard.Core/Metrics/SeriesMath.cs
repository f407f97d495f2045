namespace Dashboard.Core.Metrics;

/// <summary>Small operations on time-sorted point lists.</summary>
public static class SeriesMath
{
    /// <summary>Points in [from, to) of a time-sorted list, found by binary search.</summary>
    public static IReadOnlyList<MetricPoint> Slice(IReadOnlyList<MetricPoint> points, long from, long to)
    {
        var start = LowerBound(points, from);
        var end = LowerBound(points, to);
        if (start == 0 && end == points.Count)
        {
            return points;
        }
        var slice = new MetricPoint[Math.Max(0, end - start)];
        for (var i = start; i < end; i++)
        {
            slice[i - start] = points[i];
        }
        return slice;
    }

    /// <summary>Mean of the values in [from, to), or null when there are none.</summary>
    public static double? Mean(IReadOnlyList<MetricPoint> points, long from, long to)
    {
        var slice = Slice(points, from, to);
        return slice.Count == 0 ? null : slice.Average(p => p.Value);
    }

    /// <summary>Sum of the values in [from, to) (zero when there are none).</summary>
    public static double Sum(IReadOnlyList<MetricPoint> points, long from, long to) => Slice(points, from, to).Sum(p => p.Value);

    /// <summary>Error rate per minute where invocations were recorded; a missing error count means no errors.</summary>
    public static IReadOnlyList<MetricPoint> ErrorRate(IReadOnlyList<MetricPoint> invocations, IReadOnlyList<MetricPoint> errors4xx,
        IReadOnlyList<MetricPoint> errors5xx)
    {
        var e4 = errors4xx.ToDictionary(p => p.Time, p => p.Value);
        var e5 = errors5xx.ToDictionary(p => p.Time, p => p.Value);
        return invocations.Select(p => new MetricPoint(p.Time,
            Units.ErrorRatePercent(e4.GetValueOrDefault(p.Time), e5.GetValueOrDefault(p.Time), p.Value))).ToList();
    }

    /// <summary>The time of the newest point, or null.</summary>
    public static long? Newest(IReadOnlyList<MetricPoint> points) => points.Count == 0 ? null : points[^1].Time;

    /// <summary>The index of the first point at or after <paramref name="time"/> in a time-sorted list (its count when none).</summary>
    public static int LowerBound(IReadOnlyList<MetricPoint> points, long time)
    {
        int lo = 0, hi = points.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (points[mid].Time < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
