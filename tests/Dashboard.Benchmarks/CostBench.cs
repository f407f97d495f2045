using System.Globalization;
using Dashboard.Core.Collectors;
using Dashboard.Core.Connection;
using Dashboard.Core.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// `cost` mode (issue 3, "Cost and freshness"): a simulated fleet of 200 endpoints polled by the real collectors;
/// per steady-state cycle, GetMetricData calls and metrics requested against the minimum, then the monthly cost; then
/// what tracking 50 deployments costs (<see cref="DeploymentCostBench"/>).
/// </summary>
public static class CostBench
{
    private const int FleetSize = 200;
    private const int CyclesPerPhase = 30;
    private const long Hour = 3600;

    public static async Task RunAsync()
    {
        var options = new CollectorOptions
        {
            BackfillDays = 1,
            MetricInterval = TimeSpan.FromMinutes(1),
            QuietMetricInterval = TimeSpan.FromMinutes(1),
        };
        // A Wednesday, 20 s past the minute (polls do not land on the minute); the simulator anchors at 12:00.
        var start = new DateTimeOffset(2026, 3, 4, 12, 0, 20, TimeSpan.Zero);
        await using var host = await CostHost.StartAsync(FleetSize, start, options);

        await host.Fleet.RunOnceAsync(CancellationToken.None);
        var started = DateTimeOffset.UtcNow;
        await host.Metrics.RunOnceAsync(CancellationToken.None);
        host.ThrowIfFailing();
        Console.WriteLine($"Fleet {host.Live.Fleet.Count} endpoints, {host.Metrics.Series.Count} series; backfill (1 day): " +
            $"{host.Metrics.GetMetricDataCalls} GetMetricData calls, {host.Metrics.MetricsRequested:N0} metrics requested, " +
            $"{(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s");

        var one = await RunPhaseAsync(host, TimeSpan.FromMinutes(1));
        var five = await RunPhaseAsync(host, TimeSpan.FromMinutes(5));

        var deploying = host.Live.Fleet.Where(e => MetricCollector.IsDeploying(e.Status)).Select(e => e.Name)
            .ToHashSet(StringComparer.Ordinal);
        Console.WriteLine();
        Console.WriteLine($"Totals: 1-min phase calls/minimum {one.CallRatio:0.00}, metrics/due {one.MetricRatio:0.00}; " +
            $"5-min phase calls/minimum {five.CallRatio:0.00}, metrics/due {five.MetricRatio:0.00} (goal 1.00 each)");
        foreach (var quiet in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5) })
        {
            var cost = CostProjection.For(host.Metrics.Series, deploying, host.Live.WatchedSeries, options.MetricInterval, quiet);
            Console.WriteLine($"CostProjection at {quiet.TotalMinutes:0}-minute polling ({cost.MinuteSeries} minute series, " +
                $"{cost.FrequentSeries} of them deploying and polled every minute, {cost.HourlySeries} hourly): " +
                $"{cost.MetricsPerMonth:N0} metrics/month = ${cost.DollarsPerMonth.ToString("0.00", CultureInfo.InvariantCulture)}/month");
        }

        await DeploymentCostBench.RunAsync(host);
    }

    private sealed record PhaseTotals(long Calls, long Minimum, long Requested, long Due)
    {
        public double CallRatio => Minimum == 0 ? 1 : (double)Calls / Minimum;
        public double MetricRatio => Due == 0 ? 1 : (double)Requested / Due;
    }

    private static async Task<PhaseTotals> RunPhaseAsync(CostHost host, TimeSpan quiet)
    {
        host.Options.QuietMetricInterval = quiet;
        Console.WriteLine();
        Console.WriteLine($"Steady state, MetricInterval 1 min, QuietMetricInterval {quiet.TotalMinutes:0} min:");
        Console.WriteLine("cycle  time   series  due  calls  minimum  calls/min  requested  requested/due");
        long calls = 0, minimum = 0, requested = 0, due = 0;
        for (var cycle = 1; cycle <= CyclesPerPhase; cycle++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            var now = host.Time.GetUtcNow();
            var dueNow = await DueSeriesAsync(host, now, quiet);
            var callsBefore = host.Metrics.GetMetricDataCalls;
            var requestedBefore = host.Metrics.MetricsRequested;
            await host.Metrics.RunOnceAsync(CancellationToken.None);
            host.ThrowIfFailing();
            var c = host.Metrics.GetMetricDataCalls - callsBefore;
            var r = host.Metrics.MetricsRequested - requestedBefore;
            // Steady state needs one window (the recent one): ceil(due / 500) calls is the least that can fetch it.
            var least = (dueNow + MetricCollector.MaxQueriesPerCall - 1) / MetricCollector.MaxQueriesPerCall;
            Console.WriteLine($"{cycle,5}  {now:HH:mm}  {host.Metrics.Series.Count,6}  {dueNow,4}  {c,5}  {least,7}  " +
                $"{Ratio(c, least),9}  {r,9}  {Ratio(r, dueNow),13}");
            calls += c;
            minimum += least;
            requested += r;
            due += dueNow;
        }
        return new PhaseTotals(calls, minimum, requested, due);
    }

    /// <summary>
    /// What this cycle must fetch, from the stored coverage (not the collector's own plan): a minute series when its
    /// endpoint is deploying or its data is a quiet interval old, an hourly series when an hour completed since.
    /// </summary>
    private static async Task<int> DueSeriesAsync(CostHost host, DateTimeOffset now, TimeSpan quiet)
    {
        var coverage = await host.Coverage.GetCoverageAsync();
        var deploying = host.Live.Fleet.Where(e => MetricCollector.IsDeploying(e.Status)).Select(e => e.Name)
            .ToHashSet(StringComparer.Ordinal);
        var end = now.ToUnixTimeSeconds() / 60 * 60;
        return host.Metrics.Series.Count(s => !coverage.TryGetValue(s, out var range) || IsDue(s, range, end, quiet, deploying));
    }

    private static bool IsDue(SeriesKey series, FetchedRange range, long end, TimeSpan quiet, HashSet<string> deploying)
    {
        if (series.Period >= Hour)
        {
            return end / Hour * Hour > range.To;
        }
        return deploying.Contains(series.EndpointName ?? "") || end - range.To >= (long)quiet.TotalSeconds;
    }

    private static string Ratio(long value, long least) =>
        least == 0 ? (value == 0 ? "1.00" : "n/a") : ((double)value / least).ToString("0.00", CultureInfo.InvariantCulture);
}
