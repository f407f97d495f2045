using System.Diagnostics;
using Dashboard.Core.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// One way of reading a 30-day chart, timed: the minute data (<see cref="Rollups.Minute"/>, the path before tiers) or
/// the tier <see cref="Rollups.StepFor"/> picks for a chart of <c>width</c> points. Each run lists one endpoint's
/// series, reads them, and downsamples each line with LTTB to the width, rotating over the endpoints.
/// </summary>
internal sealed record ChartReadTiming(string Label, int Step, int Width, int PointsRead, double CpuMs, int Gen2,
    List<double> ReadOnly, List<double> Whole)
{
    public static async Task<ChartReadTiming> MeasureAsync(BenchStorage storage, BenchSettings settings, int width, bool forceMinutes)
    {
        var from = SyntheticFleet.End - settings.Days * 86_400L;
        var step = forceMinutes ? Rollups.Minute : Rollups.StepFor(from, SyntheticFleet.End, width);
        var whole = new List<double>();
        var readOnly = new List<double>();
        var pointsRead = 0;
        var cpu = TimeSpan.Zero;
        var gen2 = 0;
        for (var i = -settings.Warmup; i < settings.Iterations; i++)
        {
            if (i == 0)
            {
                // CPU time is less disturbed than wall time when other processes share the two cores.
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                gen2 = GC.CollectionCount(2);
            }
            var watch = Stopwatch.StartNew();
            var keys = await storage.Queries.ListSeriesAsync(SyntheticFleet.EndpointName((i + settings.Endpoints * 10) % settings.Endpoints));
            IReadOnlyList<IReadOnlyList<MetricPoint>> lines;
            if (forceMinutes)
            {
                lines = [.. (await storage.Queries.ReadAsync(keys, from, SyntheticFleet.End)).Values];
            }
            else
            {
                var tiers = await storage.Queries.ReadTierAsync(keys, from, SyntheticFleet.End, step);
                lines = [.. tiers.Values.Select(buckets => (IReadOnlyList<MetricPoint>)buckets.Select(b => b.ToMean()).ToArray())];
            }
            var afterRead = watch.Elapsed.TotalMilliseconds;
            var charted = lines.Select(points => Lttb.Downsample(points, width)).ToList();
            watch.Stop();
            if (i >= 0)
            {
                whole.Add(watch.Elapsed.TotalMilliseconds);
                readOnly.Add(afterRead);
                pointsRead = lines.Sum(p => p.Count);
            }
            if (charted.Count != SyntheticFleet.SeriesPerEndpoint || charted.Any(c => c.Count != width))
            {
                throw new InvalidOperationException("The chart read returned the wrong shape.");
            }
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / settings.Iterations;
        var label = forceMinutes ? "minutes (before tiers)" : step == Rollups.Minute ? "minutes" : $"{step / 60}-minute tier";
        return new ChartReadTiming(label, step, width, pointsRead, cpuMs, GC.CollectionCount(2) - gen2, readOnly, whole);
    }
}
