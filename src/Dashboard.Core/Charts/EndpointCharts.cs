using Dashboard.Core.Baselines;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.Storage;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Charts;

/// <summary>
/// Builds the endpoint page's panels from stored history: lines per variant downsampled with LTTB, each band series'
/// baseline (seasonal, or from a pinned window), the points outside it, the previous period shifted onto this one,
/// and the instance ceilings. Reads storage only.
/// </summary>
public sealed class EndpointCharts(IMetricQueries queries, BaselineOptions baselineOptions, double driftThreshold)
{
    private const long Day = 86_400;

    public async Task<IReadOnlyList<PanelData>> LoadAsync(EndpointState endpoint, ChartRequest request, CancellationToken cancellationToken)
    {
        var keys = await AggregateSeriesAsync(endpoint.Name, cancellationToken);
        var readFrom = Math.Min(request.From - baselineOptions.LookbackDays * Day, request.From - request.CompareShift);
        if (request.IsPinned)
        {
            readFrom = Math.Min(readFrom, request.PinFrom!.Value);
        }
        var history = await queries.ReadAsync(keys, readFrom, Math.Max(request.To, request.PinTo ?? request.To), cancellationToken);

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

    /// <summary>Where the endpoint's stored history begins (Unix seconds), or null when nothing is stored: no range reaches before it.</summary>
    public Task<long?> HistoryStartAsync(string endpointName, CancellationToken cancellationToken) =>
        queries.HistoryStartAsync(endpointName, cancellationToken);

    /// <summary>The rule every band on the page follows, in full, for the page to state once.</summary>
    public string DescribeBaseline(ChartRequest request) =>
        (request.IsPinned
            ? PinnedBaseline.Describe(request.PinFrom!.Value, request.PinTo!.Value, baselineOptions)
            : SeasonalBaseline.Describe(baselineOptions))
        + $" Count charts widen the band to at least ± {baselineOptions.K:0.#} × √median (Poisson noise), so single errors on a quiet series are not marked.";

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
        var bands = new List<PanelBand>();
        var outliers = new List<MetricPoint>();
        foreach (var (line, _, fullHistory) in lines.Where(l => l.IsBandSeries))
        {
            var band = Band(fullHistory, request, isCount: spec.Unit == "count");
            if (band.Count == 0)
            {
                continue;
            }
            bands.Add(new PanelBand(line.Variant.Length == 0 ? "Baseline" : $"{line.Variant} baseline", band));
            outliers.AddRange(Outliers.Find(line.Points, band));
        }

        var previous = new List<PanelLine>();
        if (request.CompareShift > 0)
        {
            var shift = request.CompareShift;
            previous.AddRange(lines.Where(l => l.IsBandSeries).Select(l => new PanelLine(
                $"{l.Line.Name} ({(request.Compare == ComparePeriod.PreviousDay ? "yesterday" : "last week")})", l.Line.Variant,
                Downsample(SeriesMath.Slice(l.FullHistory, request.From - shift, request.To - shift).Select(p => p with { Time = p.Time + shift }).ToList(),
                    request.MaxPoints))));
        }

        return new PanelData(spec,
            lines.Select(l => l.Line with { Points = Downsample(l.Line.Points, request.MaxPoints) }).ToList(),
            bands,
            outliers.Count > 500 ? outliers.OrderByDescending(p => p.Value).Take(500).OrderBy(p => p.Time).ToList() : outliers,
            previous,
            References(spec, endpoint),
            spec.Kind == PanelKind.Drift
                ? $"Against Model Monitor's drift threshold {driftThreshold:0.###} (distance between the baseline and live distributions)"
                : ShortRule(request));
    }

    private string ShortRule(ChartRequest request) => request.IsPinned
        ? $"Grey band: pinned baseline {Format(request.PinFrom!.Value)} – {Format(request.PinTo!.Value)} UTC, median ± {baselineOptions.K:0.#}·MAD"
        : $"Grey band: same hour on the previous {baselineOptions.LookbackDays} days (weekdays vs weekends), median ± {baselineOptions.K:0.#}·MAD";

    private static string Format(long time) => DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private IReadOnlyList<BaselineBand> Band(IReadOnlyList<MetricPoint> history, ChartRequest request, bool isCount)
    {
        var bands = request.IsPinned
            ? PinnedBaseline.Compute(SeriesMath.Slice(history, request.PinFrom!.Value, request.PinTo!.Value),
                request.PinFrom.Value, request.PinTo.Value, request.From, request.To, baselineOptions)
            : SeasonalBaseline.Compute(SeriesMath.Slice(history, request.From - baselineOptions.LookbackDays * Day, request.To),
                request.From, request.To, baselineOptions);
        // Bands are whole hours; the chart shows only the requested range. No SageMaker metric is negative.
        return bands.Select(b => Widen(b with
        {
            Start = Math.Max(b.Start, request.From),
            End = Math.Min(b.End, request.To),
            Lower = Math.Max(0, b.Lower),
        }, isCount)).ToList();
    }

    /// <summary>Counts are Poisson-noisy: a band narrower than K·√median would mark ordinary single errors.</summary>
    private BaselineBand Widen(BaselineBand band, bool isCount)
    {
        if (!isCount)
        {
            return band;
        }
        var halfWidth = baselineOptions.K * Math.Sqrt(Math.Max(band.Median, 1));
        return band with
        {
            Lower = Math.Min(band.Lower, Math.Max(0, band.Median - halfWidth)),
            Upper = Math.Max(band.Upper, band.Median + halfWidth),
        };
    }

    private IEnumerable<(PanelLine Line, bool IsBandSeries, IReadOnlyList<MetricPoint> FullHistory)> Lines(PanelSpec spec, EndpointState endpoint,
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
                    yield return (new PanelLine(key.MetricName[M.DriftPrefix.Length..], "", SeriesMath.Slice(points, from, to)), false, points);
                }
                break;
            case PanelKind.ErrorRate:
                foreach (var variant in variants)
                {
                    var points = SeriesMath.ErrorRate(
                        Find(keys, history, M.Invocations, "Sum", variant),
                        Find(keys, history, M.Invocation4XXErrors, "Sum", variant),
                        Find(keys, history, M.Invocation5XXErrors, "Sum", variant));
                    yield return (new PanelLine(Name(variant, "error rate"), multiVariant ? variant : "", SeriesMath.Slice(points, from, to)), true, points);
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
                            var isBand = metric == spec.BandMetric && stat == spec.BandStat;
                            yield return (new PanelLine(Name(variant, what), multiVariant ? variant : "", SeriesMath.Slice(display, from, to)), isBand, display);
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
