using System.Security.Cryptography;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.SageMaker;
using Dashboard.Simulator.Scenario;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.S3;

/// <summary>
/// The simulated bucket <c>sagemaker-{region}-{account}</c>, generated from the scenario (nothing is stored). Per
/// endpoint with data capture: its capture files, its ground truth and training data set where it has them, and its
/// Model Monitor reports and baseline where it is monitored (see the sources). Objects are built on demand, as a pure
/// function of their key; their bytes are cached within a memory budget and rebuilt when evicted.
/// </summary>
public sealed class S3Catalog : IDisposable
{
    /// <summary>
    /// How far back hourly files go by default (<c>Simulator:CaptureHistoryDays</c> = 8); <see cref="History"/> is the
    /// configured one.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(new SimulatorOptions().CaptureHistoryDays);

    /// <summary>A monitoring execution writes its reports this long after the top of its hour.</summary>
    public static readonly TimeSpan ReportDelay = TimeSpan.FromMinutes(8);

    public const string ReportsPrefix = "model-monitor/reports/";
    public const string BaselinesPrefix = "model-monitor/baselines/";

    /// <summary>Built objects kept in memory (bytes); more are rebuilt when read again.</summary>
    private const long ContentBudget = 64L * 1024 * 1024;

    private readonly FleetScenario _scenario;
    private readonly SimulatorFaults _faults;
    private readonly SageMakerArns _arns;
    private readonly int _recordsPerHour;
    private readonly Lazy<IS3Source[]> _sources;
    private readonly MemoryCache _contents = new(new MemoryCacheOptions { SizeLimit = ContentBudget });

    // Sizes and ETags of listed objects, so a listing does not rebuild what was evicted; small, but bounded too.
    private readonly MemoryCache _descriptions = new(new MemoryCacheOptions { SizeLimit = 500_000 });

    public S3Catalog(FleetScenario scenario, IOptions<SimulatorOptions> options, SimulatorFaults faults)
    {
        _scenario = scenario;
        _faults = faults;
        var settings = options.Value;
        _arns = new SageMakerArns(settings.Region, settings.AccountId);
        BucketName = BucketOf(settings);
        History = TimeSpan.FromDays(settings.CaptureHistoryDays);
        _recordsPerHour = settings.CaptureRecordsPerHour;
        _sources = new Lazy<IS3Source[]>(CreateSources);
    }

    public string BucketName { get; }

    /// <summary>How far back hourly files go (<c>Simulator:CaptureHistoryDays</c>).</summary>
    public TimeSpan History { get; }

    public static string BucketOf(SimulatorOptions options) => $"sagemaker-{options.Region}-{options.AccountId}";

    /// <summary>
    /// The objects at <paramref name="now"/> whose keys start with <paramref name="prefix"/> and sort after
    /// <paramref name="after"/>, in key order (ordinal, as S3 lists them), generated as the caller reads on.
    /// </summary>
    public IEnumerable<S3Entry> List(string prefix, string after, DateTimeOffset now)
    {
        foreach (var source in _sources.Value)
        {
            if (S3Keys.MayHold(source.Root, prefix, after))
            {
                foreach (var entry in source.List(prefix, after, now))
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>Every object at <paramref name="now"/>, in key order (all of the history: for tests, not for serving).</summary>
    public IReadOnlyList<S3Entry> List(DateTimeOffset now) => [.. List("", "", now)];

    /// <summary>The object with this key, or null when it does not exist at <paramref name="now"/>.</summary>
    public S3Entry? FindEntry(string key, DateTimeOffset now) =>
        _sources.Value.FirstOrDefault(s => key.StartsWith(s.Root, StringComparison.Ordinal))?.Find(key, now);

    /// <summary>The object's bytes, or null when the key does not exist at <paramref name="now"/>.</summary>
    public S3Blob? Find(string key, DateTimeOffset now) => FindEntry(key, now) is { } entry ? Read(entry) : null;

    /// <summary>The bytes of an entry (built, or from the cache) and their ETag.</summary>
    public S3Blob Read(S3Entry entry)
    {
        if (_contents.TryGetValue(entry.CacheKey, out S3Blob? cached) && cached is not null)
        {
            return cached;
        }
        var content = entry.Build();
        var blob = new S3Blob(entry, content, "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"");
        _contents.Set(entry.CacheKey, blob, new MemoryCacheEntryOptions { Size = content.Length + 256 });
        _descriptions.Set(entry.CacheKey, (content.LongLength, blob.ETag), new MemoryCacheEntryOptions { Size = 1 });
        return blob;
    }

    /// <summary>The size and ETag a listing shows, without keeping the bytes when they have been evicted.</summary>
    public (long Size, string ETag) Describe(S3Entry entry)
    {
        if (_descriptions.TryGetValue(entry.CacheKey, out (long Size, string ETag) known))
        {
            return known;
        }
        var blob = Read(entry);
        return (blob.Content.LongLength, blob.ETag);
    }

    /// <summary>The key prefix (no bucket) of an endpoint's capture files: DestinationS3Uri's path, then the endpoint.</summary>
    public string CapturePrefix(string endpointName)
    {
        var uri = _arns.DataCaptureUri(endpointName);
        var path = uri[(uri.IndexOf('/', "s3://".Length) + 1)..];
        return $"{path}/{endpointName}/";
    }

    public static string ReportPrefix(string endpointName, string scheduleName) => $"{ReportsPrefix}{endpointName}/{scheduleName}/";

    public static string BaselinePrefix(string scheduleName) => $"{BaselinesPrefix}{scheduleName}/";

    public static string GroundTruthPrefix(string endpointName) => $"{GroundTruthSource.Prefix}{endpointName}/";

    /// <summary>The drift metric of a feature at an execution hour, as GetMetricData returns it (null: no execution).</summary>
    internal static double? Drift(CaptureRecords records, string feature, DateTimeOffset hour) =>
        records.Scenario.GetValue(records.Endpoint.Name, null, SageMakerMetrics.DriftPrefix + feature, "Average", 3600, hour);

    /// <summary>The capture of an endpoint, for tests and other generators (null without capture).</summary>
    internal CaptureRecords? Records(string endpointName) =>
        _scenario.FindEndpoint(endpointName) is { Capture: not null, DataCaptureSamplingPercent: not null } endpoint
            ? new CaptureRecords(_scenario, endpoint, _recordsPerHour)
            : null;

    private IS3Source[] CreateSources()
    {
        var sources = new List<IS3Source>();
        foreach (var endpoint in _scenario.Endpoints)
        {
            if (Records(endpoint.Name) is not { } records)
            {
                continue;
            }
            sources.Add(new CaptureSource(records, CapturePrefix(endpoint.Name), History, () => _faults.MalformedCaptureEndpoint));
            if (records.Profile.GroundTruth)
            {
                sources.Add(new GroundTruthSource(records, GroundTruthPrefix(endpoint.Name), History));
            }
            if (TrainingDataset.Entry(records) is { } dataset)
            {
                sources.Add(new FixedSource(TrainingDataset.Root(endpoint.Name), [dataset]));
            }
            if (endpoint.Monitor is { } monitor)
            {
                var reports = new S3MonitorReports(records, monitor);
                sources.Add(new MonitorReportsSource(reports, endpoint, ReportPrefix(endpoint.Name, monitor.ScheduleName), History));
                // Baselining ran the day after creation, before the first execution.
                var baselined = SimulatorApp.FloorToHour(endpoint.CreationTime.AddDays(1)).AddMinutes(-30);
                var prefix = BaselinePrefix(monitor.ScheduleName);
                sources.Add(new FixedSource(prefix,
                [
                    new S3Entry(prefix + "statistics.json", baselined, "application/json", reports.BaselineStatistics),
                    new S3Entry(prefix + "constraints.json", baselined, "application/json", reports.BaselineConstraints),
                ]));
            }
        }
        sources.Sort((a, b) => string.CompareOrdinal(a.Root, b.Root));
        return [.. sources];
    }

    public void Dispose()
    {
        _contents.Dispose();
        _descriptions.Dispose();
    }
}
