using System.Collections.Concurrent;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Monitor;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift;

/// <summary>
/// A baseline's data: each feature's summary over the window (all variants), its labelled quality and its record count;
/// the names of headerless CSV columns (<c>_c0</c> → the Model Monitor baseline's first feature) and its drift thresholds.
/// </summary>
public sealed record BaselineSummaries(DriftBaseline Baseline, IReadOnlyDictionary<string, FeatureSummary> Features, QualitySummary Quality, long Records)
{
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>();

    /// <summary>Model Monitor's thresholds (numbers, categories) when it is the baseline.</summary>
    public (double Numeric, double Categorical)? MonitorThresholds { get; init; }

    /// <summary>Why the Model Monitor baseline could not be read last time (the one read before, if any, stays in force).</summary>
    public string? MonitorProblem { get; init; }

    /// <summary>The data set the baseline was read from (its rows, the rows it skipped, its label column), when it is one.</summary>
    public BaselineDataSet? DataSet { get; init; }

    /// <summary>The method and threshold engineers chose per feature; the others are on their default.</summary>
    public IReadOnlyDictionary<string, DriftSetting> Settings { get; init; } = new Dictionary<string, DriftSetting>();

    /// <summary>A stored feature's name: a CSV column's from the baseline, anything else as captured.</summary>
    public string NameOf(string key) => Aliases.GetValueOrDefault(key) ?? key;

    /// <summary>
    /// The setting the feature is scored with: the one an engineer chose for it (while its method fits the feature's type);
    /// else Model Monitor's method and threshold when it is the baseline, else Evidently's.
    /// </summary>
    public DriftSetting SettingFor(string feature, FeatureSummary baseline) =>
        Settings.GetValueOrDefault(feature) is { } chosen && DriftMethods.Fits(chosen.Method, baseline.Type) ? chosen : DefaultFor(baseline);

    /// <summary>What the feature is scored with when nobody chose: Model Monitor's method and threshold when it is the baseline, else Evidently's.</summary>
    public DriftSetting DefaultFor(FeatureSummary baseline) =>
        DriftMethods.Default(baseline.Type, MonitorThresholds is { } t ? (baseline.Type == FeatureType.Numeric ? t.Numeric : t.Categorical) : null);

    /// <summary>Stored hours merged per feature under their names.</summary>
    public Dictionary<string, FeatureSummary> Merge(IEnumerable<FeatureHour> hours) =>
        hours.GroupBy(h => NameOf(h.Feature), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => FeatureSummary.MergeAll(g.Select(h => h.Summary)), StringComparer.Ordinal);
}

/// <summary>
/// Resolves an endpoint's baseline: the one an engineer chose (a pinned window or a data set from S3, whichever was set
/// last); else its Model Monitor schedule's baseline; else the first day of captured traffic; and merges its stored hours
/// into one summary per feature. Kept a few minutes per endpoint; the per-feature settings are read every time.
/// </summary>
public sealed class DriftBaselines(IDriftStore store, IDriftBaselineStore pins, IDriftSettingStore settings, MonitorBaselines monitor,
    TimeProvider timeProvider)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (BaselineSummaries Summaries, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    public async Task<BaselineSummaries?> LoadAsync(string endpoint, CancellationToken cancellationToken)
    {
        var (fromMonitor, problem) = monitor.Known(endpoint);
        var baseline = await pins.FindAsync(endpoint, cancellationToken)
            ?? (fromMonitor is null ? await FirstDayAsync(endpoint, cancellationToken)
                : new DriftBaseline(endpoint, DriftBaselineKind.ModelMonitor, 0, 0, null, null, fromMonitor.Schedule, fromMonitor.StatisticsUri));
        if (baseline is null)
        {
            return null;
        }
        var chosen = await settings.ListAsync(endpoint, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (_cache.TryGetValue(endpoint, out var cached) && cached.Summaries.Baseline == baseline && now - cached.At < KeepFor)
        {
            return cached.Summaries with { Settings = chosen };
        }
        var aliases = fromMonitor is null ? new Dictionary<string, string>()
            : fromMonitor.Features.Select((f, i) => (Key: Capture.CaptureFileReader.ColumnName(i), f.Name)).ToDictionary(a => a.Key, a => a.Name, StringComparer.Ordinal);
        var named = new BaselineSummaries(baseline, new Dictionary<string, FeatureSummary>(), new QualitySummary(), 0) { Aliases = aliases };
        BaselineSummaries summaries;
        if (baseline.Kind == DriftBaselineKind.DataSet)
        {
            if (await pins.ReadDataSetAsync(endpoint, cancellationToken) is not { } set)
            {
                return null;
            }
            summaries = named with
            {
                Features = set.Features,
                Quality = set.Quality,
                Records = set.Records,
                DataSet = set,
                Aliases = set.Columns.Select((c, i) => (Key: Capture.CaptureFileReader.ColumnName(i), Name: c)).ToDictionary(a => a.Key, a => a.Name, StringComparer.Ordinal),
            };
        }
        else if (baseline.Kind == DriftBaselineKind.ModelMonitor)
        {
            summaries = named with
            {
                Features = fromMonitor!.Features.ToDictionary(f => f.Name, f => f.Summary, StringComparer.Ordinal),
                Records = fromMonitor.Records,
                MonitorThresholds = (fromMonitor.NumericThreshold, fromMonitor.CategoricalThreshold),
            };
        }
        else
        {
            var hours = await store.ReadFeatureHoursAsync(endpoint, baseline.From, baseline.To, cancellationToken);
            summaries = named with
            {
                Features = named.Merge(hours),
                Quality = QualitySummary.MergeAll((await store.ReadQualityHoursAsync(endpoint, baseline.From, baseline.To, cancellationToken)).Select(q => q.Summary)),
                Records = (await store.ReadCaptureHoursAsync(endpoint, baseline.From, baseline.To, cancellationToken)).Sum(h => h.Records),
            };
        }
        summaries = summaries with { MonitorProblem = problem };
        _cache[endpoint] = (summaries, now);
        return summaries with { Settings = chosen };
    }

    /// <summary>The first day of capture; null when nothing was captured yet.</summary>
    private async Task<DriftBaseline?> FirstDayAsync(string endpoint, CancellationToken cancellationToken)
    {
        var first = (await store.ReadCaptureHoursAsync(endpoint, 0, long.MaxValue, cancellationToken)).FirstOrDefault();
        return first is null ? null : new DriftBaseline(endpoint, DriftBaselineKind.FirstDay, first.Hour, first.Hour + 86_400, null, null, null);
    }
}
