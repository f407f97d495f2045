using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>Sorting and merging rules for incoming points: sorted by time, one point per time, the newest write wins.</summary>
internal static class PointMerging
{
    /// <summary>
    /// Groups batches by key, keeping first-seen key order and, within a key, arrival order; of several coverage
    /// ranges for one key the last one wins, as with points.
    /// </summary>
    public static List<SeriesGroup> GroupByKey(IReadOnlyList<SeriesPoints> batches)
    {
        var groups = new List<SeriesGroup>(batches.Count);
        var index = new Dictionary<SeriesKey, int>(batches.Count);
        foreach (var batch in batches)
        {
            ArgumentNullException.ThrowIfNull(batch);
            var key = batch.Key;
            var points = batch.Points ?? [];
            if (key is not null && index.TryGetValue(key, out var at))
            {
                groups[at].Points.AddRange(points);
                groups[at].Coverage = batch.Coverage ?? groups[at].Coverage;
                continue;
            }
            if (key is not null)
            {
                index[key] = groups.Count;
            }
            groups.Add(new SeriesGroup(key!, [.. points]) { Coverage = batch.Coverage });
        }
        return groups;
    }

    /// <summary>Sorts by time; of several points at one time the last one in arrival order is kept.</summary>
    public static MetricPoint[] SortUnique(List<MetricPoint> points)
    {
        if (IsStrictlyAscending(points))
        {
            return [.. points];
        }
        if (IsStrictlyDescending(points))
        {
            // GetMetricData returns newest first by default; skip the general sort for that common shape.
            var reversed = points.ToArray();
            Array.Reverse(reversed);
            return reversed;
        }

        var order = new (long Time, int Arrival)[points.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (points[i].Time, i);
        }
        Array.Sort(order);
        var result = new List<MetricPoint>(order.Length);
        for (var i = 0; i < order.Length; i++)
        {
            if (i + 1 < order.Length && order[i + 1].Time == order[i].Time)
            {
                continue;
            }
            result.Add(points[order[i].Arrival]);
        }
        return [.. result];
    }

    /// <summary>Merges two sorted, unique runs; on equal times the incoming point replaces the stored one.</summary>
    public static MetricPoint[] Merge(ReadOnlySpan<MetricPoint> stored, ReadOnlySpan<MetricPoint> incoming)
    {
        var result = new MetricPoint[stored.Length + incoming.Length];
        int s = 0, n = 0, r = 0;
        while (s < stored.Length && n < incoming.Length)
        {
            var storedTime = stored[s].Time;
            var incomingTime = incoming[n].Time;
            if (storedTime < incomingTime)
            {
                result[r++] = stored[s++];
            }
            else
            {
                if (storedTime == incomingTime)
                {
                    s++;
                }
                result[r++] = incoming[n++];
            }
        }
        while (s < stored.Length)
        {
            result[r++] = stored[s++];
        }
        while (n < incoming.Length)
        {
            result[r++] = incoming[n++];
        }
        return r == result.Length ? result : result[..r];
    }

    private static bool IsStrictlyAscending(List<MetricPoint> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time <= points[i - 1].Time)
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsStrictlyDescending(List<MetricPoint> points)
    {
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time >= points[i - 1].Time)
            {
                return false;
            }
        }
        return true;
    }
}
