using System.Collections.Concurrent;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift;

/// <summary>A baseline's data: each feature's summary over the window (all variants), its labelled quality, and its record count.</summary>
public sealed record BaselineSummaries(DriftBaseline Baseline, IReadOnlyDictionary<string, FeatureSummary> Features, QualitySummary Quality, long Records);

/// <summary>
/// Resolves an endpoint's baseline: the window an engineer pinned or, until someone does, the first day of captured
/// traffic; and merges its stored hours into one summary per feature. Kept for a few minutes per endpoint.
/// </summary>
public sealed class DriftBaselines(IDriftStore store, IDriftBaselineStore pins, TimeProvider timeProvider)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (BaselineSummaries Summaries, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    public async Task<BaselineSummaries?> LoadAsync(string endpoint, CancellationToken cancellationToken)
    {
        var baseline = await FindAsync(endpoint, cancellationToken);
        if (baseline is null)
        {
            return null;
        }
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(endpoint, out var cached) && cached.Summaries.Baseline == baseline && now - cached.At < KeepFor)
        {
            return cached.Summaries;
        }
        var hours = await store.ReadFeatureHoursAsync(endpoint, baseline.From, baseline.To, cancellationToken);
        var features = hours.GroupBy(h => h.Feature, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => FeatureSummary.MergeAll(g.Select(h => h.Summary)), StringComparer.Ordinal);
        var quality = QualitySummary.MergeAll((await store.ReadQualityHoursAsync(endpoint, baseline.From, baseline.To, cancellationToken)).Select(q => q.Summary));
        var records = (await store.ReadCaptureHoursAsync(endpoint, baseline.From, baseline.To, cancellationToken)).Sum(h => h.Records);
        var summaries = new BaselineSummaries(baseline, features, quality, records);
        _cache[endpoint] = (summaries, now);
        return summaries;
    }

    /// <summary>The pinned baseline, else the first day of capture; null when nothing was captured yet.</summary>
    public async Task<DriftBaseline?> FindAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (await pins.FindAsync(endpoint, cancellationToken) is { } pinned)
        {
            return pinned;
        }
        var first = (await store.ReadCaptureHoursAsync(endpoint, 0, long.MaxValue, cancellationToken)).FirstOrDefault();
        return first is null ? null : new DriftBaseline(endpoint, DriftBaselineKind.FirstDay, first.Hour, first.Hour + 86_400, null, null, null);
    }
}
