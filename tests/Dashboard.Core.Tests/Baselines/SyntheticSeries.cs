using Dashboard.Core.Metrics;

namespace Dashboard.Core.Tests.Baselines;

/// <summary>Deterministic 1-minute series for baseline tests.</summary>
internal static class SyntheticSeries
{
    /// <summary>Monday 2025-01-06 00:00 UTC.</summary>
    public static readonly long Monday = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    public const long Hour = 3600;
    public const long Day = 86_400;

    /// <summary>One point a minute in [start, end), value from <paramref name="value"/> plus uniform noise in ±<paramref name="noise"/>.</summary>
    public static List<MetricPoint> Minutes(long start, long end, Func<long, double> value, double noise = 0, int seed = 42)
    {
        var random = new Random(seed);
        var points = new List<MetricPoint>((int)((end - start) / 60));
        for (var t = start; t < end; t += 60)
        {
            points.Add(new MetricPoint(t, value(t) + noise * (2 * random.NextDouble() - 1)));
        }
        return points;
    }

    public static int HourOfDay(long time) => (int)(time / Hour % 24);

    /// <summary>Low at 03:00 (50), high at 15:00 (150).</summary>
    public static double DailyCycle(long time)
    {
        var hours = time % Day / (double)Hour;
        return 100 + 50 * Math.Sin(2 * Math.PI * (hours - 9) / 24);
    }

    public static bool IsWeekend(long time) =>
        DateTimeOffset.FromUnixTimeSeconds(time).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
