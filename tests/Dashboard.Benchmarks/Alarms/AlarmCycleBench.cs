using System.Diagnostics;
using System.Globalization;
using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Baselines;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Storage.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Benchmarks.Alarms;

/// <summary>
/// `alarms` mode (issue 4, "Performance"): 5,000 alarms on 250 endpoints (5,000 stored series, two days of history in
/// SQLite) evaluated by the real worker once a minute, a new minute of data written before each cycle. Reports the
/// process CPU time and the wall time of each cycle: reading the alarms, loading their history, evaluating, storing.
/// </summary>
public static class AlarmCycleBench
{
    private const int Endpoints = 250;
    private const int Cycles = 10;

    // The first minutes of a process also pay for the JIT's tiering (its background compiles count as process CPU);
    // a dashboard runs for days, so these are reported but not measured, as BenchmarkDotNet's warm-up would.
    private const int WarmupCycles = 5;
    private const long Minute = 60;

    public static async Task RunAsync()
    {
        var path = BenchStorage.TempPath("alarms");
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(SyntheticFleet.End + 20));
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddDashboardStorage(path)
            .BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(CancellationToken.None);
        var writer = services.GetRequiredService<IMetricWriter>();
        var store = services.GetRequiredService<IAlarmStore>();

        var seeded = Stopwatch.StartNew();
        for (var day = SyntheticFleet.End - 2 * 86_400; day < SyntheticFleet.End; day += 86_400)
        {
            await writer.WriteAsync(WithCoverage(SyntheticFleet.Day(Endpoints, day), day - 86_400, day + 86_400));
        }
        var engineer = new Actor("bench", new HashSet<Role> { Role.Engineer });
        var alarms = Enumerable.Range(0, Endpoints).SelectMany(AlarmsFor).ToList();
        foreach (var alarm in alarms)
        {
            await store.CreateAsync(alarm, engineer);
        }
        Console.WriteLine($"Seeded {Endpoints * SyntheticFleet.SeriesPerEndpoint:N0} series × 2 days and {alarms.Count:N0} alarms " +
            $"({string.Join(", ", alarms.GroupBy(a => a.Kind).Select(g => $"{g.Count():N0} {g.Key}"))}) in {seeded.Elapsed.TotalSeconds:0} s");

        var collector = new AlarmCollector(store,
            new AlarmInputs(services.GetRequiredService<IMetricQueries>(), services.GetRequiredService<ICoverageQueries>(), new BaselineOptions()),
            services.GetRequiredService<IMuteWindowStore>(), new CountingNotifier(), new LiveStore(clock), clock,
            Options.Create(new AlarmOptions()), NullLogger<AlarmCollector>.Instance);

        var cpu = new List<double>();
        var wall = new List<double>();
        for (var cycle = 0; cycle <= WarmupCycles + Cycles; cycle++)
        {
            var minute = SyntheticFleet.End + cycle * Minute;
            await writer.WriteAsync(WithCoverage(NextMinute(minute), SyntheticFleet.End - 2 * 86_400, minute + Minute));
            clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(minute + Minute + 20));

            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var timer = Stopwatch.StartNew();
            await collector.RunOnceAsync(CancellationToken.None);
            timer.Stop();
            process.Refresh();
            var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            Console.WriteLine($"cycle {cycle,2}{(cycle == 0 ? " (first: every alarm new)" : cycle <= WarmupCycles ? " (warm-up)" : "")}: " +
                $"{collector.LastCycle.Alarms:N0} alarms, CPU {cpuMs:N0} ms, wall {timer.Elapsed.TotalMilliseconds:N0} ms");
            if (cycle > WarmupCycles)
            {
                cpu.Add(cpuMs);
                wall.Add(timer.Elapsed.TotalMilliseconds);
            }
        }
        cpu.Sort();
        wall.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Steady state over {Cycles} cycles after {WarmupCycles} of warm-up: CPU median {cpu[Cycles / 2]:N0} ms, max {cpu[^1]:N0} ms; wall median {wall[Cycles / 2]:N0} ms, max {wall[^1]:N0} ms (target: ≤ 1,000 ms CPU)"));
        var states = (await store.ListAsync()).GroupBy(e => e.Status.State).Select(g => $"{g.Count():N0} {g.Key.ToWire()}");
        Console.WriteLine($"States after the run: {string.Join(", ", states)}");
        await services.DisposeAsync();
        File.Delete(path);
    }

    private static List<SeriesPoints> WithCoverage(List<SeriesPoints> batch, long from, long to) =>
        batch.Select(s => s with { Coverage = new FetchedRange(from, to) }).ToList();

    private static List<SeriesPoints> NextMinute(long minute)
    {
        var batch = new List<SeriesPoints>();
        for (var e = 0; e < Endpoints; e++)
        {
            for (var m = 0; m < SyntheticFleet.SeriesPerEndpoint; m++)
            {
                batch.Add(new SeriesPoints(SyntheticFleet.Key(e, m), SyntheticFleet.Points(e, m, minute, minute + Minute)));
            }
        }
        return batch;
    }

    /// <summary>Twenty alarms per endpoint, every kind the dashboard evaluates, on the synthetic fleet's series.</summary>
    private static IEnumerable<AlarmDefinition> AlarmsFor(int endpoint)
    {
        SeriesKey Key(string metric, string stat) =>
            Enumerable.Range(0, SyntheticFleet.SeriesPerEndpoint).Select(m => SyntheticFleet.Key(endpoint, m))
                .First(k => k.MetricName == metric && k.Stat == stat);
        AlarmDefinition Metric(string suffix, SeriesKey key, double threshold, int n = 5, int m = 3, int period = 60,
            TreatMissingData treat = TreatMissingData.Missing, ComparisonOperator comparison = ComparisonOperator.GreaterThanThreshold) => new()
            {
                Name = $"{SyntheticFleet.EndpointName(endpoint)}-{suffix}",
                Kind = AlarmKind.Metric,
                Metric = key with { Period = period },
                Period = period,
                EvaluationPeriods = n,
                DatapointsToAlarm = m,
                Threshold = threshold,
                Comparison = comparison,
                TreatMissingData = treat,
            };

        yield return Metric("latency-p90", Key("ModelLatency", "p90"), 70_000);
        yield return Metric("latency-p99", Key("ModelLatency", "p99"), 120_000, 5, 5) with { EvaluateLowSampleCountPercentile = false };
        yield return Metric("latency-avg", Key("ModelLatency", "Average"), 60_000, 10, 8);
        yield return Metric("latency-p50", Key("ModelLatency", "p50"), 50_000, 3, 3, treat: TreatMissingData.NotBreaching);
        yield return Metric("overhead-p99", Key("OverheadLatency", "p99"), 6_000, 5, 2);
        yield return Metric("overhead-avg", Key("OverheadLatency", "Average"), 2_500, 15, 10, treat: TreatMissingData.Ignore);
        yield return Metric("cpu", Key("CPUUtilization", "Average"), 80, 15, 15);
        yield return Metric("cpu-max", Key("CPUUtilization", "Maximum"), 95, 5, 5, period: 300);
        yield return Metric("memory", Key("MemoryUtilization", "Average"), 85, 5, 5);
        yield return Metric("gpu", Key("GPUUtilization", "Average"), 90, 10, 10);
        yield return Metric("gpu-memory", Key("GPUMemoryUtilization", "Average"), 90, 5, 5);
        yield return Metric("disk", Key("DiskUtilization", "Average"), 80, 5, 5, treat: TreatMissingData.Breaching);
        yield return Metric("4xx-5m", Key("Invocation4XXErrors", "Sum"), 30, 3, 2, period: 300);
        yield return Metric("5xx", Key("Invocation5XXErrors", "Sum"), 5, 5, 3, treat: TreatMissingData.NotBreaching);
        yield return Metric("traffic-low", Key("Invocations", "Sum"), 100, 10, 10, comparison: ComparisonOperator.LessThanThreshold);
        yield return Metric("traffic-hour", Key("Invocations", "Sum"), 10_000, 1, 1, period: 3600, comparison: ComparisonOperator.LessThanThreshold);
        yield return Metric("per-instance", Key("InvocationsPerInstance", "Sum"), 900, 5, 4);
        yield return new AlarmDefinition
        {
            Name = $"{SyntheticFleet.EndpointName(endpoint)}-5xx-rate",
            Kind = AlarmKind.MetricMath,
            Metrics = [new AlarmMetric("e", Key("Invocation5XXErrors", "Sum")), new AlarmMetric("i", Key("Invocations", "Sum"))],
            Expression = "100 * e / i",
            EvaluationPeriods = 5,
            DatapointsToAlarm = 3,
            Threshold = 1,
            TreatMissingData = TreatMissingData.NotBreaching,
        };
        yield return new AlarmDefinition
        {
            Name = $"{SyntheticFleet.EndpointName(endpoint)}-latency-anomaly",
            Kind = AlarmKind.AnomalyDetection,
            Metric = Key("ModelLatency", "Average"),
            EvaluationPeriods = 5,
            DatapointsToAlarm = 5,
            BandWidth = 3,
            Comparison = ComparisonOperator.LessThanLowerOrGreaterThanUpperThreshold,
        };
        yield return new AlarmDefinition
        {
            Name = $"{SyntheticFleet.EndpointName(endpoint)}-page",
            Kind = AlarmKind.Composite,
            AlarmRule = $"ALARM(\"{SyntheticFleet.EndpointName(endpoint)}-latency-p90\") AND ALARM(\"{SyntheticFleet.EndpointName(endpoint)}-5xx-rate\")",
        };
    }
}
