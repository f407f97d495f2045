using System.Collections.Concurrent;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Options;

namespace Dashboard.Core.Drift;

/// <summary>
/// Turns stored summaries into hourly series: each feature's drift score against the baseline (an hour with fewer than
/// <see cref="DriftOptions.MinRecordsPerScore"/> records is scored with the hours before it, up to a day) and each quality
/// metric with the share of predictions labelled. Written through the metric ingest path; when the baseline changes,
/// every stored hour is scored again.
/// </summary>
public sealed class DriftScorer(IDriftStore store, DriftBaselines baselines, IMetricWriter writer, LiveStore live, IOptions<DriftOptions> options,
    TimeProvider timeProvider)
{
    private const long HourSeconds = 3600;
    private const int MaxHoursPerScore = 24;
    private static readonly long QualityLookBack = 2 * 86_400;

    private readonly ConcurrentDictionary<string, Scored> _scored = new(StringComparer.Ordinal);

    /// <summary>The baseline and the per-feature settings an endpoint's stored scores were computed with.</summary>
    private sealed record Scored(string Version, IReadOnlyDictionary<string, DriftSetting> Settings);

    /// <summary>
    /// Scores the hours that changed. When the baseline changed since the last scoring, every retained hour is scored again;
    /// when only some features' settings did, every retained hour of those features, so each chart is in one method throughout.
    /// </summary>
    public async Task ScoreAsync(string endpoint, IReadOnlyCollection<long> changedHours, CancellationToken cancellationToken)
    {
        var baseline = await baselines.LoadAsync(endpoint, cancellationToken);
        if (baseline is null)
        {
            return;
        }
        var settings = baseline.Features.ToDictionary(f => f.Key, f => baseline.SettingFor(f.Key, f.Value), StringComparer.Ordinal);
        var last = _scored.GetValueOrDefault(endpoint);
        var batches = new List<SeriesPoints>();
        long? qualityFrom = changedHours.Count == 0 ? null : changedHours.Min() - QualityLookBack;
        if (last is null || last.Version != baseline.Baseline.Version)
        {
            var hours = await RetainedHoursAsync(endpoint, cancellationToken);
            if (hours.Count == 0)
            {
                return;
            }
            batches.AddRange(await DriftAsync(endpoint, baseline, settings, hours, _ => true, cancellationToken));
            qualityFrom = hours.Min() - QualityLookBack;
        }
        else
        {
            var restated = settings.Where(s => !Equals(last.Settings.GetValueOrDefault(s.Key), s.Value)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
            if (restated.Count > 0)
            {
                batches.AddRange(await DriftAsync(endpoint, baseline, settings, await RetainedHoursAsync(endpoint, cancellationToken), restated.Contains, cancellationToken));
            }
            if (changedHours.Count > 0)
            {
                batches.AddRange(await DriftAsync(endpoint, baseline, settings, changedHours.ToList(), f => !restated.Contains(f), cancellationToken));
            }
        }
        if (qualityFrom is { } from)
        {
            batches.AddRange(await QualityAsync(endpoint, from, cancellationToken));
        }
        if (batches.Count > 0)
        {
            await writer.WriteAsync(batches, cancellationToken);
            live.PublishMetrics([endpoint], batches.Max(b => b.Points.Count == 0 ? 0 : b.Points.Max(p => p.Time)));
        }
        _scored[endpoint] = new Scored(baseline.Baseline.Version, settings);
    }

    private async Task<List<long>> RetainedHoursAsync(string endpoint, CancellationToken cancellationToken)
    {
        var retention = timeProvider.GetUtcNow().ToUnixTimeSeconds() - options.Value.RetentionDays * 86_400L;
        return (await store.ReadCaptureHoursAsync(endpoint, retention, long.MaxValue, cancellationToken)).Select(h => h.Hour).Distinct().ToList();
    }

    private async Task<List<SeriesPoints>> DriftAsync(string endpoint, BaselineSummaries baseline, Dictionary<string, DriftSetting> settings, List<long> hours,
        Func<string, bool> features, CancellationToken cancellationToken)
    {
        if (hours.Count == 0)
        {
            return [];
        }
        var from = hours.Min() - (MaxHoursPerScore - 1) * HourSeconds;
        var to = hours.Max() + HourSeconds;
        var records = (await store.ReadCaptureHoursAsync(endpoint, from, to, cancellationToken))
            .GroupBy(h => h.Hour).ToDictionary(g => g.Key, g => g.Sum(h => h.Records));
        var byHour = (await store.ReadFeatureHoursAsync(endpoint, from, to, cancellationToken))
            .GroupBy(h => h.Hour).ToDictionary(g => g.Key, g => baseline.Merge(g));
        var scored = baseline.Features.Where(f => features(f.Key)).ToList();
        var points = scored.ToDictionary(f => f.Key, _ => new List<MetricPoint>(), StringComparer.Ordinal);
        foreach (var hour in hours.Distinct().Order())
        {
            var window = Window(hour, records);
            foreach (var (feature, before) in scored)
            {
                var now = FeatureSummary.MergeAll(window.Select(h => byHour.GetValueOrDefault(h)?.GetValueOrDefault(feature)).OfType<FeatureSummary>());
                if (DriftMethods.Score(settings[feature].Method, before, now) is { } score)
                {
                    points[feature].Add(new MetricPoint(hour, score));
                }
            }
        }
        return points.Where(p => p.Value.Count > 0).Select(p => new SeriesPoints(DriftSeries.Drift(endpoint, p.Key), p.Value)).ToList();
    }

    /// <summary>The hour and, while they hold too few records, the hours before it (at most a day).</summary>
    private List<long> Window(long hour, Dictionary<long, long> records)
    {
        var window = new List<long>();
        long count = 0;
        for (var h = hour; window.Count < MaxHoursPerScore && (window.Count == 0 || count < options.Value.MinRecordsPerScore); h -= HourSeconds)
        {
            window.Add(h);
            count += records.GetValueOrDefault(h);
        }
        return window;
    }

    private async Task<List<SeriesPoints>> QualityAsync(string endpoint, long from, CancellationToken cancellationToken)
    {
        var hours = await store.ReadQualityHoursAsync(endpoint, from, long.MaxValue, cancellationToken);
        var labelled = hours.Where(h => h.Labelled > 0).ToList();
        if (labelled.Count == 0)
        {
            return [];
        }
        var type = ProblemTypeOf(labelled);
        var series = QualityMetrics.For(type).ToDictionary(m => m, _ => new List<MetricPoint>(), StringComparer.Ordinal);
        foreach (var hour in labelled)
        {
            foreach (var metric in QualityMetrics.Compute(hour.Summary, type).Where(m => double.IsFinite(m.Value)))
            {
                series[metric.Name].Add(new MetricPoint(hour.Hour, metric.Value));
            }
        }
        var batches = series.Where(s => s.Value.Count > 0).Select(s => new SeriesPoints(DriftSeries.Quality(endpoint, s.Key), s.Value)).ToList();
        batches.Add(new SeriesPoints(DriftSeries.Quality(endpoint, DriftSeries.LabelledShare),
            hours.Where(h => h.Predictions > 0).Select(h => new MetricPoint(h.Hour, (double)h.Labelled / h.Predictions)).ToList()));
        return batches;
    }

    /// <summary>A summary holds either confusion counts (a classifier's labels) or error sums (a regressor's).</summary>
    public static ProblemType ProblemTypeOf(IEnumerable<QualityHour> hours) =>
        hours.Any(h => h.Summary.TruePositives + h.Summary.FalsePositives + h.Summary.TrueNegatives + h.Summary.FalseNegatives > 0)
            ? ProblemType.BinaryClassification : ProblemType.Regression;
}
