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
/// metric with the share of predictions labelled. Written through the metric ingest path; when the baseline or a feature's
/// method or threshold changes, every retained hour is scored again, so each chart is in one method throughout (and each
/// hour's worst feature in its own thresholds stays comparable). Each write also records the range read so far as the series' coverage, as the
/// CloudWatch collector does, so alarms evaluate these series up to the last read and no further.
/// </summary>
public sealed class DriftScorer(IDriftStore store, DriftBaselines baselines, IMetricWriter writer, LiveStore live, IOptions<DriftOptions> options,
    TimeProvider timeProvider)
{
    private const long HourSeconds = 3600;
    private const int MaxHoursPerScore = 24;
    private static readonly long QualityLookBack = 2 * 86_400;

    private readonly ConcurrentDictionary<string, Scored> _scored = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<SeriesKey>> _written = new(StringComparer.Ordinal);

    /// <summary>The baseline and the per-feature settings an endpoint's stored scores were computed with.</summary>
    private sealed record Scored(string Version, IReadOnlyDictionary<string, DriftSetting> Settings)
    {
        public bool Same(string version, IReadOnlyDictionary<string, DriftSetting> settings) =>
            Version == version && Settings.Count == settings.Count && settings.All(s => Equals(Settings.GetValueOrDefault(s.Key), s.Value));
    }

    /// <summary>
    /// Scores the hours that changed; with none, covers the series written before up to now. When the baseline or any
    /// feature's setting changed since the last scoring, every retained hour is scored again.
    /// </summary>
    public async Task ScoreAsync(string endpoint, IReadOnlyCollection<long> changedHours, CancellationToken cancellationToken)
    {
        var baseline = await baselines.LoadAsync(endpoint, cancellationToken);
        if (baseline is null)
        {
            return;
        }
        var settings = baseline.Features.ToDictionary(f => f.Key, f => baseline.SettingFor(f.Key, f.Value), StringComparer.Ordinal);
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var hours = changedHours.ToList();
        if (_scored.GetValueOrDefault(endpoint)?.Same(baseline.Baseline.Version, settings) != true)
        {
            var retention = now - options.Value.RetentionDays * 86_400L;
            hours = (await store.ReadCaptureHoursAsync(endpoint, retention, long.MaxValue, cancellationToken)).Select(h => h.Hour).Distinct().ToList();
        }
        if (hours.Count == 0)
        {
            await CoverAsync(endpoint, now, cancellationToken);
            return;
        }
        var batches = await DriftAsync(endpoint, baseline, settings, hours, cancellationToken);
        batches.AddRange(await QualityAsync(endpoint, hours.Min() - QualityLookBack, cancellationToken));
        if (batches.Count > 0)
        {
            var covered = Covered(now);
            await writer.WriteAsync(batches.Select(b => b with { Coverage = covered }).ToList(), cancellationToken);
            live.PublishMetrics([endpoint], batches.Max(b => b.Points.Count == 0 ? 0 : b.Points.Max(p => p.Time)));
            _written[endpoint] = batches.Select(b => b.Key).Union(_written.GetValueOrDefault(endpoint) ?? []).ToList();
        }
        _scored[endpoint] = new Scored(baseline.Baseline.Version, settings);
    }

    /// <summary>
    /// A read round that found nothing new still knows there is nothing more up to now: the series written before are
    /// covered up to now, so an alarm on them moves on (a drift alarm clears when traffic stops, as CloudWatch's would).
    /// </summary>
    private async Task CoverAsync(string endpoint, long now, CancellationToken cancellationToken)
    {
        if (_written.GetValueOrDefault(endpoint) is { Count: > 0 } keys)
        {
            var covered = Covered(now);
            await writer.WriteAsync(keys.Select(k => new SeriesPoints(k, [], covered)).ToList(), cancellationToken);
        }
    }

    private FetchedRange Covered(long now) => new(now - options.Value.RetentionDays * 86_400L, now);

    private async Task<List<SeriesPoints>> DriftAsync(string endpoint, BaselineSummaries baseline, Dictionary<string, DriftSetting> settings, List<long> hours,
        CancellationToken cancellationToken)
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
        var points = baseline.Features.Keys.ToDictionary(f => f, _ => new List<MetricPoint>(), StringComparer.Ordinal);
        foreach (var hour in hours.Distinct().Order())
        {
            var window = Window(hour, records);
            foreach (var (feature, before) in baseline.Features)
            {
                var now = FeatureSummary.MergeAll(window.Select(h => byHour.GetValueOrDefault(h)?.GetValueOrDefault(feature)).OfType<FeatureSummary>());
                if (DriftMethods.Score(settings[feature].Method, before, now) is { } score)
                {
                    points[feature].Add(new MetricPoint(hour, score));
                }
            }
        }
        var batches = points.Where(p => p.Value.Count > 0).Select(p => new SeriesPoints(DriftSeries.Drift(endpoint, p.Key), p.Value)).ToList();
        var worst = points.SelectMany(p => p.Value.Select(v => (v.Time, InThresholds: v.Value / Threshold(p.Key))))
            .Where(v => double.IsFinite(v.InThresholds))
            .GroupBy(v => v.Time).Select(g => new MetricPoint(g.Key, g.Max(v => v.InThresholds))).OrderBy(p => p.Time).ToList();
        if (worst.Count > 0)
        {
            batches.Add(new SeriesPoints(DriftSeries.Worst(endpoint), worst));
        }
        return batches;

        double Threshold(string feature) => settings[feature].Threshold;
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
