using System.Diagnostics;
using Dashboard.Core.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// `postgres` mode: the storage figures of issue 15 on PostgreSQL (<see cref="BenchPostgres"/>): the backfill ingest rate
/// through PostgresMetricWriter (binary COPY), and the 30-day chart read on SQLite and PostgreSQL in the same run,
/// interleaved chart by chart so both see the same load, with the ratio of their p95s.
/// </summary>
public static class PostgresBench
{
    public static async Task RunAsync(BenchSettings settings)
    {
        Console.WriteLine($"settings: {settings}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {StorageBench.LoadAverage()}, server GC: {System.Runtime.GCSettings.IsServerGC}");
        await IngestAsync(settings);
        await ChartReadAsync(settings);
    }

    private static async Task IngestAsync(BenchSettings settings)
    {
        var endpoints = settings.IngestSeries / SyntheticFleet.SeriesPerEndpoint;
        var firstDay = SyntheticFleet.End - settings.IngestDays * 86_400L;
        var pages = Enumerable.Range(0, settings.IngestDays).Select(d => SyntheticFleet.Day(endpoints, firstDay + d * 86_400L)).ToList();
        var points = pages.Sum(p => p.Sum(s => s.Points.Count));
        Console.WriteLine();
        Console.WriteLine($"## Ingest into PostgreSQL: backfill of {endpoints * SyntheticFleet.SeriesPerEndpoint} series × {settings.IngestDays} days " +
            $"({points:N0} points, one WriteAsync per day), then the same days again (merged into the stored chunks)");
        Console.WriteLine("| round | new days pts/s | rewritten days pts/s |");
        Console.WriteLine("|---|---|---|");
        for (var round = 1; round <= settings.Rounds; round++)
        {
            await using var database = await BenchPostgres.CreateAsync("ingest");
            await using var storage = await BenchStorage.CreateAsync(database.Storage);
            var watch = Stopwatch.StartNew();
            foreach (var page in pages)
            {
                await storage.Writer.WriteAsync(page);
            }
            var fresh = points / watch.Elapsed.TotalSeconds;
            watch.Restart();
            foreach (var page in pages)
            {
                await storage.Writer.WriteAsync(page);
            }
            var again = points / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"| {round} | {fresh:N0} | {again:N0} |");
        }
    }

    private static async Task ChartReadAsync(BenchSettings settings)
    {
        var path = BenchStorage.TempPath("chart");
        await using var database = await BenchPostgres.CreateAsync("chart");
        try
        {
            await using var sqlite = await BenchStorage.CreateAsync(path);
            await using var postgres = await BenchStorage.CreateAsync(database.Storage);
            Console.WriteLine();
            Console.WriteLine($"## Chart read, SQLite and PostgreSQL in one run: {settings.Endpoints} endpoints × {SyntheticFleet.SeriesPerEndpoint} series × {settings.Days} days of 1-minute data");
            long stored = 0;
            var seedSqlite = TimeSpan.Zero;
            var seedPostgres = TimeSpan.Zero;
            for (var d = settings.Days; d >= 1; d--)
            {
                var page = SyntheticFleet.Day(settings.Endpoints, SyntheticFleet.End - d * 86_400L);
                stored += page.Sum(p => p.Points.Count);
                var watch = Stopwatch.StartNew();
                await sqlite.Writer.WriteAsync(page);
                seedSqlite += watch.Elapsed;
                watch.Restart();
                await postgres.Writer.WriteAsync(page);
                seedPostgres += watch.Elapsed;
            }
            Console.WriteLine($"seeded {stored:N0} points into each: SQLite {stored / seedSqlite.TotalSeconds:N0} pts/s, PostgreSQL {stored / seedPostgres.TotalSeconds:N0} pts/s");

            var from = SyntheticFleet.End - settings.Days * 86_400L;
            // What the endpoint page reads for this range: the tier that still fills a 1,500-point chart.
            var step = Rollups.StepFor(from, SyntheticFleet.End, 1500);
            var expected = SyntheticFleet.SeriesPerEndpoint * settings.Days * (86_400 / step);
            var samples = new Dictionary<string, List<double>> { ["SQLite"] = [], ["PostgreSQL"] = [] };
            for (var i = -settings.Warmup; i < settings.Iterations; i++)
            {
                var endpoint = SyntheticFleet.EndpointName((i + settings.Endpoints * 10) % settings.Endpoints);
                foreach (var (name, storage) in new[] { ("SQLite", sqlite), ("PostgreSQL", postgres) })
                {
                    var watch = Stopwatch.StartNew();
                    var keys = await storage.Queries.ListSeriesAsync(endpoint);
                    var tiers = await storage.Queries.ReadTierAsync(keys, from, SyntheticFleet.End, step);
                    var charted = tiers.Values.Select(buckets => Lttb.Downsample(buckets.Select(b => b.ToMean()).ToArray(), 1500)).ToList();
                    watch.Stop();
                    if (charted.Count != SyntheticFleet.SeriesPerEndpoint || tiers.Values.Sum(p => p.Count) != expected)
                    {
                        throw new InvalidOperationException($"The chart read on {name} returned the wrong shape.");
                    }
                    if (i >= 0)
                    {
                        samples[name].Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }
            Console.WriteLine($"one chart = ListSeriesAsync + ReadTierAsync ({step / 60}-minute tier, {expected:N0} buckets) of {SyntheticFleet.SeriesPerEndpoint} series + LTTB to 1,500 each; " +
                $"{settings.Iterations} runs each after {settings.Warmup} warm-up, alternating; load average at the end: {StorageBench.LoadAverage()}");
            Console.WriteLine("| provider | p50 ms | p95 ms | p99 ms | max ms |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var (name, list) in samples)
            {
                Console.WriteLine($"| {name} | {StorageBench.Percentile(list, 50):F1} | {StorageBench.Percentile(list, 95):F1} | {StorageBench.Percentile(list, 99):F1} | {list.Max():F1} |");
            }
            Console.WriteLine($"PostgreSQL p95 / SQLite p95 = {StorageBench.Percentile(samples["PostgreSQL"], 95) / StorageBench.Percentile(samples["SQLite"], 95):F2}× (goal ≤ 1.5×)");
        }
        finally
        {
            BenchStorage.Delete(path);
        }
    }
}
