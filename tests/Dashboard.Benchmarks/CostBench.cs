using System.Globalization;
using Dashboard.Core.Collectors;
using Dashboard.Core.Connection;
using Dashboard.Core.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// `cost` mode (issue 3, "Cost and freshness"; issue 15, "Polling cost at fleet scale"): simulated fleets of 100 and 200
/// endpoints polled by the real collectors with the default <see cref="CollectorOptions"/> (only BackfillDays is cut
/// to 1, which changes the first poll, not the steady state). Every minute for an hour and a bit: GetMetricData calls
/// and metrics requested against what is due, and whether every series was read as often as its cadence says; then
/// the month's cost, measured and projected; then what tracking 50 deployments costs (<see cref="DeploymentCostBench"/>).
/// </summary>
public static class CostBench
{
    private const int Cycles = 65;
    private const long Hour = 3600;
    private const double HoursPerMonth = 30 * 24;

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        // A Wednesday, 20 s past the minute (polls do not land on the minute); the simulator anchors at 12:00.
        var start = new DateTimeOffset(2026, 3, 4, 12, 0, 20, TimeSpan.Zero);
        var results = new List<string>();
        foreach (var size in new[] { 100, 200 })
        {
            var options = new CollectorOptions { BackfillDays = 1 };
            await using var host = await CostHost.StartAsync(size, start, options);
            results.Add(await RunFleetAsync(host, size));
            if (size == 200 && !args.Contains("--no-deployments"))
            {
                await DeploymentCostBench.RunAsync(host);
            }
        }
        Console.WriteLine();
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private static async Task<string> RunFleetAsync(CostHost host, int size)
    {
        await host.Fleet.RunOnceAsync(CancellationToken.None);
        // Alarms read one endpoint in ten's CPU (the ten hand-written endpoints; the copies have none).
        var watched = host.Live.Fleet.Take(10).Select(e => CpuOf(e.Name, e.Variants[0].Name)).ToHashSet();
        host.Live.PublishWatchedSeries(watched);
        var started = DateTimeOffset.UtcNow;
        await host.Metrics.RunOnceAsync(CancellationToken.None);
        host.ThrowIfFailing();
        var options = host.Options;
        Console.WriteLine();
        Console.WriteLine($"== {size} endpoints, default settings: MetricInterval {Minutes(options.MetricInterval)}, VitalMetricInterval "
            + $"{Minutes(PollCadence.IntervalOf(SeriesCadence.Vital, options))}, SlowMetricInterval {Minutes(PollCadence.IntervalOf(SeriesCadence.Slow, options))}, "
            + $"TrailingWindow {Minutes(options.TrailingWindow)}");
        Console.WriteLine($"Fleet {host.Live.Fleet.Count} endpoints ({Deploying(host).Count} deploying), {host.Metrics.Series.Count} series, "
            + $"{watched.Count} read by alarms; backfill (1 day): {host.Metrics.GetMetricDataCalls} GetMetricData calls, "
            + $"{host.Metrics.MetricsRequested:N0} metrics requested, {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s");

        long calls = 0, minimum = 0, requested = 0, due = 0;
        var late = new List<string>();
        var perCycle = new List<long>();
        for (var cycle = 1; cycle <= Cycles; cycle++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(1));
            var now = host.Time.GetUtcNow();
            var dueNow = await DueSeriesAsync(host, now);
            var callsBefore = host.Metrics.GetMetricDataCalls;
            var requestedBefore = host.Metrics.MetricsRequested;
            await host.Metrics.RunOnceAsync(CancellationToken.None);
            host.ThrowIfFailing();
            var c = host.Metrics.GetMetricDataCalls - callsBefore;
            var r = host.Metrics.MetricsRequested - requestedBefore;
            late.AddRange(await LateSeriesAsync(host, now));
            // Steady state needs one window (the recent one): ceil(due / 500) calls is the least that can fetch it.
            var least = (dueNow + MetricCollector.MaxQueriesPerCall - 1) / MetricCollector.MaxQueriesPerCall;
            if (c != least)
            {
                Console.WriteLine($"  poll {cycle} at {now:HH:mm}: {c} calls for {dueNow} series due (least {least}), {r} metrics requested");
            }
            calls += c;
            minimum += least;
            requested += r;
            due += dueNow;
            perCycle.Add(r);
        }
        // The last 60 cycles are one hour of steady state: every cadence (hourly drift included) repeats within it.
        var hour = perCycle.Skip(Cycles - 60).Sum();
        var measured = hour * HoursPerMonth / 1000 * CostProjection.DollarsPerThousandMetrics;
        Console.WriteLine($"{Cycles} one-minute polls: calls/minimum {Ratio(calls, minimum)}, metrics requested/due {Ratio(requested, due)} (goal 1.00 each); "
            + $"metrics per poll min {perCycle.Min():N0}, median {perCycle.Order().ElementAt(perCycle.Count / 2):N0}, max {perCycle.Max():N0}");
        Console.WriteLine(late.Count == 0
            ? "Read as often as due: every alarm-read series and every series of a deploying endpoint each minute, vital series each "
              + "VitalMetricInterval, the others each SlowMetricInterval with every minute since their last read (no gap)"
            : $"LATE: {late.Count} series reads missed, e.g. {string.Join("; ", late.Take(5))}");

        var asNow = CostProjection.For(host.Metrics.Series, CadenceInputs.From(host.Live), options);
        var atRest = CostProjection.For(host.Metrics.Series, CadenceInputs.AtRest with { Watched = host.Live.WatchedSeries }, options);
        var vitalEveryMinute = new CollectorOptions { VitalMetricInterval = options.MetricInterval };
        var atRest1 = CostProjection.For(host.Metrics.Series, CadenceInputs.AtRest with { Watched = host.Live.WatchedSeries }, vitalEveryMinute);
        Console.WriteLine($"Projected, fleet as now ({asNow.UrgentSeries} series every {Minutes(asNow.MetricInterval)}, {asNow.VitalSeries} vital every "
            + $"{Minutes(asNow.VitalInterval)}, {asNow.SlowSeries} slow every {Minutes(asNow.SlowInterval)}, {asNow.HourlySeries} hourly): {Dollars(asNow)}");
        Console.WriteLine($"Projected, no endpoint deploying ({atRest.UrgentSeries} alarm-read series every minute): {Dollars(atRest)}; "
            + $"the same with the vital series every minute (VitalMetricInterval = MetricInterval): {Dollars(atRest1)}");
        Console.WriteLine($"Each deploying endpoint-hour adds ${(asNow.DollarsPerMonth - atRest.DollarsPerMonth) / Math.Max(1, Deploying(host).Count) / HoursPerMonth:0.0000}");
        return $"{size} endpoints at the defaults: measured {hour:N0} metrics requested in the last hour = "
            + $"${measured.ToString("N2", CultureInfo.InvariantCulture)}/month; projected {Dollars(asNow)} as now "
            + $"({Deploying(host).Count} deploying all month), {Dollars(atRest)} with none deploying";
    }

    private static HashSet<string> Deploying(CostHost host) => CadenceInputs.From(host.Live).Deploying.ToHashSet(StringComparer.Ordinal);

    private static SeriesKey CpuOf(string endpoint, string variant) =>
        SeriesKey.Create(SageMakerMetrics.InstanceNamespace, SageMakerMetrics.CpuUtilization,
            [KeyValuePair.Create("EndpointName", endpoint), KeyValuePair.Create("VariantName", variant)], "Average", SageMakerMetrics.MinutePeriod);

    /// <summary>
    /// What this poll must fetch, from the stored coverage (not the collector's own plan): a minute series whose last
    /// read is its cadence's interval old, an hourly series when an hour completed since, anything never read.
    /// </summary>
    private static async Task<int> DueSeriesAsync(CostHost host, DateTimeOffset now)
    {
        var coverage = await host.Coverage.GetCoverageAsync();
        var inputs = CadenceInputs.From(host.Live);
        var end = now.ToUnixTimeSeconds() / 60 * 60;
        return host.Metrics.Series.Count(s => !coverage.TryGetValue(s, out var range)
            || (s.Period >= Hour
                ? end / Hour * Hour > range.To
                : end + 30 - range.To >= (long)PollCadence.IntervalOf(s, inputs, host.Options).TotalSeconds));
    }

    /// <summary>
    /// After a poll: series whose stored data ends further back than their cadence allows. Coverage is one range per
    /// series, so a range that reaches this minute has every minute since the backfill: no gap.
    /// </summary>
    internal static async Task<IEnumerable<string>> LateSeriesAsync(CostHost host, DateTimeOffset now)
    {
        var coverage = await host.Coverage.GetCoverageAsync();
        var inputs = CadenceInputs.From(host.Live);
        var end = now.ToUnixTimeSeconds() / 60 * 60;
        return host.Metrics.Series.Where(s => s.Period < Hour)
            .Select(s => (Series: s, Read: coverage.TryGetValue(s, out var range), Range: range, Cadence: PollCadence.Of(s, inputs)))
            .Where(s => !s.Read
                || s.Range.From > end - 86_400
                || end - s.Range.To >= (long)PollCadence.IntervalOf(s.Cadence, host.Options).TotalSeconds)
            .Select(s => $"{s.Series.EndpointName} {s.Series.MetricName} {s.Series.Stat} ({s.Cadence}) to {DateTimeOffset.FromUnixTimeSeconds(s.Range.To):HH:mm}")
            .ToList();
    }

    private static string Dollars(CostProjection cost) =>
        $"{cost.MetricsPerMonth:N0} metrics/month = ${cost.DollarsPerMonth.ToString("N2", CultureInfo.InvariantCulture)}/month";

    private static string Minutes(TimeSpan interval) => $"{interval.TotalMinutes:0.#} min";

    private static string Ratio(long value, long least) =>
        least == 0 ? (value == 0 ? "1.00" : "n/a") : ((double)value / least).ToString("0.00", CultureInfo.InvariantCulture);
}
