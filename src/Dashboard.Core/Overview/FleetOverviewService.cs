using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
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
    TimeProvider timeProvider)
{
    private const long Minute = 60;
    private const long Day = 86_400;
    private const int TrendBuckets = 48;

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
        var from = nowSeconds - baselineOptions.LookbackDays * Day - 3600;
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
        var recentFrom = now - 6 * Minute;
        var trendFrom = now - Day;
        var variants = endpoint.Variants.Select(v => new VariantSeries(v, keys, history)).ToList();

        var invocations = variants.Sum(v => SeriesMath.Sum(v.Invocations, recentFrom, now));
        var errors = variants.Sum(v => SeriesMath.Sum(v.Errors4xx, recentFrom, now) + SeriesMath.Sum(v.Errors5xx, recentFrom, now));
        var minutes = variants.Select(v => SeriesMath.Slice(v.Invocations, recentFrom, now).Count).DefaultIfEmpty(0).Max();
        double? invocationsPerMinute = minutes == 0 ? null : invocations / minutes;
        double? errorRate = minutes == 0 ? null : Units.ErrorRatePercent(errors, 0, invocations);
        var p90Latency = WeightedP90Ms(variants, recentFrom, now);

        var deviations = variants.SelectMany(v => v.Candidates(endpoint.Variants.Count > 1))
            .Select(c => Deviate(c.Name, c.Unit, c.Points, c.NoiseFloor, now))
            .OfType<BaselineDeviation>()
            .ToList();
        var top = deviations.OrderByDescending(d => Math.Abs(d.Z)).FirstOrDefault();
        var latencyDeviation = deviations.Where(d => d.Metric.Contains("ModelLatency p90", StringComparison.Ordinal))
            .OrderByDescending(d => d.Z).FirstOrDefault();

        var drift = keys.Where(k => M.IsDrift(k.MetricName))
            .Select(k => (Feature: k.MetricName[M.DriftPrefix.Length..], Points: history.GetValueOrDefault(k) ?? []))
            .Where(d => d.Points.Count > 0 && d.Points[^1].Time >= now - 3 * 3600)
            .Select(d => (d.Feature, Value: d.Points[^1].Value))
            .OrderByDescending(d => d.Value)
            .FirstOrDefault();

        var newest = variants.Select(v => SeriesMath.Newest(v.Invocations)).Max();
        DateTimeOffset? dataAsOf = newest is { } t ? DateTimeOffset.FromUnixTimeSeconds(t + Minute) : null;

        var signals = new HealthSignals(
            errorRate,
            p90Latency,
            latencyDeviation?.BaselineMedian,
            latencyDeviation?.Z,
            variants.Select(v => SeriesMath.Mean(v.Cpu, recentFrom, now) is { } cpu ? HealthSignals.CpuShareOfCapacity(cpu, v.Variant.InstanceType) : null).Max(),
            variants.Select(v => SeriesMath.Mean(v.Memory, recentFrom, now)).Max(),
            variants.Select(v => v.GpuMemoryPercent(recentFrom, now)).Max(),
            drift.Feature is null ? null : drift.Value,
            drift.Feature,
            options.Value.DriftThreshold,
            dataAsOf,
            nowTime,
            options.Value.StaleAfter);

        return new EndpointRow(endpoint, HealthRules.Assess(endpoint, signals), invocationsPerMinute, errorRate, p90Latency,
            Buckets(trendFrom, now, (a, b) => variants.Sum(v => SeriesMath.Sum(v.Invocations, a, b) / Math.Max(1, SeriesMath.Slice(v.Invocations, a, b).Count))),
            Buckets(trendFrom, now, (a, b) => Units.ErrorRatePercent(
                variants.Sum(v => SeriesMath.Sum(v.Errors4xx, a, b) + SeriesMath.Sum(v.Errors5xx, a, b)), 0, variants.Sum(v => SeriesMath.Sum(v.Invocations, a, b)))),
            Buckets(trendFrom, now, (a, b) => WeightedP90Ms(variants, a, b) ?? 0),
            top, dataAsOf);
    }

    /// <param name="noiseFloor">The smallest spread the metric's noise allows, given its median: a series whose history
    /// is all zeros (no errors yet) would otherwise turn its first error into a deviation of thousands of σ.</param>
    private BaselineDeviation? Deviate(string name, string unit, IReadOnlyList<MetricPoint> points, Func<double, double> noiseFloor, long now)
    {
        // The hour that holds the last complete minute (at 12:00:00 that is 11:00).
        var hour = (now - 1) - (now - 1) % 3600;
        if (SeriesMath.Mean(points, now - 16 * Minute, now) is not { } value)
        {
            return null;
        }
        var bands = SeasonalBaseline.Compute(SeriesMath.Slice(points, hour - baselineOptions.LookbackDays * Day, now), hour, hour + 3600, baselineOptions);
        return BaselineBands.At(bands, now - 1) is { } band
            ? new BaselineDeviation(name, unit, value, band.Median,
                Baselines.Deviation.RobustZ(value, band with { Sigma = Math.Max(band.Sigma, noiseFloor(band.Median)) }))
            : null;
    }

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
            InstanceTypes.Find(variant.InstanceType) is { HasGpu: true } type && SeriesMath.Mean(GpuMemory, from, to) is { } value
                ? value / type.Gpus
                : null;

        public IEnumerable<(string Name, string Unit, IReadOnlyList<MetricPoint> Points, Func<double, double> NoiseFloor)> Candidates(bool prefixVariant)
        {
            var prefix = prefixVariant ? variant.Name + " " : "";
            Func<double, double> none = _ => 0;
            yield return (prefix + "ModelLatency p90", "ms", P90Us.Select(p => p with { Value = Units.MicrosecondsToMilliseconds(p.Value) }).ToList(), none);
            // A quarter of a percentage point: below that, error rates of a few hundred calls a minute are just noise.
            yield return (prefix + "Error rate", "%", SeriesMath.ErrorRate(Invocations, Errors4xx, Errors5xx), _ => 0.25);
            // Counts are Poisson-noisy, as on the charts.
            yield return (prefix + "Invocations", "per min", Invocations, median => Math.Sqrt(Math.Max(median, 1)));
            yield return (prefix + "CPU", "%", Cpu, none);
            yield return (prefix + "Memory", "%", Memory, none);
            if (GpuMemory.Count > 0)
            {
                yield return (prefix + "GPU memory", "%", GpuMemory, none);
            }
        }
    }
}
