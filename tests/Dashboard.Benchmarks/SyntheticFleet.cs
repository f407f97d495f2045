using Dashboard.Core.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// Benchmark data shaped like SageMaker endpoint metrics: a daily traffic cycle plus noise, rounded the way
/// CloudWatch returns them (counts as integers, latencies and utilisation to 0.01), 1-minute periods.
/// </summary>
public static class SyntheticFleet
{
    // 2026-03-01T00:00:00Z; the data covers whole UTC days ending here.
    public const long End = 1_772_323_200;
    public const int Minute = 60;

    private static readonly (string Name, string Stat, double Base, double Cycle, double Noise, int Decimals)[] Metrics =
    [
        ("Invocations", "Sum", 1200, 0.6, 40, 0),
        ("Invocations", "SampleCount", 1200, 0.6, 40, 0),
        ("InvocationsPerInstance", "Sum", 400, 0.6, 15, 0),
        ("Invocation4XXErrors", "Sum", 2, 0.5, 1.5, 0),
        ("Invocation5XXErrors", "Sum", 0.3, 0.5, 0.5, 0),
        ("ModelLatency", "Average", 45_000, 0.25, 2_500, 2),
        ("ModelLatency", "p50", 41_000, 0.25, 2_000, 2),
        ("ModelLatency", "p90", 62_000, 0.3, 4_000, 2),
        ("ModelLatency", "p99", 98_000, 0.35, 9_000, 2),
        ("ModelLatency", "Maximum", 150_000, 0.4, 20_000, 2),
        ("OverheadLatency", "Average", 1_800, 0.1, 120, 2),
        ("OverheadLatency", "p99", 4_200, 0.15, 400, 2),
        ("ModelSetupTime", "Average", 0, 0, 0, 0),
        ("CPUUtilization", "Average", 55, 0.5, 4, 2),
        ("CPUUtilization", "Maximum", 85, 0.3, 6, 2),
        ("MemoryUtilization", "Average", 62, 0.05, 0.8, 2),
        ("GPUUtilization", "Average", 48, 0.55, 5, 2),
        ("GPUMemoryUtilization", "Average", 71, 0.05, 0.6, 2),
        ("DiskUtilization", "Average", 23.5, 0.01, 0.05, 2),
        ("ConcurrentRequestsPerModel", "Average", 3.2, 0.6, 0.4, 2),
    ];

    public static int SeriesPerEndpoint => Metrics.Length;

    public static string EndpointName(int endpoint) => $"endpoint-{endpoint:D3}";

    public static SeriesKey Key(int endpoint, int metric)
    {
        var (name, stat, _, _, _, _) = Metrics[metric];
        var ns = name.EndsWith("Utilization", StringComparison.Ordinal) ? "/aws/sagemaker/Endpoints" : "AWS/SageMaker";
        return SeriesKey.Create(ns, name,
            [KeyValuePair.Create("EndpointName", EndpointName(endpoint)), KeyValuePair.Create("VariantName", "AllTraffic")], stat, Minute);
    }

    /// <summary>One series over [from, to) at one point a minute; deterministic per (endpoint, metric).</summary>
    public static MetricPoint[] Points(int endpoint, int metric, long from, long to)
    {
        var (_, _, @base, cycle, noise, decimals) = Metrics[metric];
        var random = new Random(HashCode.Combine(endpoint, metric, from));
        var phase = endpoint * 0.37;
        var scale = 1 + endpoint % 5 * 0.15;
        var points = new MetricPoint[(int)((to - from) / Minute)];
        for (var i = 0; i < points.Length; i++)
        {
            var t = from + i * (long)Minute;
            var day = 2 * Math.PI * (t % 86_400) / 86_400;
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var value = Math.Max(0, @base * scale * (1 + cycle * Math.Sin(day + phase)) + noise * gaussian);
            points[i] = new MetricPoint(t, Math.Round(value, decimals));
        }
        return points;
    }

    /// <summary>Every series of <paramref name="endpoints"/> endpoints for one UTC day: the shape of a backfill page.</summary>
    public static List<SeriesPoints> Day(int endpoints, long dayStart, int seriesPerEndpoint = -1)
    {
        var perEndpoint = seriesPerEndpoint < 0 ? SeriesPerEndpoint : seriesPerEndpoint;
        var batch = new List<SeriesPoints>(endpoints * perEndpoint);
        for (var e = 0; e < endpoints; e++)
        {
            for (var m = 0; m < perEndpoint; m++)
            {
                batch.Add(new SeriesPoints(Key(e, m), Points(e, m, dayStart, dayStart + 86_400)));
            }
        }
        return batch;
    }
}
