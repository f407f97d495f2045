using Dashboard.Core.Baselines;
using Dashboard.Core.Charts;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Tests.Shared;
using static Dashboard.Core.Tests.Charts.ChartTestData;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Tests.Charts;

public sealed class EndpointChartsTests
{
    private const double DriftThreshold = 0.1;

    // A two-hour view on Wednesday 4 June, learning from the day before (one day of lookback keeps the data small).
    private static readonly long From = At(4, 10, 30);
    private static readonly long To = At(4, 12, 30);
    private static readonly long HistoryFrom = At(3, 9);
    private static readonly BaselineOptions Baseline = new() { LookbackDays = 1, K = 3, MinSamples = 10 };
    private static readonly ChartRequest Request = new(From, To);

    private readonly InMemoryMetricQueries _queries = new();
    private readonly EndpointCharts _charts;

    public EndpointChartsTests() => _charts = new EndpointCharts(_queries, Baseline, DriftThreshold);

    [Fact]
    public async Task LoadAsync_OneVariant_LinesAreNamedByStatisticWithoutTheVariant()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddLatency("churn", "AllTraffic");
        AddCounts("churn", "AllTraffic");

        var panels = await LoadAsync(endpoint);

        Assert.Equal(["p50", "p90", "p99"], Panel(panels, "model-latency").Lines.Select(l => l.Name));
        Assert.Equal(["Invocations"], Panel(panels, "invocations").Lines.Select(l => l.Name));
        Assert.Equal(["Invocation4XXErrors", "Invocation5XXErrors"], Panel(panels, "errors").Lines.Select(l => l.Name));
        Assert.All(panels.SelectMany(p => p.Lines), l => Assert.Equal("", l.Variant));
    }

    [Fact]
    public async Task LoadAsync_SeveralVariants_LinesAreNamedWithTheVariant()
    {
        var endpoint = Endpoint("fraud", ("blue", "ml.m5.xlarge"), ("green", "ml.m5.xlarge"));
        AddLatency("fraud", "blue");
        AddLatency("fraud", "green");
        AddCounts("fraud", "blue");
        AddCounts("fraud", "green");

        var panels = await LoadAsync(endpoint);

        Assert.Equal(["blue p50", "blue p90", "blue p99", "green p50", "green p90", "green p99"], Panel(panels, "model-latency").Lines.Select(l => l.Name));
        Assert.Equal(["blue", "green"], Panel(panels, "invocations").Lines.Select(l => l.Variant));
        Assert.Equal(["blue error rate", "green error rate"], Panel(panels, "error-rate").Lines.Select(l => l.Name));
        Assert.Equal(["blue baseline", "green baseline"], Panel(panels, "invocations").Bands.Select(b => b.Name));
    }

    [Fact]
    public async Task LoadAsync_Latency_IsConvertedFromMicrosecondsToMilliseconds()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddLatency("churn", "AllTraffic", p90Microseconds: 250_000);

        var panel = Panel(await LoadAsync(endpoint), "model-latency");

        Assert.All(panel.Lines.Single(l => l.Name == "p90").Points, p => Assert.Equal(250, p.Value));
        Assert.Equal("ms", panel.Spec.Unit);
        Assert.Equal(250, panel.Bands.Single(b => b.Line == "p90").Bands[0].Median);
    }

    [Fact]
    public async Task LoadAsync_LatencyPanel_EveryPercentileHasItsOwnNamedBand()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddLatency("churn", "AllTraffic", p90Microseconds: 250_000);

        var panel = Panel(await LoadAsync(endpoint), "model-latency");

        Assert.Equal(["p50 baseline", "p90 baseline", "p99 baseline"], panel.Bands.Select(b => b.Name));
        Assert.Equal(["p50", "p90", "p99"], panel.Bands.Select(b => b.Line));
        Assert.All(panel.Bands, b => Assert.Equal(panel.Lines.Single(l => l.Name == b.Line).Points[0].Value, b.Bands[0].Median));
    }

    [Fact]
    public async Task LoadAsync_P99Rises_IsJudgedAgainstItsOwnBand()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        var surge = At(4, 11, 10);
        _queries.Add(Key(M.ModelLatency, "churn", "p50"), Minutes(HistoryFrom, To, 100_000));
        _queries.Add(Key(M.ModelLatency, "churn", "p90"), Minutes(HistoryFrom, To, 250_000));
        // p99 doubles for five minutes: still below nothing the p90 band would mark, far above its own.
        _queries.Add(Key(M.ModelLatency, "churn", "p99"), Minutes(HistoryFrom, To, t => t >= surge && t < surge + 5 * Minute ? 800_000 : 400_000));

        var panel = Panel(await LoadAsync(endpoint), "model-latency");

        Assert.Equal(5, panel.Outliers.Count);
        Assert.All(panel.Outliers, p => Assert.Equal(800, p.Value));
    }

    [Fact]
    public async Task LoadAsync_ErrorRatePanel_IsDerivedPerMinuteInsideTheRange()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic", invocations: 200, errors4xx: 2, errors5xx: 4);

        var line = Assert.Single(Panel(await LoadAsync(endpoint), "error-rate").Lines);

        Assert.Equal("error rate", line.Name);
        Assert.Equal(120, line.Points.Count);
        Assert.All(line.Points, p => Assert.Equal(3.0, p.Value, 9));
        Assert.Equal(From, line.Points[0].Time);
        Assert.Equal(To - Minute, line.Points[^1].Time);
    }

    [Fact]
    public async Task LoadAsync_Bands_AreClippedToTheRequestedRange()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic");

        var bands = Assert.Single(Panel(await LoadAsync(endpoint), "invocations").Bands).Bands;

        Assert.Equal(3, bands.Count); // the hours of 10:30, 11:00 and 12:00
        Assert.Equal(From, bands[0].Start);
        Assert.Equal(At(4, 11), bands[0].End);
        Assert.Equal(To, bands[^1].End);
    }

    [Fact]
    public async Task LoadAsync_CountAndUtilisationBands_KeepTheirMadBandWithFloors()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic", invocations: 100);
        _queries.Add(Key(M.CpuUtilization, "churn", "Average"), Minutes(HistoryFrom, To, 50));

        var panels = await LoadAsync(endpoint);

        var count = Panel(panels, "invocations").Bands[0].Bands[0];
        Assert.Equal(100, count.Median);
        Assert.Equal(4.4478, count.Upper - count.Median, 3); // the MAD floor (1 % of the median) only: Poisson noise is judged per point
        var errors = Panel(panels, "errors").Bands[0].Bands[0];
        Assert.Equal((0, 1), (errors.Median, errors.Upper)); // none usually: rare, not never
        var cpu = Panel(panels, "cpu").Bands[0].Bands[0];
        Assert.Equal(50, cpu.Median);
        Assert.Equal(3 * 1.4826, cpu.Upper - cpu.Median, 6); // at least 1 percentage point of MAD
    }

    [Fact]
    public async Task LoadAsync_SurgeOfThreeMinutes_IsMarkedButASingleMinuteIsNot()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        var spike = At(4, 10, 45);
        var surge = At(4, 11, 15);
        AddCounts("churn", "AllTraffic", invocations: 100,
            invocationsAt: t => t == spike || (t >= surge && t < surge + 3 * Minute) ? 400 : 100);

        var panel = Panel(await LoadAsync(endpoint), "invocations");

        Assert.Equal([surge, surge + Minute, surge + 2 * Minute], panel.Outliers.Select(p => p.Time));
        Assert.Empty(Panel(await LoadAsync(endpoint), "errors").Outliers);
    }

    [Fact]
    public async Task LoadAsync_QuietEndpointWithOccasionalErrors_ErrorRateIsNotMarked()
    {
        // 20 calls a minute and one failure every seventh minute: 5 % in those minutes, 0.7 % overall.
        var endpoint = Endpoint("quiet", ("AllTraffic", "ml.m5.large"));
        AddCounts("quiet", "AllTraffic", invocations: 20, errors4xxAt: t => t / Minute % 7 == 0 ? 1 : 0);

        var panel = Panel(await LoadAsync(endpoint), "error-rate");

        Assert.Contains(panel.Lines[0].Points, p => p.Value == 5);
        Assert.Empty(panel.Outliers);
    }

    [Fact]
    public async Task LoadAsync_QuietEndpointErrorBurst_IsMarked()
    {
        var endpoint = Endpoint("quiet", ("AllTraffic", "ml.m5.large"));
        var burst = At(4, 11);
        AddCounts("quiet", "AllTraffic", invocations: 20,
            errors4xxAt: t => t >= burst && t < burst + 5 * Minute ? 8 : t / Minute % 7 == 0 ? 1 : 0);

        var panel = Panel(await LoadAsync(endpoint), "error-rate");

        Assert.Equal(5, panel.Outliers.Count);
        Assert.All(panel.Outliers, p => Assert.InRange(p.Time, burst, burst + 4 * Minute));
    }

    [Fact]
    public async Task LoadAsync_ComparePreviousDay_AddsYesterdaysLineShiftedOntoTheRange()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic", invocationsAt: t => t < At(4, 0) ? 80 : 100);

        var panel = Panel(await LoadAsync(endpoint, Request with { Compare = ComparePeriod.PreviousDay }), "invocations");

        var previous = Assert.Single(panel.Previous);
        Assert.Equal("Invocations (yesterday)", previous.Name);
        Assert.Equal(120, previous.Points.Count);
        Assert.Equal(From, previous.Points[0].Time);
        Assert.All(previous.Points, p => Assert.Equal(80, p.Value));
        Assert.Empty(Panel(await LoadAsync(endpoint), "invocations").Previous);
    }

    [Fact]
    public async Task LoadAsync_ComparePreviousWeek_ShiftsLastWeeksLineBySevenDays()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic");
        _queries.Add(Key(M.Invocations, "churn"), Minutes(From - 7 * Day, To - 7 * Day, 60));

        var panel = Panel(await LoadAsync(endpoint, Request with { Compare = ComparePeriod.PreviousWeek }), "invocations");

        var previous = Assert.Single(panel.Previous);
        Assert.Equal("Invocations (last week)", previous.Name);
        Assert.Equal((From, To - Minute), (previous.Points[0].Time, previous.Points[^1].Time));
        Assert.All(previous.Points, p => Assert.Equal(60, p.Value));
    }

    [Fact]
    public async Task LoadAsync_CpuPanel_CeilingReferenceIsVCpusTimes100OncePerInstanceType()
    {
        var endpoint = Endpoint("fraud", ("blue", "ml.m5.xlarge"), ("green", "ml.m5.xlarge"));

        var panels = await LoadAsync(endpoint);

        var reference = Assert.Single(Panel(panels, "cpu").References);
        Assert.Equal(400, reference.Value);
        Assert.Contains("4 vCPU", reference.Label);
        Assert.Empty(Panel(panels, "memory").References);
    }

    [Fact]
    public async Task LoadAsync_GpuInstance_AddsGpuPanelsWithAGpuCeiling()
    {
        var gpu = await LoadAsync(Endpoint("vision", ("AllTraffic", "ml.g5.12xlarge")));
        var cpuOnly = await LoadAsync(Endpoint("churn", ("AllTraffic", "ml.m5.xlarge")));

        Assert.Equal(400, Assert.Single(Panel(gpu, "gpu").References).Value); // 4 GPUs
        Assert.Equal(4800, Assert.Single(Panel(gpu, "cpu").References).Value);
        Assert.Contains(gpu, p => p.Spec.Id == "gpu-memory");
        Assert.DoesNotContain(cpuOnly, p => p.Spec.Id is "gpu" or "gpu-memory");
    }

    [Fact]
    public async Task LoadAsync_DriftSeries_DriftPanelWithOneLinePerFeatureAndTheThreshold()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        _queries.Add(DriftKey("churn", "income"), [new MetricPoint(At(4, 11), 0.05), new MetricPoint(At(4, 12), 0.2)]);
        _queries.Add(DriftKey("churn", "age"), [new MetricPoint(At(4, 11), 0.01)]);

        var drift = Panel(await LoadAsync(endpoint), "drift");

        Assert.Equal(["age", "income"], drift.Lines.Select(l => l.Name));
        Assert.Equal(DriftThreshold, Assert.Single(drift.References).Value);
        Assert.Contains("drift threshold 0.1", drift.BaselineRule);
        Assert.Empty(drift.Bands);
        Assert.Equal("distance", drift.Spec.Unit);
    }

    [Fact]
    public async Task LoadAsync_NoDriftSeries_NoDriftPanel()
    {
        var panels = await LoadAsync(Endpoint("churn", ("AllTraffic", "ml.m5.xlarge")));

        Assert.DoesNotContain(panels, p => p.Spec.Kind == PanelKind.Drift);
    }

    [Fact]
    public async Task LoadAsync_SeriesWithExtraDimensions_AreNotMixedIntoTheEndpointsLines()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic", invocations: 100);
        _queries.Add(Key(M.Invocations, "churn", extra: ("EndpointConfigName", "churn-config-4")), Minutes(HistoryFrom, To, 999));

        var line = Assert.Single(Panel(await LoadAsync(endpoint), "invocations").Lines);

        Assert.All(line.Points, p => Assert.Equal(100, p.Value));
    }

    [Fact]
    public async Task LoadAsync_MaxPoints_DownsamplesEveryLine()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic", invocationsAt: t => t % 7);

        var panels = await LoadAsync(endpoint, Request with { MaxPoints = 50, Compare = ComparePeriod.PreviousDay });

        Assert.Equal(50, Panel(panels, "invocations").Lines[0].Points.Count);
        Assert.Equal(50, Panel(panels, "invocations").Previous[0].Points.Count);
    }

    [Fact]
    public async Task LoadAsync_PinnedWindow_ReadsTheWindowAndSaysSoInTheRule()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        _queries.Add(Key(M.Invocations, "churn"), Minutes(At(1, 0), To, 100));
        var pinned = Request with { PinFrom = At(1, 0), PinTo = At(2, 0) };

        var panel = Panel(await LoadAsync(endpoint, pinned), "invocations");

        Assert.Equal(At(1, 0), _queries.LastRead.From);
        Assert.StartsWith("Grey band: pinned baseline 1 Jun 00:00 – 2 Jun 00:00 UTC", panel.BaselineRule);
        Assert.Equal(From, Assert.Single(panel.Bands).Bands[0].Start);
        Assert.Contains("Pinned window", _charts.DescribeBaseline(pinned));
        Assert.Contains("Poisson", _charts.DescribeBaseline(Request));
    }

    [Fact]
    public async Task LoadLinesSinceAsync_ReturnsOnlyPointsAtOrAfterSince()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic");
        AddLatency("churn", "AllTraffic");
        var since = At(4, 12, 25);

        var lines = await _charts.LoadLinesSinceAsync(endpoint, since, To, TestContext.Current.CancellationToken);

        var invocations = Assert.Single(lines["invocations"]);
        Assert.Equal([since, since + Minute, since + 2 * Minute, since + 3 * Minute, since + 4 * Minute], invocations.Points.Select(p => p.Time));
        Assert.Equal(["p50", "p90", "p99"], lines["model-latency"].Select(l => l.Name));
        Assert.All(lines.Values.SelectMany(l => l).SelectMany(l => l.Points), p => Assert.InRange(p.Time, since, To - 1));
        Assert.DoesNotContain("gpu", lines.Keys);
    }

    [Fact]
    public async Task LoadAsync_PageAlreadyGone_StopsInsteadOfComputingThePanels()
    {
        var endpoint = Endpoint("churn", ("AllTraffic", "ml.m5.xlarge"));
        AddCounts("churn", "AllTraffic");
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        // The in-memory reads ignore the token, as a read already finished would: the computing itself has to stop.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _charts.LoadAsync(endpoint, Request, gone.Token));
    }

    [Fact]
    public async Task HistoryStartAsync_IsTheOldestStoredPointOfTheEndpoint()
    {
        AddCounts("churn", "AllTraffic");
        _queries.Add(Key(M.Invocations, "fraud", "Sum", "AllTraffic"), Minutes(At(1, 0), At(1, 1), 1));

        Assert.Equal(HistoryFrom, await _charts.HistoryStartAsync("churn", TestContext.Current.CancellationToken));
        Assert.Null(await _charts.HistoryStartAsync("unknown", TestContext.Current.CancellationToken));
    }

    private Task<IReadOnlyList<PanelData>> LoadAsync(EndpointState endpoint, ChartRequest? request = null) =>
        _charts.LoadAsync(endpoint, request ?? Request, TestContext.Current.CancellationToken);

    private static PanelData Panel(IReadOnlyList<PanelData> panels, string id) => panels.Single(p => p.Spec.Id == id);

    private void AddLatency(string endpoint, string variant, double p90Microseconds = 100_000)
    {
        _queries.Add(Key(M.ModelLatency, endpoint, "p50", variant), Minutes(HistoryFrom, To, p90Microseconds / 2));
        _queries.Add(Key(M.ModelLatency, endpoint, "p90", variant), Minutes(HistoryFrom, To, p90Microseconds));
        _queries.Add(Key(M.ModelLatency, endpoint, "p99", variant), Minutes(HistoryFrom, To, p90Microseconds * 2));
    }

    private void AddCounts(string endpoint, string variant, double invocations = 100, double errors4xx = 0, double errors5xx = 0,
        Func<long, double>? invocationsAt = null, Func<long, double>? errors4xxAt = null)
    {
        _queries.Add(Key(M.Invocations, endpoint, "Sum", variant), Minutes(HistoryFrom, To, invocationsAt ?? (_ => invocations)));
        _queries.Add(Key(M.Invocation4XXErrors, endpoint, "Sum", variant), Minutes(HistoryFrom, To, errors4xxAt ?? (_ => errors4xx)));
        _queries.Add(Key(M.Invocation5XXErrors, endpoint, "Sum", variant), Minutes(HistoryFrom, To, errors5xx));
    }

    private static EndpointState Endpoint(string name, params (string Variant, string InstanceType)[] variants) =>
        new(name, $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}", EndpointStatuses.InService, $"{name}-config",
            DateTimeOffset.FromUnixTimeSeconds(At(1, 0)), DateTimeOffset.FromUnixTimeSeconds(At(2, 0)), null,
            variants.Select(v => new VariantState(v.Variant, v.InstanceType, 1, 1, 1, 1)).ToList(), DateTimeOffset.FromUnixTimeSeconds(To));
}
