using Dashboard.Core.Baselines;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Fleet;
using Dashboard.Core.Health;
using Dashboard.Core.Live;
using Dashboard.Core.Overview;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Tests.Charts;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Charts.ChartTestData;
using M = Dashboard.Core.Metrics.SageMakerMetrics;

namespace Dashboard.Core.Tests.Overview;

public sealed class FleetOverviewServiceTests
{
    // Wednesday 4 June 12:10; two days of weekday history behind it.
    private static readonly long Now = At(4, 12, 10);
    private static readonly long HistoryFrom = At(2, 11);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(Now));
    private readonly InMemoryMetricQueries _queries = new();
    private readonly LiveStore _live;
    private readonly DriftReadBoard _drift = new();
    private readonly FleetOverviewService _service;

    public FleetOverviewServiceTests()
    {
        _live = new LiveStore(_time);
        _service = new FleetOverviewService(_queries, _live, new BaselineOptions { LookbackDays = 2, K = 3, MinSamples = 10 },
            Options.Create(new OverviewOptions()), _drift, _time);
    }

    [Fact]
    public async Task GetAsync_TwoVariants_RedNumbersOverTheLastMinutes()
    {
        _live.PublishFleet([Endpoint("fraud", variants: ["blue", "green"])]);
        AddVariant("fraud", "blue", invocations: 300, errors4xx: 1.5, p90Ms: 100);
        AddVariant("fraud", "green", invocations: 100, errors5xx: 0.5, p90Ms: 200);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(400, row.InvocationsPerMinute);
        Assert.Equal(0.5, row.ErrorRatePercent!.Value, 9);
        Assert.Equal(125, row.P90LatencyMs!.Value, 9); // weighted by invocations: (300 × 100 + 100 × 200) / 400
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Now), row.DataAsOf);
        Assert.Equal(HealthLevel.Healthy, row.Health.Level);
    }

    [Fact]
    public async Task GetAsync_RedNumbers_AreOverTheLastTenCompleteMinutes()
    {
        _live.PublishFleet([Endpoint("churn")]);
        AddVariant("churn", "AllTraffic", invocationsAt: t => t >= Now - 10 * Minute ? 50 : 5_000);

        var overview = await GetAsync();

        Assert.Equal(50, Assert.Single(overview.Rows).InvocationsPerMinute);
        Assert.Equal("last 10 min", overview.WindowLabel);
    }

    [Fact]
    public async Task GetAsync_Trends_Are48BucketsOverTheLastDay()
    {
        _live.PublishFleet([Endpoint("fraud", variants: ["blue", "green"])]);
        AddVariant("fraud", "blue", invocations: 300, errors4xx: 1.5, p90Ms: 100);
        AddVariant("fraud", "green", invocations: 100, errors5xx: 0.5, p90Ms: 200);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(48, row.InvocationsTrend.Count);
        Assert.Equal(48, row.ErrorRateTrend.Count);
        Assert.Equal(48, row.LatencyTrend.Count);
        Assert.All(row.InvocationsTrend, v => Assert.Equal(400, v, 9)); // per minute, summed over variants
        Assert.All(row.ErrorRateTrend, v => Assert.Equal(0.5, v, 9));
        Assert.All(row.LatencyTrend, v => Assert.Equal(125, v, 9)); // weighted by invocations, like the headline number
    }

    [Fact]
    public async Task GetAsync_TrendOfAnEndpointWithoutData_IsFlatZero()
    {
        _live.PublishFleet([Endpoint("idle")]);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(48, row.InvocationsTrend.Count);
        Assert.All(row.InvocationsTrend, v => Assert.Equal(0, v));
        Assert.Null(row.InvocationsPerMinute);
        Assert.Null(row.ErrorRatePercent);
        Assert.Null(row.P90LatencyMs);
        Assert.Null(row.TopDeviation);
        Assert.Null(row.DataAsOf);
    }

    [Fact]
    public async Task GetAsync_LatencyJump_IsTheTopDeviationAndMakesTheEndpointCritical()
    {
        _live.PublishFleet([Endpoint("fraud", variants: ["blue", "green"])]);
        AddVariant("fraud", "blue", p90MsAt: t => t >= Now - 20 * Minute ? 300 : 100);
        AddVariant("fraud", "green", p90Ms: 100);

        var row = Assert.Single((await GetAsync()).Rows);

        var top = row.TopDeviation!;
        Assert.Equal("blue ModelLatency p90", top.Metric);
        Assert.Equal(("ms", 300.0, 100.0), (top.Unit, top.Value, top.BaselineMedian));
        Assert.True(top.Z > 6);
        Assert.Equal(HealthLevel.Critical, row.Health.Level);
        Assert.Contains("robust SD above its baseline", row.Health.Reasons[0]);
    }

    [Fact]
    public async Task GetAsync_FirstErrorsAfterAnErrorFreeWeek_AreMeasuredAgainstTheNoiseFloorNotAZeroSpread()
    {
        _live.PublishFleet([Endpoint("quiet")]);
        _queries.Add(Key(M.Invocations, "quiet", "Sum", "AllTraffic"), Minutes(HistoryFrom, Now, 200));
        // No errors all week, then one 5XX in each of the last ten minutes: 0.5 % of 200 calls.
        _queries.Add(Key(M.Invocation5XXErrors, "quiet", "Sum", "AllTraffic"), Minutes(HistoryFrom, Now, t => t >= Now - 10 * Minute ? 1 : 0));

        var top = Assert.Single((await GetAsync()).Rows).TopDeviation!;

        Assert.Equal("Error rate", top.Metric);
        Assert.InRange(top.Z, 1, 3); // 0.31 points above a zero median, against a 0.25-point floor: not thousands of σ
    }

    [Fact]
    public async Task GetAsync_SteadyEndpoint_TopDeviationIsNearZero()
    {
        _live.PublishFleet([Endpoint("churn")]);
        AddVariant("churn", "AllTraffic");

        var top = Assert.Single((await GetAsync()).Rows).TopDeviation!;

        Assert.InRange(top.Z, -0.01, 0.01);
        Assert.DoesNotContain("AllTraffic", top.Metric); // a single variant is not named
    }

    [Fact]
    public async Task GetAsync_MixedFleet_HealthLevelsAndCounts()
    {
        _live.PublishFleet(
        [
            Endpoint("churn"),
            Endpoint("fraud", EndpointStatuses.Failed),
            Endpoint("idle"),
            Endpoint("stale"),
        ]);
        AddVariant("churn", "AllTraffic");
        AddVariant("fraud", "AllTraffic");
        AddVariant("stale", "AllTraffic", until: Now - 30 * Minute);

        var overview = await GetAsync();

        var levels = overview.Rows.ToDictionary(r => r.Endpoint.Name, r => r.Health);
        Assert.Equal(HealthLevel.Healthy, levels["churn"].Level);
        Assert.Equal(HealthLevel.Critical, levels["fraud"].Level);
        Assert.Equal(["No metric data received yet"], levels["idle"].Reasons);
        Assert.StartsWith("Data delayed since 2025-06-04 11:40 UTC", Assert.Single(levels["stale"].Reasons));
        Assert.Equal(new HealthCounts(1, 2, 1), overview.Counts);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Now), overview.ComputedAt);
    }

    [Fact]
    public async Task GetAsync_DriftAboveTheThreshold_DegradesTheEndpoint()
    {
        _live.PublishFleet([Endpoint("churn")]);
        AddVariant("churn", "AllTraffic");
        _queries.Add(DriftKey("churn", "income"), [new(At(4, 11), 0.4)]);
        _queries.Add(DriftKey("churn", "age"), [new(At(4, 11), 0.02)]);

        var health = Assert.Single((await GetAsync()).Rows).Health;

        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Contains("feature 'income'", Assert.Single(health.Reasons));
    }

    [Fact]
    public async Task GetAsync_OwnDriftOverItsThresholdAndQualityWorse_DegradesWithBothReasons_AndTheRowCarriesThem()
    {
        _live.PublishFleet([Endpoint("credit")]);
        AddVariant("credit", "AllTraffic");
        var standing = new DriftStanding("credit", DateTimeOffset.FromUnixTimeSeconds(Now - 120),
            new FeatureStanding("channel", 0.42, 0.1, At(4, 11)),
            new QualityStanding(ProblemType.BinaryClassification, new QualityMetric("f1", 0.71, 0.68, 0.74), 0.86, 900));
        _drift.Stood(standing);
        _drift.Monitored("credit", [], DateTimeOffset.FromUnixTimeSeconds(Now));

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(HealthLevel.Degraded, row.Health.Level);
        Assert.Equal(["Data drift on feature 'channel': score 0.42, 4.2× its threshold 0.1",
            "Model quality: F1 0.71 over the last day (95 % interval 0.68–0.74, 900 labelled) is below the baseline's 0.86"], row.Health.Reasons);
        Assert.Same(standing, row.Drift);
        Assert.NotNull(row.Monitors);
    }

    [Fact]
    public async Task GetAsync_OwnDriftScoredMoreThan3HoursAgo_DoesNotCount()
    {
        _live.PublishFleet([Endpoint("credit")]);
        AddVariant("credit", "AllTraffic");
        _drift.Stood(new DriftStanding("credit", DateTimeOffset.FromUnixTimeSeconds(Now), new FeatureStanding("channel", 0.42, 0.1, At(4, 8)), null));

        Assert.Equal(HealthLevel.Healthy, Assert.Single((await GetAsync()).Rows).Health.Level);
    }

    [Fact]
    public async Task GetAsync_SecondCallWithUnchangedInputs_DoesNotQueryAgain()
    {
        _live.PublishFleet([Endpoint("churn")]);
        AddVariant("churn", "AllTraffic");
        var first = await GetAsync();

        _time.Advance(TimeSpan.FromSeconds(4));
        var second = await GetAsync();

        Assert.Equal(1, _queries.ReadCalls);
        Assert.Equal(first.ComputedAt, second.ComputedAt);
    }

    [Fact]
    public async Task GetAsync_NewData_IsQueriedOnceASecondHasPassed()
    {
        _live.PublishFleet([Endpoint("churn")]);
        AddVariant("churn", "AllTraffic");
        await GetAsync();

        _live.PublishMetrics(["churn"], Now - Minute);
        await GetAsync();
        Assert.Equal(1, _queries.ReadCalls); // at most one recomputation a second

        _time.Advance(TimeSpan.FromSeconds(1));
        var updated = await GetAsync();

        Assert.Equal(2, _queries.ReadCalls);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Now + 1), updated.ComputedAt);
    }

    [Fact]
    public async Task GetAsync_NewFleet_IsRecomputed()
    {
        _live.PublishFleet([Endpoint("churn")]);
        await GetAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        _live.PublishFleet([Endpoint("churn"), Endpoint("fraud")]);
        var overview = await GetAsync();

        Assert.Equal(["churn", "fraud"], overview.Rows.Select(r => r.Endpoint.Name));
    }

    [Fact]
    public async Task GetAsync_OlderThanTheRefreshInterval_IsRecomputedWithoutNewData()
    {
        _live.PublishFleet([Endpoint("churn")]);
        await GetAsync();

        _time.Advance(new OverviewOptions().RefreshInterval);
        await GetAsync();

        Assert.Equal(2, _queries.ReadCalls);
    }

    [Fact]
    public async Task GetAsync_Cached_StillShowsTheCurrentSourcesAndBackfill()
    {
        _live.PublishFleet([Endpoint("churn")]);
        await GetAsync();

        _live.ReportFailure("CloudWatch", "ThrottlingException: slow down");
        _live.ReportSuccess("SageMaker");
        var overview = await GetAsync();

        Assert.Equal(1, _queries.ReadCalls);
        Assert.Equal(["CloudWatch", "SageMaker"], overview.Sources.Select(s => s.Source));
        Assert.True(overview.Sources[0].IsFailing);
    }

    [Fact]
    public async Task GetAsync_ErrorRateJustAboveTheLimitOnLittleTraffic_StaysHealthy()
    {
        // 60 calls a minute and 7 failures in the last 10 minutes: 1.17 %, but not surely above 1 % on 600 calls.
        _live.PublishFleet([Endpoint("quiet")]);
        AddVariant("quiet", "AllTraffic", invocations: 60, errors5xxAt: t => t >= Now - 10 * Minute && t / Minute % 10 < 7 ? 1 : 0);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(7.0 / 6, row.ErrorRatePercent!.Value, 9);
        Assert.Equal(HealthLevel.Healthy, row.Health.Level);
    }

    [Fact]
    public async Task GetAsync_ErrorsForTheLastThreeMinutesOnly_DoNotDegradeYet()
    {
        _live.PublishFleet([Endpoint("fraud")]);
        AddVariant("fraud", "AllTraffic", invocations: 1000, errors5xxAt: t => t >= Now - 3 * Minute ? 100 : 0);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(3, row.ErrorRatePercent!.Value, 9);
        Assert.Equal(HealthLevel.Healthy, row.Health.Level);
    }

    [Fact]
    public async Task GetAsync_ErrorsForTenMinutes_Degrade()
    {
        // The 10-minute rate is surely above 1 % from the sixth minute on, and has been for five minutes now.
        _live.PublishFleet([Endpoint("fraud")]);
        AddVariant("fraud", "AllTraffic", invocations: 1000, errors5xxAt: t => t >= Now - 10 * Minute ? 30 : 0);

        var health = Assert.Single((await GetAsync()).Rows).Health;

        Assert.Equal(HealthLevel.Degraded, health.Level);
        Assert.Equal("5XX+4XX error rate 3.0 %, 300 of 10,000 calls (degraded above 1 % with 99 % confidence)", Assert.Single(health.Reasons));
    }

    [Fact]
    public async Task GetAsync_ErrorsEndedFifteenMinutesAgo_StillHeldUntilTenMinutesClear()
    {
        // The 10-minute rate fell below 1 % at 12:01 and below 0.8 % only at 12:02: not yet ten minutes clear.
        _live.PublishFleet([Endpoint("fraud")]);
        AddVariant("fraud", "AllTraffic", invocations: 1000,
            errors5xxAt: t => t >= Now - 40 * Minute && t < Now - 15 * Minute ? 30 : 0);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(0, row.ErrorRatePercent);
        Assert.Equal(HealthLevel.Degraded, row.Health.Level);
        Assert.Equal(
            ["5XX+4XX error rate 1.5 %, 150 of 10,000 calls (degraded above 1 % with 99 % confidence), until 12:00 UTC",
             "Held until 10 minutes below 80 % of the limits"],
            row.Health.Reasons);
    }

    [Fact]
    public async Task GetAsync_RowFiguresAndTopDeviation_UseTheSameWindow()
    {
        _live.PublishFleet([Endpoint("churn")]);
        // p90 steps up 12 minutes ago: a 6-minute row and a 16-minute deviation mean disagreed.
        AddVariant("churn", "AllTraffic", p90MsAt: t => t >= Now - 12 * Minute ? 300 : t >= Now - 16 * Minute ? 200 : 100);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(300, row.P90LatencyMs!.Value, 9);
        Assert.Equal(300, row.TopDeviation!.Value, 9);
        Assert.Contains("p90 model latency 300 ms", row.Health.Reasons[0]);
    }

    [Fact]
    public async Task GetAsync_UtilisationReadAnHourAgo_IsJudgedOnItsLastReading()
    {
        _live.PublishFleet([Endpoint("quiet")]);
        // Against AWS a quiet endpoint's CPU is read once an hour: the last reading, 40 minutes old, is 95 % of 4 vCPUs.
        AddVariant("quiet", "AllTraffic", cpu: 380, cpuUntil: Now - 40 * Minute);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.Equal(HealthLevel.Degraded, row.Health.Level);
        Assert.Contains(row.Health.Reasons, r => r.Contains("CPU", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetAsync_UtilisationOlderThanTheSlowestRead_IsNotJudged()
    {
        _live.PublishFleet([Endpoint("quiet")]);
        AddVariant("quiet", "AllTraffic", cpu: 380, cpuUntil: Now - 3 * 60 * Minute);

        var row = Assert.Single((await GetAsync()).Rows);

        Assert.DoesNotContain(row.Health.Reasons, r => r.Contains("CPU", StringComparison.Ordinal));
    }

    private Task<FleetOverview> GetAsync() => _service.GetAsync(TestContext.Current.CancellationToken);

    /// <summary>Minute series of one variant from two days back to <paramref name="until"/> (default: the minute before now).</summary>
    private void AddVariant(string endpoint, string variant, double invocations = 100, double errors4xx = 0, double errors5xx = 0,
        double p90Ms = 80, Func<long, double>? invocationsAt = null, Func<long, double>? p90MsAt = null, long? until = null,
        Func<long, double>? errors5xxAt = null, double cpu = 40, long? cpuUntil = null)
    {
        var to = until ?? Now;
        _queries.Add(Key(M.Invocations, endpoint, "Sum", variant), Minutes(HistoryFrom, to, invocationsAt ?? (_ => invocations)));
        _queries.Add(Key(M.Invocation4XXErrors, endpoint, "Sum", variant), Minutes(HistoryFrom, to, errors4xx));
        _queries.Add(Key(M.Invocation5XXErrors, endpoint, "Sum", variant), Minutes(HistoryFrom, to, errors5xxAt ?? (_ => errors5xx)));
        _queries.Add(Key(M.ModelLatency, endpoint, "p90", variant), Minutes(HistoryFrom, to, t => 1000 * (p90MsAt?.Invoke(t) ?? p90Ms)));
        _queries.Add(Key(M.CpuUtilization, endpoint, "Average", variant), Minutes(HistoryFrom, cpuUntil ?? to, cpu));
    }

    private static EndpointState Endpoint(string name, string status = EndpointStatuses.InService, string[]? variants = null) =>
        new(name, $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}", status, $"{name}-config",
            DateTimeOffset.FromUnixTimeSeconds(At(1, 0)), DateTimeOffset.FromUnixTimeSeconds(At(2, 0)),
            status == EndpointStatuses.Failed ? "Model container failed its ping health check" : null,
            (variants ?? ["AllTraffic"]).Select(v => new VariantState(v, "ml.m5.xlarge", 1, 1, 1, 1)).ToList(),
            DateTimeOffset.FromUnixTimeSeconds(Now));
}
