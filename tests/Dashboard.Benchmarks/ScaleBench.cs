using System.Diagnostics;
using System.Globalization;
using Dashboard.Benchmarks.Alarms;
using Dashboard.Core.Alarms;
using Dashboard.Core.Collectors;
using Dashboard.Core.Connection;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Storage.Startup;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Benchmarks;

/// <summary>
/// `scale` mode (issue 15: "one lease holder keeps up with 500 endpoints (10,000 series) in the simulator"): the
/// <see cref="CostHost"/> with 500 simulated endpoints, one 5XX alarm per endpoint and the default
/// <see cref="CollectorOptions"/>. Times each worker's round, wall clock and process CPU, against its one-minute
/// interval: fleet polls, the backfill, then every simulated minute a metric poll (ingest included) and an alarm
/// evaluation; after each poll, how far the newest stored point lags the simulated clock. On SQLite, then on a
/// PostgreSQL database of its own when <see cref="BenchPostgres.IsConfigured"/>.
/// </summary>
public static class ScaleBench
{
    private const int FleetSize = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public static async Task RunAsync(IReadOnlyList<string> args)
    {
        var backfillDays = IntOption(args, "--backfill-days", 1);
        // 65 one-minute polls reach the first hourly read of the slow series (the largest poll).
        var polls = IntOption(args, "--polls", 65);
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {StorageBench.LoadAverage()}, server GC: {System.Runtime.GCSettings.IsServerGC}");
        var results = new List<string> { await RunAsync("SQLite", null, backfillDays, polls) };
        if (BenchPostgres.IsConfigured && !args.Contains("--sqlite-only"))
        {
            await using var database = await BenchPostgres.CreateAsync("scale");
            results.Add(await RunAsync("PostgreSQL", database.Storage, backfillDays, polls));
        }
        Console.WriteLine();
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private static async Task<string> RunAsync(string name, StorageOptions? storage, int backfillDays, int polls)
    {
        // A Wednesday, 20 s past the minute, as in the cost mode.
        var start = new DateTimeOffset(2026, 3, 4, 12, 0, 20, TimeSpan.Zero);
        var options = new CollectorOptions { BackfillDays = backfillDays };
        await using var host = await CostHost.StartAsync(FleetSize, start, options, storage);
        Console.WriteLine();
        Console.WriteLine($"== {name}: {FleetSize} simulated endpoints, default collector settings, BackfillDays {backfillDays}; load average {StorageBench.LoadAverage()}");

        // The first fleet poll describes every endpoint and its config; later ones (one a minute below) only what changed,
        // what is not InService and a share of the rest (FleetCollector.RefreshEvery).
        var firstFleet = await MeasureAsync(host, () => host.Fleet.RunOnceAsync(CancellationToken.None));
        Console.WriteLine($"Fleet poll ({host.Live.Fleet.Count} endpoints): first (every endpoint and config described) {firstFleet}");
        var fleetPolls = new List<Round>();

        using var alarms = host.NewAlarmCollector(new CountingNotifier());
        var alarmStore = host.Services.GetRequiredService<IAlarmStore>();
        var engineer = new Actor("bench", new HashSet<Role> { Role.Engineer });
        foreach (var endpoint in host.Live.Fleet)
        {
            await alarmStore.CreateAsync(FiveXxAlarm(endpoint), engineer);
        }
        var backfill = await MeasureAsync(host, () => host.Metrics.RunOnceAsync(CancellationToken.None));
        // Every alarm is new (the costliest evaluation); from here on the series the alarms read are read every minute.
        var firstAlarms = await MeasureAsync(host, () => alarms.RunOnceAsync(CancellationToken.None));
        var series = CostProjection.For(host.Metrics.Series, CadenceInputs.From(host.Live), options);
        Console.WriteLine($"{host.Metrics.Series.Count:N0} series ({series.UrgentSeries:N0} every minute, {series.VitalSeries:N0} vital every "
            + $"{Minutes(series.VitalInterval)}, {series.SlowSeries:N0} slow every {Minutes(series.SlowInterval)}, {series.HourlySeries:N0} hourly); "
            + $"{host.Live.WatchedSeries.Count} read by {alarms.LastCycle.Alarms} alarms (first evaluation, every alarm new: {firstAlarms})");
        Console.WriteLine($"Backfill ({backfillDays} day(s)): {host.Metrics.GetMetricDataCalls} GetMetricData calls, {host.Metrics.MetricsRequested:N0} metrics requested, {backfill}");

        var queries = host.Services.GetRequiredService<IMetricQueries>();
        var metricPolls = new List<Round>();
        var alarmTicks = new List<Round>();
        var lags = new List<TimeSpan>();
        var alarming = 0;
        var late = new List<string>();
        Console.WriteLine("poll  time   metrics  metric poll wall / CPU s   alarm tick wall / CPU s   in ALARM   newest point behind the clock   stalest alarm-read series");
        for (var poll = 1; poll <= polls; poll++)
        {
            host.Time.Advance(Interval);
            var now = host.Time.GetUtcNow();
            var requested = host.Metrics.MetricsRequested;
            var metric = await MeasureAsync(host, () => host.Metrics.RunOnceAsync(CancellationToken.None));
            // Judged with the cadences the poll ran with: the evaluation below may put endpoints in ALARM for the next one.
            late.AddRange(await CostBench.LateSeriesAsync(host, now));
            var watermarks = await queries.GetWatermarksAsync();
            var lag = now - DateTimeOffset.FromUnixTimeSeconds(watermarks.Values.Max());
            var stalest = now - DateTimeOffset.FromUnixTimeSeconds(host.Live.WatchedSeries.Min(s => watermarks.GetValueOrDefault(s)));
            var alarm = await MeasureAsync(host, () => alarms.RunOnceAsync(CancellationToken.None));
            fleetPolls.Add(await MeasureAsync(host, () => host.Fleet.RunOnceAsync(CancellationToken.None)));
            metricPolls.Add(metric);
            alarmTicks.Add(alarm);
            lags.Add(lag);
            alarming = Math.Max(alarming, host.Live.AlarmingEndpoints.Count);
            Console.WriteLine($"{poll,4}  {now:HH:mm}  {host.Metrics.MetricsRequested - requested,7:N0}  {metric.Wall.TotalSeconds,14:0.00} / {metric.Cpu.TotalSeconds,5:0.00}"
                + $"  {alarm.Wall.TotalSeconds,15:0.00} / {alarm.Cpu.TotalSeconds,5:0.00}  {host.Live.AlarmingEndpoints.Count,8}  {lag.TotalSeconds,28:0} s  {stalest.TotalSeconds,24:0} s");
        }

        var minute = metricPolls.Zip(alarmTicks, (m, a) => new Round(m.Wall + a.Wall, m.Cpu + a.Cpu)).ToList();
        Console.WriteLine($"Per one-minute poll over {polls} polls (interval {Interval.TotalSeconds:0} s):");
        Console.WriteLine($"  metric poll incl. ingest: {Spread(metricPolls)}");
        Console.WriteLine($"  alarm evaluation ({alarms.LastCycle.Alarms} alarms): {Spread(alarmTicks)}");
        Console.WriteLine($"  both, back to back: {Spread(minute)}");
        Console.WriteLine($"  fleet poll (its own worker, in parallel in the app): {Spread(fleetPolls)}");
        Console.WriteLine($"  newest stored point behind the clock after each poll: min {lags.Min().TotalSeconds:0} s, max {lags.Max().TotalSeconds:0} s; "
            + $"endpoints in ALARM at most {alarming}");
        Console.WriteLine(late.Count == 0 ? "  every series read as often as its cadence says, no gap"
            : $"  LATE: {late.Count} series reads missed, e.g. {string.Join("; ", late.Take(5))}");
        Console.WriteLine($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576:N0} MB; load average {StorageBench.LoadAverage()}");
        var worst = minute.Max(r => r.Wall);
        return string.Create(CultureInfo.InvariantCulture, $"{name}: {host.Metrics.Series.Count:N0} series; metric poll + alarm evaluation per minute "
            + $"p50 {Percentile(minute, 0.5).Wall.TotalSeconds:0.00} s, p95 {Percentile(minute, 0.95).Wall.TotalSeconds:0.00} s, max {worst.TotalSeconds:0.00} s "
            + $"({worst / Interval:P0} of the interval); fleet poll max {fleetPolls.Max(r => r.Wall).TotalSeconds:0.0} s; backfill {backfill}; "
            + $"newest point at most {lags.Max().TotalSeconds:0} s behind; {(late.Count == 0 ? "no late read" : $"{late.Count} late reads")}");
    }

    /// <summary>One alarm per endpoint, as an operator would set: its first variant's 5XX errors above 5 in 3 of 5 minutes.</summary>
    private static AlarmDefinition FiveXxAlarm(EndpointState endpoint) => new()
    {
        Name = $"{endpoint.Name}-5xx",
        Kind = AlarmKind.Metric,
        Metric = SeriesKey.Create(SageMakerMetrics.InvocationNamespace, SageMakerMetrics.Invocation5XXErrors,
            [KeyValuePair.Create("EndpointName", endpoint.Name), KeyValuePair.Create("VariantName", endpoint.Variants[0].Name)], "Sum",
            SageMakerMetrics.MinutePeriod),
        Period = SageMakerMetrics.MinutePeriod,
        EvaluationPeriods = 5,
        DatapointsToAlarm = 3,
        Threshold = 5,
        Comparison = ComparisonOperator.GreaterThanThreshold,
        TreatMissingData = TreatMissingData.NotBreaching,
    };

    private sealed record Round(TimeSpan Wall, TimeSpan Cpu)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wall.TotalSeconds:0.00} s wall / {Cpu.TotalSeconds:0.00} s CPU");
    }

    /// <summary>Wall time and process CPU (all threads: the in-process simulator answering is counted too) of one round; throws if it failed.</summary>
    private static async Task<Round> MeasureAsync(CostHost host, Func<Task> round)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await round();
        watch.Stop();
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        host.ThrowIfFailing();
        return new Round(watch.Elapsed, used);
    }

    private static string Spread(List<Round> rounds) => string.Create(CultureInfo.InvariantCulture,
        $"wall p50 {Percentile(rounds, 0.5).Wall.TotalSeconds:0.00} s, p95 {Percentile(rounds, 0.95).Wall.TotalSeconds:0.00} s, "
        + $"max {rounds.Max(r => r.Wall).TotalSeconds:0.00} s; CPU p50 {Percentile(rounds, 0.5, cpu: true).Cpu.TotalSeconds:0.00} s, "
        + $"max {rounds.Max(r => r.Cpu).TotalSeconds:0.00} s, total {rounds.Sum(r => r.Cpu.TotalSeconds):0.0} s");

    /// <summary>Nearest rank.</summary>
    private static Round Percentile(List<Round> rounds, double p, bool cpu = false)
    {
        var sorted = rounds.OrderBy(r => cpu ? r.Cpu : r.Wall).ToList();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static int IntOption(IReadOnlyList<string> args, string name, int fallback)
    {
        var at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Minutes(TimeSpan interval) => $"{interval.TotalMinutes:0.#} min";
}
