using Dashboard.Core.Alarms.Calculation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Alarms.Evaluation;

/// <summary>
/// Reads the stored history alarms need, in as few queries as possible, and turns it into the datapoints CloudWatch
/// would evaluate: the alarm's statistic at its period (folded from the stored series where that is exact), the
/// request count behind a latency percentile (SageMaker's ModelLatency and OverheadLatency have one sample per
/// invocation), the value of a math expression, and the baseline band of an anomaly-detection alarm.
/// </summary>
public sealed class AlarmInputs(IMetricQueries metrics, ICoverageQueries coverage, BaselineOptions baseline)
{
    // Bands change hourly and need a week of history: computed once per series and hour, not every minute.
    private readonly Dictionary<SeriesKey, CachedBands> _bands = [];
    private readonly Lock _lock = new();

    private sealed record CachedBands(long From, long To, IReadOnlyList<BaselineBand> Bands);

    /// <summary>
    /// Loads what <paramref name="alarms"/> need to be evaluated as of any time in [<paramref name="from"/>, <paramref name="to"/>]
    /// (evaluation ranges reach back from there; anomaly bands read their baseline's lookback too).
    /// </summary>
    public async Task<AlarmData> LoadAsync(IReadOnlyList<AlarmDefinition> alarms, long from, long to, CancellationToken cancellationToken = default)
    {
        var fetched = await coverage.GetCoverageAsync(cancellationToken);
        var sources = new SeriesSources(fetched.Keys);
        var reads = new Dictionary<SeriesKey, long>();
        var anomalySources = new HashSet<SeriesKey>();
        var uncollected = new HashSet<SeriesKey>();

        void Need(SeriesKey key, long start) => reads[key] = Math.Min(start, reads.GetValueOrDefault(key, long.MaxValue));

        foreach (var alarm in alarms)
        {
            var start = from - (long)MetricAlarmEvaluator.RangePeriods(alarm.EvaluationPeriods) * alarm.Period;
            foreach (var input in alarm.Inputs)
            {
                if (sources.Resolve(input) is not { } source)
                {
                    if (sources.CanCollect(input))
                    {
                        uncollected.Add(input);
                    }
                    continue;
                }
                Need(source.Stored, start);
                if (SampleCountOf(input) is { } count && sources.Resolve(count) is { } countSource)
                {
                    Need(countSource.Stored, start);
                }
                if (alarm.Kind == AlarmKind.AnomalyDetection && source.Fold == Fold.Identity && !HasBands(source.Stored, start, to))
                {
                    anomalySources.Add(source.Stored);
                    Need(source.Stored, UtcClock.HourFloor(start) - baseline.LookbackDays * 86_400L);
                }
            }
        }

        var raw = new Dictionary<SeriesKey, IReadOnlyList<MetricPoint>>();
        // One query per distinct start hour: few queries, and none reads far more than its series need.
        foreach (var group in reads.GroupBy(r => UtcClock.HourFloor(r.Value)))
        {
            var read = await metrics.ReadAsync(group.Select(g => g.Key).ToList(), group.Key, to, cancellationToken);
            foreach (var (key, points) in read)
            {
                raw[key] = points;
            }
        }

        var bandFrom = UtcClock.HourFloor(alarms.Count == 0 ? from : alarms.Min(a => from - (long)MetricAlarmEvaluator.RangePeriods(a.EvaluationPeriods) * a.Period));
        var bandTo = UtcClock.HourCeiling(to + 1);
        lock (_lock)
        {
            foreach (var key in anomalySources)
            {
                _bands[key] = new CachedBands(bandFrom, bandTo, SeasonalBaseline.Compute(raw.GetValueOrDefault(key) ?? [], bandFrom, bandTo, baseline));
            }
            var bands = _bands.ToDictionary(b => b.Key, b => b.Value.Bands);
            return new AlarmData(sources, fetched, raw, bands, uncollected);
        }
    }

    private bool HasBands(SeriesKey key, long from, long to)
    {
        lock (_lock)
        {
            return _bands.TryGetValue(key, out var cached) && cached.From <= from && cached.To > to;
        }
    }

    /// <summary>The series holding the number of samples behind a latency percentile: the variant's Invocations.</summary>
    internal static SeriesKey? SampleCountOf(SeriesKey series) =>
        Statistics.ParsePercentile(series.Stat) is not null && SageMakerMetrics.IsLatency(series.MetricName)
            ? series with { MetricName = SageMakerMetrics.Invocations, Stat = "Sum" }
            : null;
}

/// <summary>The history loaded for a set of alarms; produces each alarm's datapoints.</summary>
public sealed class AlarmData
{
    private readonly SeriesSources _sources;
    private readonly IReadOnlyDictionary<SeriesKey, FetchedRange> _coverage;
    private readonly IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> _raw;
    private readonly IReadOnlyDictionary<SeriesKey, IReadOnlyList<BaselineBand>> _bands;
    private readonly IReadOnlySet<SeriesKey> _uncollected;

    internal AlarmData(SeriesSources sources, IReadOnlyDictionary<SeriesKey, FetchedRange> coverage,
        IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> raw, IReadOnlyDictionary<SeriesKey, IReadOnlyList<BaselineBand>> bands,
        IReadOnlySet<SeriesKey> uncollected)
    {
        _sources = sources;
        _coverage = coverage;
        _raw = raw;
        _bands = bands;
        _uncollected = uncollected;
    }

    /// <summary>
    /// The series these alarms read, for the collector to poll every interval: the stored ones (inputs and the request
    /// counts behind percentiles) and those not collected yet, which it starts fetching from CloudWatch.
    /// </summary>
    public IReadOnlySet<SeriesKey> Watched => _raw.Keys.Concat(_uncollected).ToHashSet();

    /// <summary>The alarm's inputs the collector has not fetched yet.</summary>
    public IReadOnlyList<SeriesKey> Uncollected(AlarmDefinition alarm) => alarm.Inputs.Where(_uncollected.Contains).Distinct().ToList();

    /// <summary>
    /// The newest time the alarm can be evaluated as of: the end of the last whole period the collector has fetched for
    /// every input. A gap the collector has not fetched yet is not missing data; evaluating it would invent transitions.
    /// Inputs never collected don't hold evaluation back (their data is missing, as in CloudWatch), but one the collector
    /// is about to fetch for the first time does: until then the alarm is not evaluated at all (0).
    /// </summary>
    public long AsOf(AlarmDefinition alarm, long now)
    {
        var asOf = now;
        foreach (var input in alarm.Inputs)
        {
            if (_uncollected.Contains(input))
            {
                return 0;
            }
            if (_sources.Resolve(input) is { } source && _coverage.TryGetValue(source.Stored, out var fetched))
            {
                asOf = Math.Min(asOf, fetched.To);
            }
        }
        return asOf - (asOf % alarm.Period);
    }

    /// <summary>The alarm's datapoints with period start in [from, to).</summary>
    public IReadOnlyList<AlarmDatapoint> Points(AlarmDefinition alarm, long from, long to) => alarm.Kind switch
    {
        AlarmKind.MetricMath => MathPoints(alarm, from, to),
        AlarmKind.Metric or AlarmKind.AnomalyDetection when alarm.Metric is not null => MetricPoints(alarm, alarm.Metric, from, to),
        _ => [],
    };

    private List<AlarmDatapoint> MetricPoints(AlarmDefinition alarm, SeriesKey input, long from, long to)
    {
        var values = Series(input, from, to);
        var counts = AlarmInputs.SampleCountOf(input) is { } countKey ? Series(countKey, from, to) : null;
        var bands = alarm.Kind == AlarmKind.AnomalyDetection && _sources.Resolve(input) is { } source ? _bands.GetValueOrDefault(source.Stored) : null;

        var points = new List<AlarmDatapoint>(values.Count);
        var c = 0;
        foreach (var point in values)
        {
            double? samples = null;
            if (counts is not null)
            {
                while (c < counts.Count && counts[c].Time < point.Time)
                {
                    c++;
                }
                samples = c < counts.Count && counts[c].Time == point.Time ? counts[c].Value : 0;
            }
            if (bands is null)
            {
                points.Add(new AlarmDatapoint(point.Time, point.Value, samples));
            }
            else if (BaselineBands.At(bands, point.Time) is { } band)
            {
                var half = alarm.BandWidth * band.Sigma;
                points.Add(new AlarmDatapoint(point.Time, point.Value, samples, band.Median - half, band.Median + half));
            }
        }
        return points;
    }

    private List<AlarmDatapoint> MathPoints(AlarmDefinition alarm, long from, long to)
    {
        if (alarm.Expression is not { Length: > 0 } expression)
        {
            return [];
        }
        var byId = alarm.Metrics.ToDictionary(m => m.Id, m => Series(m.Series, from, to), StringComparer.Ordinal);
        var parsed = MetricMath.Parse(expression, byId.Keys);
        if (parsed.Expression is null)
        {
            return [];
        }
        var result = MetricMath.Evaluate(parsed.Expression, byId, new MathGrid(from, to, alarm.Period));
        return result.Select(p => new AlarmDatapoint(p.Time, p.Value)).ToList();
    }

    /// <summary>The requested series (statistic and period) in [from, to), folded from the stored one.</summary>
    private IReadOnlyList<MetricPoint> Series(SeriesKey requested, long from, long to)
    {
        if (_sources.Resolve(requested) is not { } source || !_raw.TryGetValue(source.Stored, out var raw))
        {
            return [];
        }
        var slice = SeriesMath.Slice(raw, from, to);
        return source.Fold == Fold.Identity ? slice : SeriesDerivation.FoldPoints(slice, requested.Period, source.Fold);
    }
}
