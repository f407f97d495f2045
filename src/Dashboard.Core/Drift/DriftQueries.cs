using System.Globalization;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Drift;

/// <summary>Reads what the drift tab shows from stored summaries and series; never calls AWS.</summary>
public sealed class DriftQueries(IDriftStore store, DriftBaselines baselines, IMetricQueries metrics, DriftReadBoard reader, TimeProvider timeProvider)
{
    private const long Day = 86_400;
    public const int TrendDays = 7;
    private const int NumericBins = 20;
    private const int MaxCategories = 12;

    /// <param name="trendDays">How many days of hourly scores each row carries (its sparkline and chart).</param>
    public async Task<DriftOverview> LoadAsync(string endpoint, CancellationToken cancellationToken, int trendDays = TrendDays)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var baseline = await baselines.LoadAsync(endpoint, cancellationToken);
        var problems = await store.ReadProblemFilesAsync(endpoint, 10, cancellationToken);
        if (baseline is null)
        {
            return new DriftOverview(endpoint, reader.SourceOf(endpoint), reader.StatusOf(endpoint), null, [], 0, null, problems)
            {
                Monitors = reader.MonitorsOf(endpoint)?.Schedules ?? [],
            };
        }
        var dayAgo = now - Day;
        var records = (await store.ReadCaptureHoursAsync(endpoint, dayAgo, long.MaxValue, cancellationToken)).Sum(h => h.Records);
        var current = baseline.Merge(await store.ReadFeatureHoursAsync(endpoint, dayAgo, long.MaxValue, cancellationToken));
        var from = baseline.Baseline.IsWindow ? Math.Min(baseline.Baseline.From, now - trendDays * Day) : now - trendDays * Day;
        var keys = baseline.Features.Keys.ToDictionary(f => f, f => DriftSeries.Drift(endpoint, f), StringComparer.Ordinal);
        var series = await metrics.ReadAsync(keys.Values.ToList(), from, long.MaxValue, cancellationToken);
        var rows = baseline.Features.Select(pair =>
        {
            var (feature, before) = pair;
            var points = series.GetValueOrDefault(keys[feature]) ?? [];
            var now24 = current.GetValueOrDefault(feature) ?? new FeatureSummary();
            var absent = Math.Max(0, records - now24.Records);
            return new FeatureDriftRow(feature, feature == Capture.CaptureFileReader.PredictionFeature, before.Type, baseline.SettingFor(feature, before),
                points.Count == 0 ? null : points[^1].Value,
                points.Where(p => p.Time >= now - trendDays * Day).ToList(),
                records == 0 ? double.NaN : (double)(now24.Missing + absent) / records,
                records == 0 ? double.NaN : DriftMethods.OutOfDomain(before, now24), now24.WrongType,
                Band(points.Where(p => p.Time >= baseline.Baseline.From && p.Time < baseline.Baseline.To).Select(p => p.Value).ToList()))
            {
                Default = baseline.DefaultFor(before),
                Ignored = baseline.Settings.GetValueOrDefault(feature) is { } chosen && !Distances.DriftMethods.Fits(chosen.Method, before.Type) ? chosen : null,
            };
        }).OrderByDescending(r => r.Severity).ThenBy(r => r.Feature, StringComparer.Ordinal).ToList();
        return new DriftOverview(endpoint, reader.SourceOf(endpoint), reader.StatusOf(endpoint), baseline, rows, records,
            await QualityAsync(endpoint, baseline, now, cancellationToken), problems)
        {
            Monitors = reader.MonitorsOf(endpoint)?.Schedules ?? [],
        };
    }

    /// <summary>The feature's distribution over [<paramref name="from"/>, <paramref name="to"/>) against the baseline's.</summary>
    public async Task<DistributionComparison?> DistributionAsync(string endpoint, string feature, long from, long to, CancellationToken cancellationToken)
    {
        var baseline = await baselines.LoadAsync(endpoint, cancellationToken);
        if (baseline?.Features.GetValueOrDefault(feature) is not { } before)
        {
            return null;
        }
        var now = baseline.Merge(await store.ReadFeatureHoursAsync(endpoint, from, to, cancellationToken)).GetValueOrDefault(feature) ?? new FeatureSummary();
        var setting = baseline.SettingFor(feature, before);
        var score = DriftMethods.Score(setting.Method, before, now);
        return before.Type == FeatureType.Numeric
            ? new DistributionComparison(feature, FeatureType.Numeric, NumericBars(before.Numbers, now.Numbers), before.Numbers.Count, now.Numbers.Count, score, setting)
            : new DistributionComparison(feature, FeatureType.Categorical, CategoryBars(before.Categories, now.Categories), before.Categories.Total,
                now.Categories.Total, score, setting);
    }

    /// <summary>
    /// Quality over the last day against the baseline's labelled predictions, or (a Model Monitor baseline has none) the
    /// first labelled day stored.
    /// </summary>
    private async Task<QualityOverview?> QualityAsync(string endpoint, BaselineSummaries baseline, long now, CancellationToken cancellationToken)
    {
        var hours = await store.ReadQualityHoursAsync(endpoint, now - 2 * Day, long.MaxValue, cancellationToken);
        if (!hours.Any(h => h.Labelled > 0) && baseline.Quality.Count == 0)
        {
            return null;
        }
        var reference = await ReferenceQualityAsync(endpoint, baseline, cancellationToken);
        var type = DriftScorer.ProblemTypeOf(hours.Append(new QualityHour(0, reference, 0, 0)));
        var lastDay = QualitySummary.MergeAll(hours.Where(h => h.Hour >= now - Day).Select(h => h.Summary));
        return new QualityOverview(type, QualityMetrics.Compute(lastDay, type), QualityMetrics.Compute(reference, type),
            QualityMetrics.BestConstant(lastDay), hours.Select(h => new LabelCoverage(h.Hour, h.Predictions, h.Labelled)).ToList());
    }

    /// <summary>
    /// Quality per hour or per UTC day over the last <paramref name="days"/> days (the current hour or day included, as far as
    /// it is labelled), against the same reference as the overview; null when nothing was ever labelled.
    /// </summary>
    public async Task<QualitySeries?> QualitySeriesAsync(string endpoint, QualityGranularity granularity, int days, CancellationToken cancellationToken)
    {
        var baseline = await baselines.LoadAsync(endpoint, cancellationToken);
        if (baseline is null)
        {
            return null;
        }
        var step = granularity == QualityGranularity.Day ? Day : 3600;
        var to = timeProvider.GetUtcNow().ToUnixTimeSeconds() / step * step + step;
        var from = to - Math.Clamp(days, 1, 400) * Day;
        var hours = await store.ReadQualityHoursAsync(endpoint, from, to, cancellationToken);
        var reference = await ReferenceQualityAsync(endpoint, baseline, cancellationToken);
        if (!hours.Any(h => h.Labelled > 0) && reference.Count == 0)
        {
            return null;
        }
        var type = DriftScorer.ProblemTypeOf(hours.Append(new QualityHour(0, reference, 0, 0)));
        return QualitySeries.Build(hours, reference, type, granularity, from, to);
    }

    /// <summary>The baseline window's labelled predictions, or (a Model Monitor baseline has none) the first labelled day stored.</summary>
    private async Task<QualitySummary> ReferenceQualityAsync(string endpoint, BaselineSummaries baseline, CancellationToken cancellationToken)
    {
        if (baseline.Quality.Count > 0)
        {
            return baseline.Quality;
        }
        var labelled = (await store.ReadQualityHoursAsync(endpoint, 0, long.MaxValue, cancellationToken)).Where(h => h.Labelled > 0).ToList();
        return labelled.Count == 0 ? baseline.Quality
            : QualitySummary.MergeAll(labelled.Where(h => h.Hour < labelled[0].Hour + Day).Select(h => h.Summary));
    }

    private static (double, double)? Band(List<double> scores)
    {
        if (scores.Count < 3)
        {
            return null;
        }
        scores.Sort();
        return (scores[(int)(0.05 * (scores.Count - 1))], scores[(int)Math.Ceiling(0.95 * (scores.Count - 1))]);
    }

    /// <summary>Equal-width bins over both sides' 1st–99th percentiles; values beyond fall in the end bins.</summary>
    private static List<DistributionBar> NumericBars(NumericSketch before, NumericSketch now)
    {
        if (before.Count == 0)
        {
            return [];
        }
        var low = now.Count == 0 ? before.Quantile(0.01) : Math.Min(before.Quantile(0.01), now.Quantile(0.01));
        var high = now.Count == 0 ? before.Quantile(0.99) : Math.Max(before.Quantile(0.99), now.Quantile(0.99));
        var width = high > low ? (high - low) / NumericBins : 1;
        double[] Shares(NumericSketch sketch)
        {
            var shares = new double[NumericBins];
            foreach (var (value, count) in sketch.Buckets())
            {
                shares[Math.Clamp((int)((value - low) / width), 0, NumericBins - 1)] += sketch.Count == 0 ? 0 : (double)count / sketch.Count;
            }
            return shares;
        }
        var (b, c) = (Shares(before), Shares(now));
        return Enumerable.Range(0, NumericBins).Select(i => new DistributionBar(Number(low + i * width), b[i], c[i])).ToList();
    }

    private static List<DistributionBar> CategoryBars(CategoryCounts before, CategoryCounts now)
    {
        double Share(CategoryCounts counts, string key) => counts.Total == 0 ? 0 : (double)counts.Counts.GetValueOrDefault(key) / counts.Total;
        var keys = before.Counts.Keys.Union(now.Counts.Keys)
            .OrderByDescending(k => Math.Max(Share(before, k), Share(now, k))).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var bars = keys.Take(MaxCategories).Select(k => new DistributionBar(k, Share(before, k), Share(now, k))).ToList();
        if (keys.Count > MaxCategories)
        {
            var rest = keys.Skip(MaxCategories).ToList();
            bars.Add(new DistributionBar($"{rest.Count} more", rest.Sum(k => Share(before, k)), rest.Sum(k => Share(now, k))));
        }
        return bars;
    }

    private static string Number(double value) => Math.Abs(value) >= 1000 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
