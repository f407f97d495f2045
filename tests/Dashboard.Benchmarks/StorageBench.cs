using System.Diagnostics;
using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;

namespace Dashboard.Benchmarks;

/// <summary>
/// `bench` mode: seeds temp databases and prints the three storage figures (ingest rate and its ratio to a plain
/// row-per-point insert, 30-day chart read p50/p95, bytes per point) in one run of about a minute or two.
/// </summary>
public static class StorageBench
{
    public static async Task RunAsync(BenchSettings settings)
    {
        Console.WriteLine($"settings: {settings}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average at start: {LoadAverage()}, server GC: {System.Runtime.GCSettings.IsServerGC}");
        Codec();
        await IngestAsync(settings);
        await ReadAndSizeAsync(settings);
        await EncodingSizesAsync(settings);
    }

    private static void Codec()
    {
        Console.WriteLine();
        Console.WriteLine("## Codec: one UTC day (1,440 points) of each of the 20 metric shapes of one endpoint");
        var days = Enumerable.Range(0, SyntheticFleet.SeriesPerEndpoint)
            .Select(m => SyntheticFleet.Points(0, m, SyntheticFleet.End - 86_400, SyntheticFleet.End)).ToArray();
        var start = SyntheticFleet.End - 86_400;
        Console.WriteLine("| encoding | bytes/point | encode µs/chunk | decode µs/chunk |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var encoding in Enum.GetValues<ChunkEncoding>())
        {
            var payloads = days.Select(d => ChunkCodec.Encode(d, start, encoding)).ToArray();
            var bytes = payloads.Sum(p => (long)p.Length);
            const int rounds = 200;
            for (var r = 0; r < rounds; r++)
            {
                // Warm-up, so tiered JIT has promoted the loops before they are timed.
                ChunkCodec.Decode(ChunkCodec.Encode(days[r % days.Length], start, encoding), start);
            }
            var encode = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var day in days)
                {
                    ChunkCodec.Encode(day, start, encoding);
                }
            }
            encode.Stop();
            var decode = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var payload in payloads)
                {
                    ChunkCodec.Decode(payload, start);
                }
            }
            decode.Stop();
            var chunks = rounds * days.Length;
            Console.WriteLine($"| {encoding} | {bytes / (double)(days.Length * 1440):F2} | {encode.Elapsed.TotalMicroseconds / chunks:F0} | {decode.Elapsed.TotalMicroseconds / chunks:F0} |");
        }
        TierCodec(days, start);
        DayRollupCost(days, start);
    }

    /// <summary>What a writer adds per (series, day) it rewrites: aggregating the day into both tiers and encoding them.</summary>
    private static void DayRollupCost(MetricPoint[][] days, long start)
    {
        const int rounds = 200;
        for (var r = 0; r < rounds; r++)
        {
            DayRollups.For(days[r % days.Length], start, ChunkEncoding.Brotli);
        }
        var aggregate = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var day in days)
            {
                Rollups.Aggregate(day, Rollups.QuarterHour);
                Rollups.Aggregate(day, Rollups.Hour);
            }
        }
        aggregate.Stop();
        var all = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var day in days)
            {
                DayRollups.For(day, start, ChunkEncoding.Brotli);
            }
        }
        all.Stop();
        var calls = rounds * days.Length;
        Console.WriteLine($"DayRollups.For per (series, day): {all.Elapsed.TotalMicroseconds / calls:F0} µs, of which aggregating both tiers " +
            $"{aggregate.Elapsed.TotalMicroseconds / calls:F0} µs (the chunk's own Brotli encode is in the table above)");
    }

    /// <summary>The same days' quarter-hour tier rows (96 buckets each): what a 30-day chart decodes instead of the minutes.</summary>
    private static void TierCodec(MetricPoint[][] days, long start)
    {
        Console.WriteLine("| quarter-hour tier row, encoding | bytes/bucket | encode µs/row | decode µs/row |");
        Console.WriteLine("|---|---|---|---|");
        var buckets = days.Select(d => Rollups.Aggregate(d, Rollups.QuarterHour)).ToArray();
        foreach (var encoding in Enum.GetValues<ChunkEncoding>())
        {
            var payloads = buckets.Select(b => RollupCodec.Encode(b, start, Rollups.QuarterHour, encoding)).ToArray();
            const int rounds = 200;
            var destination = new RollupPoint[buckets.Max(b => b.Length)];
            for (var r = 0; r < rounds; r++)
            {
                RollupCodec.DecodeInto(payloads[r % payloads.Length], start, Rollups.QuarterHour, destination.AsSpan(0, buckets[r % payloads.Length].Length));
            }
            var encode = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++)
            {
                foreach (var b in buckets)
                {
                    RollupCodec.Encode(b, start, Rollups.QuarterHour, encoding);
                }
            }
            encode.Stop();
            var decode = Stopwatch.StartNew();
            for (var r = 0; r < rounds; r++)
            {
                for (var i = 0; i < payloads.Length; i++)
                {
                    RollupCodec.DecodeInto(payloads[i], start, Rollups.QuarterHour, destination.AsSpan(0, buckets[i].Length));
                }
            }
            decode.Stop();
            var rows = rounds * payloads.Length;
            Console.WriteLine($"| {encoding} | {payloads.Sum(p => (long)p.Length) / (double)buckets.Sum(b => b.Length):F2} | " +
                $"{encode.Elapsed.TotalMicroseconds / rows:F0} | {decode.Elapsed.TotalMicroseconds / rows:F0} |");
        }
    }

    private static async Task IngestAsync(BenchSettings settings)
    {
        var endpoints = settings.IngestSeries / SyntheticFleet.SeriesPerEndpoint;
        var firstDay = SyntheticFleet.End - settings.IngestDays * 86_400L;
        var pages = Enumerable.Range(0, settings.IngestDays).Select(d => SyntheticFleet.Day(endpoints, firstDay + d * 86_400L)).ToList();
        var points = pages.Sum(p => p.Sum(s => s.Points.Count));
        var polls = Enumerable.Range(0, settings.Polls).Select(i => Poll(endpoints, SyntheticFleet.End + i * 300L)).ToList();
        var pollPoints = polls.Sum(p => p.Sum(s => s.Points.Count));

        Console.WriteLine();
        Console.WriteLine($"## Ingest: backfill of {endpoints * SyntheticFleet.SeriesPerEndpoint} series × {settings.IngestDays} days " +
            $"({points:N0} points, one WriteAsync per day), then {settings.Polls} live polls of 5 points × each series");
        Console.WriteLine("| round | chunked writer pts/s | row-per-point INSERT pts/s | ratio | writer poll p50/p95 ms | rows poll p50/p95 ms | writer CPU µs/1,000 pts backfill / poll |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var chunkedPath = BenchStorage.TempPath("ingest");
            var rowsPath = BenchStorage.TempPath("rows");
            try
            {
                double chunkedRate, rowsRate, backfillCpu, pollCpu;
                List<double> chunkedPolls, rowsPolls;
                await using (var storage = await BenchStorage.CreateAsync(chunkedPath))
                {
                    // Process CPU time is what contention on a shared box disturbs least.
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    foreach (var page in pages)
                    {
                        await storage.Writer.WriteAsync(page);
                    }
                    chunkedRate = points / watch.Elapsed.TotalSeconds;
                    backfillCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (points / 1000.0);
                    cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    chunkedPolls = [];
                    foreach (var poll in polls)
                    {
                        var one = Stopwatch.StartNew();
                        await storage.Writer.WriteAsync(poll);
                        chunkedPolls.Add(one.Elapsed.TotalMilliseconds);
                    }
                    pollCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (pollPoints / 1000.0);
                }
                using (var rows = new RowPerPointBaseline(rowsPath))
                {
                    var watch = Stopwatch.StartNew();
                    foreach (var page in pages)
                    {
                        rows.Write(page);
                    }
                    rowsRate = points / watch.Elapsed.TotalSeconds;
                    rowsPolls = [];
                    foreach (var poll in polls)
                    {
                        var one = Stopwatch.StartNew();
                        rows.Write(poll);
                        rowsPolls.Add(one.Elapsed.TotalMilliseconds);
                    }
                }
                Console.WriteLine($"| {round} | {chunkedRate:N0} | {rowsRate:N0} | {chunkedRate / rowsRate:F2}× | " +
                    $"{Percentile(chunkedPolls, 50):F1} / {Percentile(chunkedPolls, 95):F1} | {Percentile(rowsPolls, 50):F1} / {Percentile(rowsPolls, 95):F1} | " +
                    $"{backfillCpu:F0} / {pollCpu:F0} |");
            }
            finally
            {
                BenchStorage.Delete(chunkedPath);
                BenchStorage.Delete(rowsPath);
            }
        }
        Console.WriteLine($"(live polls: {pollPoints / Math.Max(1, polls.Count):N0} points per WriteAsync)");
    }

    private static async Task ReadAndSizeAsync(BenchSettings settings)
    {
        var path = BenchStorage.TempPath("chart");
        try
        {
            await using var storage = await BenchStorage.CreateAsync(path);
            var series = settings.Endpoints * SyntheticFleet.SeriesPerEndpoint;
            Console.WriteLine();
            Console.WriteLine($"## Chart read: {settings.Endpoints} endpoints × {SyntheticFleet.SeriesPerEndpoint} series × {settings.Days} days of 1-minute data");
            long stored = 0;
            var seed = Stopwatch.StartNew();
            for (var d = settings.Days; d >= 1; d--)
            {
                var page = SyntheticFleet.Day(settings.Endpoints, SyntheticFleet.End - d * 86_400L);
                stored += page.Sum(p => p.Points.Count);
                await storage.Writer.WriteAsync(page);
            }
            Console.WriteLine($"seeded {stored:N0} points into {series} series in {seed.Elapsed.TotalSeconds:F1} s " +
                $"(incl. generating the data: {stored / seed.Elapsed.TotalSeconds:N0} pts/s)");

            var timings = new[]
            {
                await ChartReadTiming.MeasureAsync(storage, settings, 1500, forceMinutes: true),
                await ChartReadTiming.MeasureAsync(storage, settings, 1500, forceMinutes: false),
                await ChartReadTiming.MeasureAsync(storage, settings, 700, forceMinutes: false),
            };
            Console.WriteLine($"one chart = ListSeriesAsync + ReadAsync (minutes) or ReadTierAsync (the tier Rollups.StepFor picks) of " +
                $"{SyntheticFleet.SeriesPerEndpoint} series + LTTB to the chart's width each, {settings.Iterations} runs after {settings.Warmup} warm-up; " +
                $"load average at the end: {LoadAverage()}");
            Console.WriteLine("| read | chart width | points read | list + read p50 / p95 ms | whole chart p50 ms | whole chart p95 ms | p99 ms | max ms | CPU ms/chart | gen2 GCs |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var t in timings)
            {
                Console.WriteLine($"| {t.Label} | {t.Width:N0} | {t.PointsRead:N0} | {Percentile(t.ReadOnly, 50):F1} / {Percentile(t.ReadOnly, 95):F1} | " +
                    $"{Percentile(t.Whole, 50):F1} | {Percentile(t.Whole, 95):F1} | {Percentile(t.Whole, 99):F1} | {t.Whole.Max():F1} | {t.CpuMs:F1} | {t.Gen2} |");
            }
            Console.WriteLine($"tier rows: {BenchStorage.PayloadBytes(path, "SeriesRollups"):N0} payload bytes beside {BenchStorage.PayloadBytes(path, "SeriesChunks"):N0} of minute chunks");

            await storage.DisposeAsync();
            var size = BenchStorage.VacuumedSize(path);
            Console.WriteLine();
            Console.WriteLine($"## Size: {size:N0} bytes after VACUUM for {stored:N0} points = {size / (double)stored:F2} bytes/point (Brotli chunks, the default; whole database)");
        }
        finally
        {
            BenchStorage.Delete(path);
        }
    }

    private static async Task EncodingSizesAsync(BenchSettings settings)
    {
        Console.WriteLine();
        Console.WriteLine($"## Bytes/point on disk by layout: 1 endpoint × {SyntheticFleet.SeriesPerEndpoint} series × {settings.Days} days, after VACUUM");
        Console.WriteLine("| layout | bytes/point |");
        Console.WriteLine("|---|---|");
        var pages = Enumerable.Range(1, settings.Days).Select(d => SyntheticFleet.Day(1, SyntheticFleet.End - d * 86_400L)).ToList();
        long points = pages.Sum(p => p.Sum(s => s.Points.Count));
        foreach (var encoding in Enum.GetValues<ChunkEncoding>())
        {
            var path = BenchStorage.TempPath($"size-{encoding}");
            try
            {
                await using (var storage = await BenchStorage.CreateAsync(path, encoding))
                {
                    foreach (var page in pages)
                    {
                        await storage.Writer.WriteAsync(page);
                    }
                }
                Console.WriteLine($"| daily chunks, {encoding} | {BenchStorage.VacuumedSize(path) / (double)points:F2} |");
            }
            finally
            {
                BenchStorage.Delete(path);
            }
        }
        var rowsPath = BenchStorage.TempPath("size-rows");
        try
        {
            using (var rows = new RowPerPointBaseline(rowsPath))
            {
                foreach (var page in pages)
                {
                    rows.Write(page);
                }
            }
            Console.WriteLine($"| row per point (SeriesId, Time, Value) WITHOUT ROWID | {BenchStorage.VacuumedSize(rowsPath) / (double)points:F2} |");
        }
        finally
        {
            BenchStorage.Delete(rowsPath);
        }
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static List<SeriesPoints> Poll(int endpoints, long pollStart)
    {
        var batch = new List<SeriesPoints>();
        for (var e = 0; e < endpoints; e++)
        {
            for (var m = 0; m < SyntheticFleet.SeriesPerEndpoint; m++)
            {
                batch.Add(new SeriesPoints(SyntheticFleet.Key(e, m), SyntheticFleet.Points(e, m, pollStart, pollStart + 300)));
            }
        }
        return batch;
    }

    internal static double Percentile(List<double> samples, double percentile)
    {
        var sorted = samples.Order().ToArray();
        var rank = percentile / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
