using Dashboard.Core.Baselines;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Charts;

/// <summary>
/// Builds the endpoint page's panels from stored history: lines per variant downsampled with LTTB, each band series'
/// baseline (seasonal, or from a pinned window), the points outside it, the previous period shifted onto this one,
/// and the instance ceilings. Reads storage only. A range long enough for a rolled-up tier to fill the chart
/// (<see cref="Rollups.StepFor"/>) is read from that tier's per-minute means, bands and red marks included, so lines and
/// bands are always at one resolution and a 30-day page reads a fifteenth as many points (of four numbers each).
/// </summary>
public sealed class EndpointCharts(IMetricQueries queries, BaselineOptions baselineOptions, double driftThreshold)
{
    private const int MaxOutliers = 500;

    /// <summary>
    /// The smallest MAD a utilisation band has, in percentage points (a band of about ± 4.4 points at K = 3): memory
    /// wanders a point or two over hours, and with a handful of days behind an hour the MAD can be far smaller than that.
    /// </summary>
    public const double UtilisationMadFloorPoints = 1;

    private const int MinRunMinutes = 3;
    private const int MaxRunMinutes = 10;

    private const long Day = 86_400;

    public async Task<IReadOnlyList<PanelData>> LoadAsync(EndpointState endpoint, ChartRequest request, CancellationToken cancellationToken)
    {
        var keys = await AggregateSeriesAsync(endpoint.Name, cancellationToken);
        var readFrom = Math.Min(request.From - 2 * baselineOptions.LookbackDays * Day, request.From - request.CompareShift);
        if (request.IsPinned)
        {
            readFrom = Math.Min(readFrom, request.PinFrom!.Value);
        }
        var history = await ReadAsync(keys, readFrom, Math.Max(request.To, request.PinTo ?? request.To), StepOf(request), cancellationToken);

        var monitored = keys.Any(k => M.IsDrift(k.MetricName));
        var panels = new List<PanelData>();
        foreach (var spec in PanelSpec.All.Where(p => p.AppliesTo(endpoint) && (p.Kind != PanelKind.Drift || monitored)))
        {
            // A page closed or a request aborted while the panels are computed stops here, not after the last one.
            cancellationToken.ThrowIfCancellationRequested();
            panels.Add(BuildPanel(spec, endpoint, keys, history, request));
        }
        return panels;
    }

    /// <summary>The step a request's lines, bands and red marks are read at: 60 s, or a rolled-up tier's.</summary>
    public static int StepOf(ChartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Rollups.StepFor(Math.Max(request.From, request.StoredFrom ?? request.From), request.To, request.MaxPoints);
    }

    /// <summary>The minutes, or each tier bucket's mean as a point at the bucket's start: a count stays a count a minute.</summary>
    private async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>>> ReadAsync(IReadOnlyList<SeriesKey> keys, long from, long to,
        int step, CancellationToken cancellationToken)
    {
        if (step == Rollups.Minute)
        {
            return await queries.ReadAsync(keys, from, to, cancellationToken);
        }
        var tiers = await queries.ReadTierAsync(keys, from, to, step, cancellationToken);
        return tiers.ToDictionary(t => t.Key, t => (IReadOnlyList<MetricPoint>)[.. t.Value.Select(b => b.ToMean())]);
    }

    /// <summary>Where the endpoint's stored history begins (Unix seconds), or null when nothing is stored: no range reaches before it.</summary>
    public Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken) =>
        queries.HistoryStartAsync(endpointName, cancellationToken);

    /// <summary>The rule every band on the page follows, in full, for the page to state once.</summary>
    public string DescribeBaseline(ChartRequest request) =>
        (request.IsPinned
            ? PinnedBaseline.Describe(request.PinFrom!.Value, request.PinTo!.Value, baselineOptions)
            : SeasonalBaseline.Describe(baselineOptions))
        + " On error-rate charts the band's upper edge is at least the endpoint's pooled error rate over that history, on count charts at least 1 a minute"
        + " (a series that mostly had none is rare, not never); utilisation bands are at least"
        + $" ± {baselineOptions.K * 1.4826 * UtilisationMadFloorPoints:0.#} percentage points wide. "
        + RuleFor(request).Describe()
        + " Disk utilisation is not marked: it fills and is cleaned up on its own weekly schedule, which no hour-of-day band follows.";

    /// <summary>
    /// The outlier rule at the chart's resolution: a red run lasts at least as long as one drawn point stands for
    /// (7 minutes on a 7-day view of 1,500 points), at least 3 and at most 10 minutes, so a long view is not covered in
    /// isolated noisy minutes and a 15-minute incident still shows on a 30-day view.
    /// </summary>
    public static OutlierRule RuleFor(ChartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var minutesPerPoint = request.MaxPoints >= 3 ? (request.To - request.From + 60L * request.MaxPoints - 1) / (60L * request.MaxPoints) : 1;
        return OutlierRule.Default with
        {
            MinRunMinutes = (int)Math.Clamp(minutesPerPoint, MinRunMinutes, MaxRunMinutes),
            StepSeconds = StepOf(request),
        };
    }

    /// <summary>The raw lines of every panel with points at or after <paramref name="since"/>, for live appends.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<PanelLine>>> LoadLinesSinceAsync(EndpointState endpoint, long since, long to,
        CancellationToken cancellationToken)
    {
        var keys = await AggregateSeriesAsync(endpoint.Name, cancellationToken);
        var history = await queries.ReadAsync(keys, since, to, cancellationToken);
        return PanelSpec.All.Where(p => p.AppliesTo(endpoint))
            .ToDictionary(spec => spec.Id, spec => (IReadOnlyList<PanelLine>)Lines(spec, endpoint, keys, history, since, to).Select(l => l.Line).ToList());
    }

    private PanelData BuildPanel(PanelSpec spec, EndpointState endpoint, IReadOnlyList<SeriesKey> keys,
        IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> history, ChartRequest request)
    {
        var lines = Lines(spec, endpoint, keys, history, request.From, request.To).ToList();
        var kind = KindOf(spec);
        var bands = new List<PanelBand>();
        var outliers = new List<MetricPoint>();
        foreach (var line in lines.Where(l => l.HasBand))
        {
            var trials = line.Trials?.ToDictionary(p => p.Time, p => p.Value);
            var band = Band(line.FullHistory, trials, request, kind, spec.Namespace == M.InstanceNamespace);
            if (band.Count == 0)
            {
                continue;
            }
            // One band per percentile line, named after it, so a reader knows which line a band belongs to.
            var name = spec.Stats.Count > 1 ? $"{line.Line.Name} baseline"
                : line.Line.Variant.Length == 0 ? "Baseline" : $"{line.Line.Variant} baseline";
            bands.Add(new PanelBand(name, band, line.Line.Name));
            if (!spec.MetricNames.Contains(M.DiskUtilization))
            {
                outliers.AddRange(Thin(RuleFor(request).Find(line.Line.Points, band, kind, trials), MaxOutliers / lines.Count(l => l.HasBand)));
            }
        }

        var previous = new List<PanelLine>();
        if (request.CompareShift > 0)
        {
            var shift = request.CompareShift;
            previous.AddRange(lines.Where(l => l.IsPrimary).Select(l => new PanelLine(
                $"{l.Line.Name} ({(request.Compare == ComparePeriod.PreviousDay ? "yesterday" : "last week")})", l.Line.Variant,
                Downsample(SeriesMath.Slice(l.FullHistory, request.From - shift, request.To - shift).Select(p => p with { Time = p.Time + shift }).ToList(),
                    request.MaxPoints))));
        }

        return new PanelData(spec,
            lines.Select(l => l.Line with { Points = Downsample(l.Line.Points, request.MaxPoints) }).ToList(),
            bands,
            outliers,
            previous,
            References(spec, endpoint),
            spec.Kind == PanelKind.Drift
                ? $"Against Model Monitor's drift threshold {driftThreshold:0.###} (distance between the baseline and live distributions)"
                : ShortRule(request));
    }

    /// <summary>
    /// At most <paramref name="max"/> markers, evenly spread: a days-long incident keeps marks along its whole length
    /// instead of only at its highest values (which on a latency chart were all p99).
    /// </summary>
    private static IReadOnlyList<MetricPoint> Thin(IReadOnlyList<MetricPoint> marked, int max)
    {
        if (marked.Count <= max)
        {
            return marked;
        }
        var step = (double)marked.Count / max;
        return Enumerable.Range(0, max).Select(i => marked[(int)(i * step)]).ToList();
    }

    private static OutlierKind KindOf(PanelSpec spec) =>
        spec.Kind == PanelKind.ErrorRate ? OutlierKind.Rate : spec.Unit == "count" ? OutlierKind.Count : OutlierKind.Value;

    private string ShortRule(ChartRequest request) => request.IsPinned
        ? $"Grey band: pinned baseline {Format(request.PinFrom!.Value)} – {Format(request.PinTo!.Value)} UTC, median ± {baselineOptions.K:0.#}·MAD"
        : $"Grey band: same hour on the previous {baselineOptions.LookbackDays} days (weekdays vs weekends), median ± {baselineOptions.K:0.#}·MAD";

    private static string Format(long time) => DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private IReadOnlyList<BaselineBand> Band(IReadOnlyList<MetricPoint> history, IReadOnlyDictionary<long, double>? trials, ChartRequest request,
        OutlierKind kind, bool isUtilisation)
    {
        var learnedFrom = request.IsPinned
            ? SeriesMath.Slice(history, request.PinFrom!.Value, request.PinTo!.Value)
            : SeriesMath.Slice(history, request.From - 2 * baselineOptions.LookbackDays * Day, request.To);
        // A tier has fewer points an hour than the minutes: an hour needs as many minutes behind it, not as many points.
        var step = StepOf(request);
        var options = step == Rollups.Minute ? baselineOptions
            : baselineOptions with { MinSamples = (int)Math.Max(1, Math.Ceiling(baselineOptions.MinSamples * 60.0 / step)) };
        var bands = request.IsPinned
            ? PinnedBaseline.Compute(learnedFrom, request.PinFrom!.Value, request.PinTo!.Value, request.From, request.To, options)
            : SeasonalBaseline.Compute(learnedFrom, request.From, request.To, options);
        var minHalfWidth = kind == OutlierKind.Value && isUtilisation ? baselineOptions.K * 1.4826 * UtilisationMadFloorPoints : 0;
        var floor = kind switch
        {
            OutlierKind.Rate => PooledRate(learnedFrom, trials, request.IsPinned ? request.PinTo!.Value : request.From),
            OutlierKind.Count => 1,
            _ => 0,
        };
        // Bands are whole hours; the chart shows only the requested range. No SageMaker metric is negative.
        return bands.Select(b => b with
        {
            Start = Math.Max(b.Start, request.From),
            End = Math.Min(b.End, request.To),
            Lower = Math.Max(0, Math.Min(b.Lower, b.Median - minHalfWidth)),
            Upper = Math.Max(Math.Max(b.Upper, b.Median + minHalfWidth), floor),
            Sigma = Math.Max(b.Sigma, minHalfWidth / baselineOptions.K),
        }).ToList();
    }

    /// <summary>
    /// All errors / all invocations of the history before <paramref name="before"/>, in percent. On a quiet endpoint most
    /// minutes have no error, so the band of the hour sits at 0 %; its upper edge is raised to this rate, the one the
    /// endpoint really has (counts likewise to one event a minute): "rare" is not "never".
    /// </summary>
    private static double PooledRate(IReadOnlyList<MetricPoint> history, IReadOnlyDictionary<long, double>? trials, long before)
    {
        double sum = 0, weight = 0;
        foreach (var point in history)
        {
            if (point.Time >= before || !double.IsFinite(point.Value))
            {
                continue;
            }
            var w = trials?.GetValueOrDefault(point.Time) ?? 0;
            sum += point.Value * w;
            weight += w;
        }
        return weight > 0 ? sum / weight : 0;
    }

    /// <summary>
    /// Every line of the panel. HasBand: the line gets its own band and outliers (every percentile of a latency panel);
    /// IsPrimary: the band statistic, the one overlaid from the previous period. Trials: invocations behind an error rate.
    /// </summary>
    private IEnumerable<(PanelLine Line, bool HasBand, bool IsPrimary, IReadOnlyList<MetricPoint> FullHistory, IReadOnlyList<MetricPoint>? Trials)> Lines(PanelSpec spec, EndpointState endpoint,
        IReadOnlyList<SeriesKey> keys, IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> history, long from, long to)
    {
        var variants = endpoint.Variants.Select(v => v.Name).ToList();
        var multiVariant = variants.Count > 1;
        string Name(string variant, string what) => multiVariant ? $"{variant} {what}" : what;

        switch (spec.Kind)
        {
            case PanelKind.Drift:
                foreach (var key in keys.Where(k => M.IsDrift(k.MetricName)).OrderBy(k => k.MetricName, StringComparer.Ordinal))
                {
                    var points = history.GetValueOrDefault(key) ?? [];
                    yield return (new PanelLine(key.MetricName[M.DriftPrefix.Length..], "", SeriesMath.Slice(points, from, to)), false, false, points, null);
                }
                break;
            case PanelKind.ErrorRate:
                foreach (var variant in variants)
                {
                    var invocations = Find(keys, history, M.Invocations, "Sum", variant);
                    var points = SeriesMath.ErrorRate(
                        invocations,
                        Find(keys, history, M.Invocation4XXErrors, "Sum", variant),
                        Find(keys, history, M.Invocation5XXErrors, "Sum", variant));
                    yield return (new PanelLine(Name(variant, "error rate"), multiVariant ? variant : "", SeriesMath.Slice(points, from, to)), true, true, points,
                        invocations);
                }
                break;
            default:
                foreach (var variant in variants)
                {
                    foreach (var metric in spec.MetricNames)
                    {
                        foreach (var stat in spec.Stats)
                        {
                            var points = Find(keys, history, metric, stat, variant);
                            var display = M.IsLatency(metric) ? points.Select(p => p with { Value = Units.ForDisplay(metric, p.Value) }).ToList() : points;
                            var what = spec.MetricNames.Count > 1 ? metric : spec.Stats.Count > 1 ? stat : metric;
                            yield return (new PanelLine(Name(variant, what), multiVariant ? variant : "", SeriesMath.Slice(display, from, to)),
                                metric == spec.BandMetric, metric == spec.BandMetric && stat == spec.BandStat, display, null);
                        }
                    }
                }
                break;
        }
    }

    private IReadOnlyList<PanelReference> References(PanelSpec spec, EndpointState endpoint)
    {
        if (spec.Kind == PanelKind.Drift)
        {
            return [new PanelReference(driftThreshold, $"Drift threshold {driftThreshold:0.###}")];
        }
        return endpoint.Variants
            .Select(v => (v.Name, Type: InstanceTypes.Find(v.InstanceType)))
            .Where(v => v.Type is not null)
            .Select(v => spec.Ceiling switch
            {
                CeilingKind.Cpu => new PanelReference(v.Type!.CpuCeilingPercent, $"{v.Type.Name} ceiling {v.Type.CpuCeilingPercent:0} % ({v.Type.VCpus} vCPU)"),
                CeilingKind.Gpu when v.Type!.HasGpu => new PanelReference(v.Type.GpuCeilingPercent, $"{v.Type.Name} ceiling {v.Type.GpuCeilingPercent:0} % ({v.Type.Gpus} GPU)"),
                _ => null,
            })
            .OfType<PanelReference>()
            .DistinctBy(r => r.Value)
            .ToList();
    }

    /// <summary>The endpoint's series with exactly EndpointName (+ VariantName) dimensions, or Endpoint + MonitoringSchedule for drift.</summary>
    private async Task<IReadOnlyList<SeriesKey>> AggregateSeriesAsync(string endpoint, CancellationToken cancellationToken)
    {
        var all = await queries.ListSeriesAsync(endpoint, cancellationToken);
        return all.Where(k => M.IsCollectedByDefault(k)
            && k.DimensionList.All(d => d.Key is "EndpointName" or "VariantName" or "Endpoint" or "MonitoringSchedule")).ToList();
    }

    public static IReadOnlyList<MetricPoint> Find(IReadOnlyList<SeriesKey> keys, IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> history,
        string metric, string stat, string variant)
    {
        var key = keys.FirstOrDefault(k => k.MetricName == metric && k.Stat == stat && k.VariantName == variant);
        return key is null ? [] : history.GetValueOrDefault(key) ?? [];
    }

    private static IReadOnlyList<MetricPoint> Downsample(IReadOnlyList<MetricPoint> points, int maxPoints) =>
        maxPoints >= 3 ? Lttb.Downsample(points, maxPoints) : points;
}
