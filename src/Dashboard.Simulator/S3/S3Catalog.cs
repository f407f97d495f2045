using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.SageMaker;
using Dashboard.Simulator.Scenario;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.S3;

/// <summary>One object of the simulated bucket: its key and date, and how to build its bytes (on first read).</summary>
public sealed record S3Entry(string Key, DateTimeOffset LastModified, string ContentType, Func<byte[]> Build);

/// <summary>An object's bytes with the quoted MD5 ETag AWSSDK.S3 checks the body against.</summary>
public sealed record S3Blob(S3Entry Entry, byte[] Content, string ETag);

/// <summary>
/// The simulated bucket <c>sagemaker-{region}-{account}</c>, generated from the scenario (nothing is stored): for every
/// endpoint with data capture, one JSONL capture file per variant and hour under
/// <c>{DestinationS3Uri path}/{endpoint}/{variant}/yyyy/MM/dd/HH/</c>; for every monitored endpoint, the hourly data-quality
/// reports under <c>model-monitor/reports/{endpoint}/{schedule}/yyyy/MM/dd/HH/</c> and the baseline under
/// <c>model-monitor/baselines/{schedule}/</c>. Only the last <see cref="Window"/> of hourly files exists.
/// </summary>
public sealed class S3Catalog
{
    /// <summary>How far back hourly files go.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>A capture file lands this long after its hour ends.</summary>
    public static readonly TimeSpan CaptureDelivery = TimeSpan.FromSeconds(90);

    /// <summary>A monitoring execution writes its reports this long after the top of its hour.</summary>
    public static readonly TimeSpan ReportDelay = TimeSpan.FromMinutes(8);

    public const string ReportsPrefix = "model-monitor/reports/";
    public const string BaselinesPrefix = "model-monitor/baselines/";

    private readonly FleetScenario _scenario;
    private readonly SageMakerArns _arns;
    private readonly ConcurrentDictionary<string, S3Blob> _blobs = new(StringComparer.Ordinal);

    public S3Catalog(FleetScenario scenario, IOptions<SimulatorOptions> options)
    {
        _scenario = scenario;
        _arns = new SageMakerArns(options.Value.Region, options.Value.AccountId);
        BucketName = $"sagemaker-{options.Value.Region}-{options.Value.AccountId}";
    }

    public string BucketName { get; }

    /// <summary>The bucket's objects at <paramref name="now"/>, sorted by key (ordinal, as S3 lists them).</summary>
    public IReadOnlyList<S3Entry> List(DateTimeOffset now)
    {
        var entries = new List<S3Entry>();
        var lastHour = SimulatorApp.FloorToHour(now);
        var firstHour = lastHour - Window;
        foreach (var endpoint in _scenario.Endpoints)
        {
            if (endpoint.DataCaptureSamplingPercent is not null)
            {
                AddCapture(endpoint, firstHour, lastHour, now, entries);
            }
            if (endpoint.Monitor is { } monitor)
            {
                AddReports(endpoint, monitor, firstHour, lastHour, now, entries);
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    /// <summary>The object's bytes, or null when the key does not exist at <paramref name="now"/>.</summary>
    public S3Blob? Find(string key, DateTimeOffset now)
    {
        var entry = List(now).FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.Ordinal));
        return entry is null ? null : Read(entry);
    }

    /// <summary>The bytes of a listed entry (built once; the content is a pure function of the key).</summary>
    public S3Blob Read(S3Entry entry) => _blobs.GetOrAdd(entry.Key, _ =>
    {
        var content = entry.Build();
        return new S3Blob(entry, content, "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"");
    });

    /// <summary>The key prefix (no bucket) of an endpoint's capture files: DestinationS3Uri's path, then the endpoint.</summary>
    public string CapturePrefix(string endpointName)
    {
        var uri = _arns.DataCaptureUri(endpointName);
        var path = uri[(uri.IndexOf('/', "s3://".Length) + 1)..];
        return $"{path}/{endpointName}/";
    }

    public static string ReportPrefix(string endpointName, string scheduleName) => $"{ReportsPrefix}{endpointName}/{scheduleName}/";

    public static string BaselinePrefix(string scheduleName) => $"{BaselinesPrefix}{scheduleName}/";

    private static string HourPath(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy/MM/dd/HH", CultureInfo.InvariantCulture);

    private void AddCapture(EndpointProfile endpoint, DateTimeOffset firstHour, DateTimeOffset lastHour, DateTimeOffset now,
        List<S3Entry> entries)
    {
        var data = new S3CaptureData(_scenario, endpoint);
        for (var hour = firstHour; hour < lastHour; hour = hour.AddHours(1))
        {
            var written = hour.AddHours(1) + CaptureDelivery;
            if (hour < endpoint.CreationTime || written > now)
            {
                continue;
            }
            foreach (var variant in endpoint.Variants)
            {
                var captured = hour;
                var key = CapturePrefix(endpoint.Name) + $"{variant.Name}/{HourPath(hour)}/{data.FileName(variant.Name, hour)}";
                entries.Add(new S3Entry(key, written, "application/octet-stream", () => data.CaptureFile(variant.Name, captured)));
            }
        }
    }

    private void AddReports(EndpointProfile endpoint, DriftMonitor monitor, DateTimeOffset firstHour, DateTimeOffset lastHour,
        DateTimeOffset now, List<S3Entry> entries)
    {
        var reports = new S3MonitorReports(_scenario, endpoint, monitor);
        var firstExecution = DateTimeOffset.MaxValue;
        for (var hour = firstHour; hour <= lastHour; hour = hour.AddHours(1))
        {
            var written = hour + ReportDelay;
            if (written > now || reports.DriftAt(hour) is null)
            {
                continue;
            }
            var execution = hour;
            var prefix = ReportPrefix(endpoint.Name, monitor.ScheduleName) + HourPath(hour) + "/";
            entries.Add(new S3Entry(prefix + "statistics.json", written, "application/json", () => reports.Statistics(execution)));
            entries.Add(new S3Entry(prefix + "constraint_violations.json", written, "application/json", () => reports.Violations(execution)));
            firstExecution = firstExecution < hour ? firstExecution : hour;
        }
        // Baselining ran the day after creation, before the first execution.
        var baselined = SimulatorApp.FloorToHour(endpoint.CreationTime.AddDays(1)).AddMinutes(-30);
        if (baselined <= now)
        {
            var prefix = BaselinePrefix(monitor.ScheduleName);
            entries.Add(new S3Entry(prefix + "statistics.json", baselined, "application/json", reports.BaselineStatistics));
            entries.Add(new S3Entry(prefix + "constraints.json", baselined, "application/json", reports.BaselineConstraints));
        }
    }

    /// <summary>The drift metric of a feature at an execution hour, as GetMetricData returns it (null: no execution).</summary>
    internal static double? Drift(FleetScenario scenario, string endpointName, string feature, DateTimeOffset hour) =>
        scenario.GetValue(endpointName, null, SageMakerMetrics.DriftPrefix + feature, "Average", 3600, hour);
}
