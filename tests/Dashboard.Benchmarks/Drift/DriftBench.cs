using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.Monitor;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.S3;
using Dashboard.Storage.Startup;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Benchmarks.Drift;

/// <summary>
/// The drift figures: records parsed and summarised per second (10 numeric + 5 categorical features, JSON and
/// CSV capture), bytes per stored feature-hour, and the drift tab's query over 30 days × 15 features from SQLite.
/// </summary>
public static class DriftBench
{
    private const int Files = 60;
    private const int RecordsPerFile = 1000;
    private const int Numeric = 10;
    private const int Categorical = 5;
    private const int Days = 30;
    private const int Runs = 40;
    private const int ParseRounds = 5;
    private static readonly DateTimeOffset End = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync()
    {
        Parse("JSON", Enumerable.Range(0, Files).Select(f => CaptureFile(f, json: true)).ToList());
        Parse("CSV", Enumerable.Range(0, Files).Select(f => CaptureFile(f, json: false)).ToList());
        var hour = CaptureFileReader.Read(CaptureFile(0, json: true), End);
        var sizes = hour.Hours.Values.SelectMany(h => h.Inputs.Values.Append(h.Output)).Select(s => SummaryCodec.Encode(s).Length).ToList();
        Console.WriteLine($"summary bytes per feature-hour ({RecordsPerFile:N0} records): max {sizes.Max()}, mean {sizes.Average():F0}");
        await QueryAsync();
    }

    private static void Parse(string format, List<byte[]> files)
    {
        foreach (var file in files.Take(5))
        {
            CaptureFileReader.Read(file, End);
        }
        // The best and the median of a few rounds: the machine is shared, and the best round is the least disturbed.
        var rates = new List<double>();
        long records = 0, allocated = 0;
        for (var round = 0; round < ParseRounds; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            records = 0;
            foreach (var file in files)
            {
                records += CaptureFileReader.Read(file, End).Records;
            }
            watch.Stop();
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            rates.Add(records / watch.Elapsed.TotalSeconds);
        }
        rates.Sort();
        Console.WriteLine($"parse+summarise {format}: best {rates[^1]:N0} records/s, median {rates[ParseRounds / 2]:N0} ({ParseRounds} rounds of {records:N0} records, " +
            $"{allocated / (double)records:N0} bytes allocated per record)");
    }

    private static async Task QueryAsync()
    {
        var path = BenchStorage.TempPath("drift");
        var time = new FixedClock(End);
        var services = new ServiceCollection().AddDashboardStorage(path).AddSingleton<TimeProvider>(time).AddSingleton(new LiveStore(time))
            .AddSingleton<Dashboard.Core.SageMaker.ISageMakerClient>(new FakeSageMakerClient()).AddSingleton<IS3ObjectClient, NoS3>()
            .AddSingleton(Options.Create(new DriftOptions { RetentionDays = 60 })).AddSingleton<MonitorBaselines>().AddSingleton<DriftBaselines>()
            .AddSingleton<DriftReadBoard>().AddSingleton<DriftQueries>().BuildServiceProvider();
        await services.InitializeDashboardStorageAsync(CancellationToken.None);
        var store = services.GetRequiredService<IDriftStore>();
        var writer = services.GetRequiredService<Dashboard.Core.Storage.IMetricWriter>();
        var start = End.AddDays(-Days);
        for (var h = 0; h < Days * 24; h++)
        {
            var at = start.AddHours(h);
            await store.SaveCaptureFileAsync("ep", "AllTraffic", $"cap/{h}.jsonl", at.ToUnixTimeSeconds(), CaptureFileReader.Read(CaptureFile(h, json: true, at), at),
                keepPredictions: false);
        }
        var series = Enumerable.Range(0, Numeric + Categorical).Select(i => new SeriesPoints(DriftSeries.Drift("ep", Feature(i)),
            Enumerable.Range(0, Days * 24).Select(h => new MetricPoint(start.AddHours(h).ToUnixTimeSeconds(), 0.05 + i * 0.01)).ToList())).ToList();
        await writer.WriteAsync(series);
        var queries = services.GetRequiredService<DriftQueries>();
        var overview = await queries.LoadAsync("ep", CancellationToken.None, Days);
        var times = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            var watch = Stopwatch.StartNew();
            overview = await queries.LoadAsync("ep", CancellationToken.None, Days);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"drift tab query, {Days} days × {overview.Features.Count} features ({overview.Features.Sum(f => f.Trend.Count):N0} scores): " +
            $"p50 {times[Runs / 2]:F1} ms, p95 {times[(int)(Runs * 0.95)]:F1} ms");
        await services.DisposeAsync();
        File.Delete(path);
    }

    private static string Feature(int i) => i < Numeric ? $"num_{i}" : $"cat_{i - Numeric}";

    private static byte[] CaptureFile(int seed, bool json, DateTimeOffset? hour = null)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        var time = (hour ?? End).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string[] categories = ["web", "branch", "mobile", "partner", "phone"];
        for (var r = 0; r < RecordsPerFile; r++)
        {
            var numbers = Enumerable.Range(0, Numeric).Select(i => Math.Round(random.NextDouble() * (i + 1) * 100, 3).ToString(CultureInfo.InvariantCulture)).ToList();
            var labels = Enumerable.Range(0, Categorical).Select(_ => categories[random.Next(categories.Length)]).ToList();
            var data = json
                ? "{" + string.Join(',', numbers.Select((n, i) => $"\"{Feature(i)}\":{n}").Concat(labels.Select((c, i) => $"\"{Feature(Numeric + i)}\":\"{c}\""))) + "}"
                : string.Join(',', numbers.Concat(labels));
            var input = JsonSerializer.Serialize(data);
            var type = json ? "application/json" : "text/csv";
            var encoding = json ? "JSON" : "CSV";
            var score = random.NextDouble().ToString("F4", CultureInfo.InvariantCulture);
            text.Append($$$"""
                {"captureData":{"endpointInput":{"observedContentType":"{{{type}}}","mode":"INPUT","data":{{{input}}},"encoding":"{{{encoding}}}"},"endpointOutput":{"observedContentType":"text/csv","mode":"OUTPUT","data":"{{{score}}}","encoding":"CSV"}},"eventMetadata":{"eventId":"{{{seed}}}-{{{r}}}","inferenceTime":"{{{time}}}"},"eventVersion":"0"}
                """).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class NoS3 : IS3ObjectClient
    {
        public Task<S3ObjectPage> ListObjectsAsync(S3ListRequest request, CancellationToken cancellationToken = default) => Task.FromResult(new S3ObjectPage([], [], false));

        public Task<S3ObjectContent> GetObjectAsync(S3GetObjectRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The bench reads no S3.");
    }
}
