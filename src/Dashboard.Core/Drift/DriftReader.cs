using System.Collections.Concurrent;
using Dashboard.Core.Collectors;
using Dashboard.Core.Drift.Capture;
using Dashboard.Core.Drift.Monitor;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Live;
using Dashboard.Core.S3;
using Dashboard.Core.Storage;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Drift;

/// <summary>
/// Follows every endpoint's data capture and ground truth in S3, hour folder by hour folder: each round lists the hours
/// from two before the newest file it read (or the backfill start) to now, reads the files it has not read, and stores
/// each in one transaction, so a restart neither skips nor counts a file twice. Then it scores the hours that changed (and
/// restates scores whose baseline or feature setting changed; <see cref="DriftSignal"/> starts a round early for that).
/// One endpoint's S3 error is reported on its drift tab and does not stop the others. Last, it leaves the endpoint's
/// standing (worst feature, headline quality) on the board for the fleet page and the recommended alarms.
/// </summary>
public sealed class DriftReader(IFleetStore fleet, DriftSources sources, IS3ObjectClient s3, IDriftStore store, DriftScorer scorer,
    DriftQueries queries, MonitorResults monitors, MonitorBaselines monitorBaselines, DriftReadBoard board, DriftSignal signal, LiveStore live,
    IOptions<DriftOptions> options, TimeProvider timeProvider, ILogger<DriftReader> logger)
    : PollingCollector(live, timeProvider, logger)
{
    private static readonly TimeSpan SourcesFor = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<string, (DriftSource Source, DateTimeOffset At)> _sources = new(StringComparer.Ordinal);
    private DateTimeOffset _pruned = DateTimeOffset.MinValue;

    protected override string Source => "S3";

    protected override TimeSpan Interval => options.Value.ReadInterval;

    protected override WakeUpSignal WakeUp => signal;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        foreach (var endpoint in await fleet.ListAsync(cancellationToken))
        {
            try
            {
                var source = await SourceAsync(endpoint.Name, now, cancellationToken);
                await monitorBaselines.FindAsync(endpoint.Name, cancellationToken);
                if (board.MonitorsOf(endpoint.Name) is not { } known || now - known.At >= SourcesFor)
                {
                    board.Monitored(endpoint.Name, await monitors.ReadAsync(endpoint.Name, cancellationToken), now);
                }
                var changed = new SortedSet<long>();
                long files = 0;
                if (source.Capture is { } capture)
                {
                    files += await ReadCaptureAsync(endpoint.Name, capture, now, changed, cancellationToken);
                }
                if (source.GroundTruth is { } labels)
                {
                    files += await ReadLabelsAsync(endpoint.Name, labels, source.ProblemType ?? ProblemType.BinaryClassification, now, changed, cancellationToken);
                }
                // Also without new files: a changed baseline or feature setting is restated, or the series covered up to now.
                await scorer.ScoreAsync(endpoint.Name, changed, cancellationToken);
                if (source.Capture is not null || source.GroundTruth is not null)
                {
                    board.Stood(DriftStanding.Of(await queries.LoadAsync(endpoint.Name, cancellationToken, trendDays: 1), now));
                }
                board.Read(endpoint.Name, new DriftReadStatus(now, files, null));
            }
            catch (AwsServiceException e)
            {
                board.Read(endpoint.Name, new DriftReadStatus(now, 0, $"{e.ErrorCode}: {e.Message}"));
            }
        }
        if (now - _pruned > TimeSpan.FromHours(1))
        {
            await store.PruneAsync((now - TimeSpan.FromDays(options.Value.RetentionDays)).ToUnixTimeSeconds(), cancellationToken);
            _pruned = now;
        }
    }

    private async Task<DriftSource> SourceAsync(string endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_sources.TryGetValue(endpoint, out var known) && now - known.At < SourcesFor)
        {
            return known.Source;
        }
        var source = await sources.FindAsync(endpoint, cancellationToken);
        _sources[endpoint] = (source, now);
        board.Found(source);
        return source;
    }

    private async Task<long> ReadCaptureAsync(string endpoint, S3Uri capture, DateTimeOffset now, SortedSet<long> changed, CancellationToken cancellationToken)
    {
        var root = capture.Prefix + endpoint + "/";
        var variants = await ListAsync(capture.Bucket, root, "/", cancellationToken);
        long read = 0;
        foreach (var variantPrefix in variants.Folders)
        {
            var variant = variantPrefix[root.Length..].TrimEnd('/');
            var since = await SinceAsync(endpoint, variantPrefix, now, cancellationToken);
            var done = await store.ReadKeysAsync(endpoint, variantPrefix, since.ToUnixTimeSeconds(), cancellationToken);
            for (var hour = since; hour <= now; hour = hour.AddHours(1))
            {
                var listed = await ListAsync(capture.Bucket, capture.HourPrefix(endpoint + "/" + variant + "/", hour), null, cancellationToken);
                foreach (var key in listed.Keys.Where(k => !done.Contains(k)))
                {
                    var content = await s3.GetObjectAsync(new S3GetObjectRequest(capture.Bucket, key), cancellationToken);
                    var file = CaptureFileReader.Read(content.Content, hour);
                    if (await store.SaveCaptureFileAsync(endpoint, variant, key, hour.ToUnixTimeSeconds(), file, keepPredictions: true, cancellationToken))
                    {
                        changed.UnionWith(file.Hours.Keys.Select(h => h.ToUnixTimeSeconds()));
                        read++;
                    }
                }
            }
        }
        return read;
    }

    private async Task<long> ReadLabelsAsync(string endpoint, S3Uri labels, ProblemType type, DateTimeOffset now, SortedSet<long> changed,
        CancellationToken cancellationToken)
    {
        var since = await SinceAsync(endpoint, labels.Prefix, now, cancellationToken);
        var done = await store.ReadKeysAsync(endpoint, labels.Prefix, since.ToUnixTimeSeconds(), cancellationToken);
        long read = 0;
        for (var hour = since; hour <= now; hour = hour.AddHours(1))
        {
            var listed = await ListAsync(labels.Bucket, labels.HourPrefix("", hour), null, cancellationToken);
            foreach (var key in listed.Keys.Where(k => !done.Contains(k)))
            {
                var content = await s3.GetObjectAsync(new S3GetObjectRequest(labels.Bucket, key), cancellationToken);
                var (found, skipped, problems) = GroundTruthFileReader.Read(content.Content);
                if (await store.SaveLabelFileAsync(endpoint, key, hour.ToUnixTimeSeconds(), found, skipped, problems, type, cancellationToken) is not null)
                {
                    read++;
                    changed.Add(hour.ToUnixTimeSeconds());
                }
            }
        }
        return read;
    }

    /// <summary>The first hour folder to list: two hours before the newest file read under the prefix, or the backfill start.</summary>
    private async Task<DateTimeOffset> SinceAsync(string endpoint, string prefix, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var backfill = Floor(now - TimeSpan.FromDays(options.Value.BackfillDays));
        var newest = await store.NewestFileHourAsync(endpoint, prefix, cancellationToken);
        return newest is { } hour ? Max(backfill, DateTimeOffset.FromUnixTimeSeconds(hour) - Overlap) : backfill;
    }

    private async Task<(List<string> Keys, List<string> Folders)> ListAsync(string bucket, string prefix, string? delimiter, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var folders = new List<string>();
        string? token = null;
        do
        {
            var page = await s3.ListObjectsAsync(new S3ListRequest(bucket, prefix, token, Delimiter: delimiter), cancellationToken);
            keys.AddRange(page.Objects.Select(o => o.Key));
            folders.AddRange(page.CommonPrefixes);
            token = page.IsTruncated ? page.NextContinuationToken : null;
        }
        while (token is not null);
        return (keys, folders);
    }

    private static DateTimeOffset Floor(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

}
