using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Collectors;
using Dashboard.Core.Drift;
using Dashboard.Core.Fleet;
using Dashboard.Core.Health;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Options;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Overview;

/// <summary>
/// Computes the fleet overview from stored history and the live store, and shares one copy between everyone who
/// has the page open: it is recomputed when new data arrived (at most once a second) or when it is older than
/// <see cref="OverviewOptions.RefreshInterval"/>.
/// </summary>
public sealed class FleetOverviewService(
    IMetricQueries queries,
    LiveStore live,
    BaselineOptions baselineOptions,
    IOptions<OverviewOptions> options,
    DriftReadBoard drift,
    TimeProvider timeProvider)
{
    private const long Minute = 60;
    private const long Day = 86_400;
    private const int TrendBuckets = 48;

    /// <summary>Drift older than this does not count in health: the same age limit for Model Monitor's metric and the dashboard's own.</summary>
    private const long DriftFreshFor = 3 * 3600;

    /// <summary>Minutes of per-minute assessments the hysteresis walks: room to enter (5 minutes) and to clear (10).</summary>
    private const int HealthMinutes = 30;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private FleetOverview _current = FleetOverview.Empty;
    private (IReadOnlyList<EndpointState> Fleet, long? Newest, BackfillProgress Backfill) _inputs;

    public async Task<FleetOverview> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var inputs = (live.Fleet, live.NewestMetricTime, live.Backfill);
            var age = timeProvider.GetUtcNow() - _current.ComputedAt;
            var changed = !ReferenceEquals(inputs.Fleet, _inputs.Fleet) || inputs.NewestMetricTime != _inputs.Newest || inputs.Backfill != _inputs.Backfill;
            if ((changed && age >= TimeSpan.FromSeconds(1)) || age >= options.Value.RefreshInterval)
            {
                _current = await ComputeAsync(inputs.Fleet, cancellationToken);
                _inputs = inputs;
            }
            return _current with { Sources = live.Sources.Values.OrderBy(s => s.Source).ToList(), Backfill = live.Backfill };
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FleetOverview> ComputeAsync(IReadOnlyList<EndpointState> fleet, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var nowSeconds = now.ToUnixTimeSeconds();
        var keysByEndpoint = new Dictionary<string, IReadOnlyList<SeriesKey>>(StringComparer.Ordinal);
        foreach (var endpoint in fleet)
        {
            var keys = await queries.ListSeriesAsync(endpoint.Name, cancellationToken);
            keysByEndpoint[endpoint.Name] = keys.Where(IsOverviewSeries).ToList();
        }
        // Weekend bands reach back up to two lookbacks (SeasonalBaseline.MinMatchingDays); the health minutes need the hour before.
        var from = nowSeconds - 2 * baselineOptions.LookbackDays * Day - 2 * 3600;
        var history = await queries.ReadAsync(keysByEndpoint.Values.SelectMany(k => k).ToList(), from, nowSeconds + Minute, cancellationToken);

        var rows = fleet.Select(e => BuildRow(e, keysByEndpoint[e.Name], history, nowSeconds, now)).ToList();
        return new FleetOverview(rows, HealthSummary.Count(rows.Select(r => r.Health)), live.Backfill, [], now);
    }

    private static bool IsOverviewSeries(SeriesKey key) =>
        M.IsCollectedByDefault(key)
        && (M.IsDrift(key.MetricName)
            || (key.DimensionList.All(d => d.Key is "EndpointName" or "VariantName")
                && (key.Stat is "Sum" or "Average" or "p90")
                && key.MetricName is M.Invocations or M.Invocation4XXErrors or M.Invocation5XXErrors or M.ModelLatency
                    or M.CpuUtilization or M.MemoryUtilization or M.GpuMemoryUtilization));

    private EndpointRow BuildRow(EndpointState endpoint, IReadOnlyList<SeriesKey> keys,
        IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> history, long now, DateTimeOffset nowTime)
    {
        // Every figure of the row is over the same window: the last complete minutes (at 12:00:30, 11:50–12:00).
        var end = now - now % Minute;
        var window = (long)FleetOverview.DefaultWindow.TotalSeconds;
        var variants = endpoint.Variants.Select(v => new VariantSeries(v, keys, history)).ToList();
        var bandsFrom = end - window - HealthMinutes * Minute;
        var candidates = variants.SelectMany(v => v.Candidates(endpoint.Variants.Count > 1))
            .Select(c => new Candidate(c.Name, c.Unit, c.Points, c.NoiseFloor, c.IsLatency, SeasonalBaseline.Compute(
                SeriesMath.Slice(c.Points, bandsFrom - 2 * baselineOptions.LookbackDays * Day, end), bandsFrom, end, baselineOptions)))
            .ToList();

        var monitorDrift = keys.Where(k => M.IsDrift(k.MetricName))
            .Select(k => (Feature: k.MetricName[M.DriftPrefix.Length..], Points: history.GetValueOrDefault(k) ?? []))
            .Where(d => d.Points.Count > 0 && d.Points[^1].Time >= now - DriftFreshFor)
            .Select(d => (d.Feature, Value: d.Points[^1].Value))
            .OrderByDescending(d => d.Value)
            .FirstOrDefault();
        var standing = drift.StandingOf(endpoint.Name);
        var newest = variants.Select(v => SeriesMath.Newest(v.Invocations)).Max();
        DateTimeOffset? dataAsOf = newest is { } t ? DateTimeOffset.FromUnixTimeSeconds(t + Minute) : null;

        HealthSignals SignalsOver(long from, long to) => Signals(variants, candidates, from, to, monitorDrift, dataAsOf, nowTime) with
        {
            OwnDrift = OwnDrift(standing, now),
            Quality = Quality(standing, now),
        };

        // The level the page shows is held: each of the last minutes is judged over the window before it.
        var thresholds = HealthThresholds.Default;
        var clearing = thresholds.Clearing();
        var minutes = new List<MinuteAssessment>(HealthMinutes);
        for (var i = HealthMinutes - 1; i >= 0; i--)
        {
            var minuteEnd = end - i * Minute;
            var minuteSignals = SignalsOver(minuteEnd - window, minuteEnd);
            minutes.Add(new MinuteAssessment(DateTimeOffset.FromUnixTimeSeconds(minuteEnd),
                HealthRules.AssessMetrics(minuteSignals, thresholds), HealthRules.AssessMetrics(minuteSignals, clearing)));
        }
        var signals = SignalsOver(end - window, end);
        var health = HealthRules.Worst(HealthRules.AssessState(endpoint, signals), HealthHysteresis.Hold(minutes, thresholds));

        var minutesWithData = variants.Select(v => SeriesMath.Slice(v.Invocations, end - window, end).Count).DefaultIfEmpty(0).Max();
        var invocations = variants.Sum(v => SeriesMath.Sum(v.Invocations, end - window, end));
        var top = candidates.Select(c => Deviate(c, end - window, end)).OfType<BaselineDeviation>().OrderByDescending(d => Math.Abs(d.Z)).FirstOrDefault();
        var trendFrom = now - Day;

        return new EndpointRow(endpoint, health,
            minutesWithData == 0 ? null : invocations / minutesWithData,
            minutesWithData == 0 ? null : signals.ErrorRatePercent,
            signals.P90LatencyMs,
            Buckets(trendFrom, now, (a, b) => variants.Sum(v => SeriesMath.Sum(v.Invocations, a, b) / Math.Max(1, SeriesMath.Slice(v.Invocations, a, b).Count))),
            Buckets(trendFrom, now, (a, b) => Units.ErrorRatePercent(
                variants.Sum(v => SeriesMath.Sum(v.Errors4xx, a, b) + SeriesMath.Sum(v.Errors5xx, a, b)), 0, variants.Sum(v => SeriesMath.Sum(v.Invocations, a, b)))),
            Buckets(trendFrom, now, (a, b) => WeightedP90Ms(variants, a, b) ?? 0),
            top, dataAsOf)
        {
            Drift = standing,
            DriftRead = drift.StatusOf(endpoint.Name) is not null,
            Monitors = drift.MonitorsOf(endpoint.Name)?.Schedules,
        };
    }

    private static OwnDriftSignal? OwnDrift(DriftStanding? standing, long now) =>
        standing?.Worst is { } worst && worst.Hour >= now - DriftFreshFor ? new OwnDriftSignal(worst.Feature, worst.Score, worst.Threshold) : null;

    /// <summary>The last day's quality as the reader last computed it, while the reader keeps reading (no older than the drift limit).</summary>
    private static QualitySignal? Quality(DriftStanding? standing, long now) =>
        standing is { Quality: { } q } && standing.At.ToUnixTimeSeconds() >= now - DriftFreshFor
            ? new QualitySignal(Drift.Quality.QualityMetrics.Label(q.LastDay.Name), q.LastDay.Value, q.LastDay.Low, q.LastDay.High, q.Baseline, q.HigherIsBetter, q.Labelled)
            : null;

    /// <summary>What the health rules read over [from, to).</summary>
    private HealthSignals Signals(IReadOnlyList<VariantSeries> variants, IReadOnlyList<Candidate> candidates, long from, long to,
        (string? Feature, double Value) drift, DateTimeOffset? dataAsOf, DateTimeOffset now)
    {
        var invocations = variants.Sum(v => SeriesMath.Sum(v.Invocations, from, to));
        var errors = variants.Sum(v => SeriesMath.Sum(v.Errors4xx, from, to) + SeriesMath.Sum(v.Errors5xx, from, to));
        var traffic = variants.Any(v => SeriesMath.Slice(v.Invocations, from, to).Count > 0);
        var latency = candidates.Where(c => c.IsLatency).Select(c => Deviate(c, from, to)).OfType<BaselineDeviation>().OrderByDescending(d => d.Z).FirstOrDefault();
        return new HealthSignals(
            traffic ? Units.ErrorRatePercent(errors, 0, invocations) : null,
            WeightedP90Ms(variants, from, to),
            latency?.BaselineMedian,
            latency?.Z,
            variants.Select(v => Utilisation(v.Cpu, from, to) is { } cpu ? HealthSignals.CpuShareOfCapacity(cpu, v.Variant.InstanceType) : null).Max(),
            variants.Select(v => Utilisation(v.Memory, from, to)).Max(),
            variants.Select(v => v.GpuMemoryPercent(from, to)).Max(),
            drift.Feature is null ? null : drift.Value,
            drift.Feature,
            options.Value.DriftThreshold,
            dataAsOf,
            now,
            options.Value.StaleAfter)
        {
            ErrorRateInvocations = traffic ? invocations : null,
        };
    }

    /// <summary>
    /// Mean utilisation over [from, to), or, when nothing is stored there, over the same span up to the newest stored
    /// minute if that is at most <see cref="CollectorOptions.MaxSlowLookback"/> old: a quiet endpoint's utilisation is
    /// read once an hour against AWS, and its last reading is a better judge of saturation than none.
    /// </summary>
    internal static double? Utilisation(IReadOnlyList<MetricPoint> points, long from, long to)
    {
        if (SeriesMath.Mean(points, from, to) is { } mean)
        {
            return mean;
        }
        var end = SeriesMath.LowerBound(points, to);
        if (end == 0 || points[end - 1].Time < to - (long)CollectorOptions.MaxSlowLookback.TotalSeconds)
        {
            return null;
        }
        var newest = points[end - 1].Time + Minute;
        return SeriesMath.Mean(points, newest - (to - from), newest);
    }

    /// <summary>The mean of the candidate over [from, to) against the band of the hour holding its last minute.</summary>
    private static BaselineDeviation? Deviate(Candidate candidate, long from, long to)
    {
        if (SeriesMath.Mean(candidate.Points, from, to) is not { } value || BaselineBands.At(candidate.Bands, to - 1) is not { } band)
        {
            return null;
        }
        return new BaselineDeviation(candidate.Name, candidate.Unit, value, band.Median,
            Baselines.Deviation.RobustZ(value, band with { Sigma = Math.Max(band.Sigma, candidate.NoiseFloor(band.Median)) }));
    }

    /// <param name="NoiseFloor">The smallest spread the metric's noise allows, given its median: a series whose history
    /// is all zeros (no errors yet) would otherwise turn its first error into a deviation of thousands of σ.</param>
    private sealed record Candidate(string Name, string Unit, IReadOnlyList<MetricPoint> Points, Func<double, double> NoiseFloor, bool IsLatency,
        IReadOnlyList<BaselineBand> Bands);

    /// <summary>p90 ModelLatency in ms over [from, to), weighted by each variant's invocations (a plain mean without traffic).</summary>
    private static double? WeightedP90Ms(IReadOnlyList<VariantSeries> variants, long from, long to)
    {
        double weighted = 0, weight = 0, sum = 0;
        var count = 0;
        foreach (var v in variants)
        {
            if (SeriesMath.Mean(v.P90Us, from, to) is not { } p90)
            {
                continue;
            }
            var ms = Units.MicrosecondsToMilliseconds(p90);
            var invocations = SeriesMath.Sum(v.Invocations, from, to);
            weighted += ms * invocations;
            weight += invocations;
            sum += ms;
            count++;
        }
        return weight > 0 ? weighted / weight : count > 0 ? sum / count : null;
    }

    /// <summary>The value of each of the <see cref="TrendBuckets"/> equal buckets of [from, to).</summary>
    private static IReadOnlyList<double> Buckets(long from, long to, Func<long, long, double> value)
    {
        var size = (to - from) / TrendBuckets;
        var trend = new double[TrendBuckets];
        for (var b = 0; b < TrendBuckets; b++)
        {
            trend[b] = value(from + b * size, from + (b + 1) * size);
        }
        return trend;
    }

    /// <summary>The stored series of one variant that the overview reads.</summary>
    private const double MadToSigma = 1.4826;

    private sealed class VariantSeries(VariantState variant, IReadOnlyList<SeriesKey> keys, IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> history)
    {
        public VariantState Variant => variant;
        public IReadOnlyList<MetricPoint> Invocations { get; } = EndpointCharts.Find(keys, history, M.Invocations, "Sum", variant.Name);
        public IReadOnlyList<MetricPoint> Errors4xx { get; } = EndpointCharts.Find(keys, history, M.Invocation4XXErrors, "Sum", variant.Name);
        public IReadOnlyList<MetricPoint> Errors5xx { get; } = EndpointCharts.Find(keys, history, M.Invocation5XXErrors, "Sum", variant.Name);
        public IReadOnlyList<MetricPoint> P90Us { get; } = EndpointCharts.Find(keys, history, M.ModelLatency, "p90", variant.Name);
        public IReadOnlyList<MetricPoint> Cpu { get; } = EndpointCharts.Find(keys, history, M.CpuUtilization, "Average", variant.Name);
        public IReadOnlyList<MetricPoint> Memory { get; } = EndpointCharts.Find(keys, history, M.MemoryUtilization, "Average", variant.Name);
        public IReadOnlyList<MetricPoint> GpuMemory { get; } = EndpointCharts.Find(keys, history, M.GpuMemoryUtilization, "Average", variant.Name);

        /// <summary>GPU memory as a share of all the instance's GPUs (CloudWatch reports up to 100 % per GPU).</summary>
        public double? GpuMemoryPercent(long from, long to) =>
            InstanceTypes.Find(variant.InstanceType) is { HasGpu: true } type && Utilisation(GpuMemory, from, to) is { } value
                ? value / type.Gpus
                : null;

        public IEnumerable<(string Name, string Unit, IReadOnlyList<MetricPoint> Points, Func<double, double> NoiseFloor, bool IsLatency)> Candidates(bool prefixVariant)
        {
            var prefix = prefixVariant ? variant.Name + " " : "";
            Func<double, double> none = _ => 0;
            // Utilisation wanders a point or two over hours: the same floor as the charts' bands.
            Func<double, double> utilisation = _ => MadToSigma * EndpointCharts.UtilisationMadFloorPoints;
            yield return (prefix + "ModelLatency p90", "ms", P90Us.Select(p => p with { Value = Units.MicrosecondsToMilliseconds(p.Value) }).ToList(), none, true);
            // A quarter of a percentage point: below that, error rates of a few hundred calls a minute are just noise.
            yield return (prefix + "Error rate", "%", SeriesMath.ErrorRate(Invocations, Errors4xx, Errors5xx), _ => 0.25, false);
            // Counts are Poisson-noisy, as on the charts.
            yield return (prefix + "Invocations", "per min", Invocations, median => Math.Sqrt(Math.Max(median, 1)), false);
            yield return (prefix + "CPU", "%", Cpu, utilisation, false);
            yield return (prefix + "Memory", "%", Memory, utilisation, false);
            if (GpuMemory.Count > 0)
            {
                yield return (prefix + "GPU memory", "%", GpuMemory, utilisation, false);
            }
        }
    }
}
