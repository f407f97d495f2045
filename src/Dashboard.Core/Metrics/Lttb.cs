namespace Dashboard.Core.Metrics;

/// <summary>
/// Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): keeps the first and last point and, from each
/// bucket, the point that forms the largest triangle with the previous pick and the next bucket's average. It keeps
/// peaks and dips that plain averaging would flatten, which is what an engineer looks for on a chart.
/// </summary>
public static class Lttb
{
    public static IReadOnlyList<MetricPoint> Downsample(IReadOnlyList<MetricPoint> points, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 3);
        if (points.Count <= threshold)
        {
            return points;
        }

        var result = new MetricPoint[threshold];
        result[0] = points[0];
        var bucketSize = (double)(points.Count - 2) / (threshold - 2);
        var picked = 0;

        for (var bucket = 0; bucket < threshold - 2; bucket++)
        {
            var nextStart = (int)Math.Floor((bucket + 1) * bucketSize) + 1;
            var nextEnd = Math.Min((int)Math.Floor((bucket + 2) * bucketSize) + 1, points.Count);
            double avgX = 0, avgY = 0;
            for (var i = nextStart; i < nextEnd; i++)
            {
                avgX += points[i].Time;
                avgY += points[i].Value;
            }
            var nextCount = Math.Max(nextEnd - nextStart, 1);
            avgX /= nextCount;
            avgY /= nextCount;

            var start = (int)Math.Floor(bucket * bucketSize) + 1;
            var end = nextStart;
            var a = points[picked];
            var maxArea = -1.0;
            var chosen = start;
            for (var i = start; i < end; i++)
            {
                var area = Math.Abs((a.Time - avgX) * (points[i].Value - a.Value) - (a.Time - points[i].Time) * (avgY - a.Value));
                if (area > maxArea)
                {
                    maxArea = area;
                    chosen = i;
                }
            }
            result[bucket + 1] = points[chosen];
            picked = chosen;
        }

        result[threshold - 1] = points[^1];
        return result;
    }
}
