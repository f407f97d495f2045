using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Tests.Scenario;

public sealed class RealismTests
{
    private static readonly FleetScenario Scenario = ScenarioHelpers.Create();

    // Tuesday 3 March 2026, a weekday: 03:00 UTC is the trough, 15:00 UTC the peak.
    private static readonly DateTimeOffset Tuesday = new(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Fleet_HasTenEndpointsWithUniqueNamesAndKnownInstanceTypes()
    {
        Assert.Equal(10, Scenario.Endpoints.Count);
        Assert.Equal(10, Scenario.Endpoints.Select(e => e.Name).Distinct().Count());
        Assert.All(Scenario.Endpoints.SelectMany(e => e.Variants), v => Assert.NotNull(InstanceTypes.Find(v.InstanceType)));
    }

    [Fact]
    public void ModelLatency_HigherCpu_HigherLatency()
    {
        var cpu = Scenario.Series("churn-prod", "AllTraffic", SageMakerMetrics.CpuUtilization);
        var latency = Scenario.Series("churn-prod", "AllTraffic", SageMakerMetrics.ModelLatency);
        var hours = Enumerable.Range(0, 7 * 24).Select(h => TestClock.Anchor.AddDays(-7).AddHours(h)).ToList();

        var cpuHourly = hours.Select(t => cpu.Value("Average", t, 3600)).ToList();
        var latencyHourly = hours.Select(t => latency.Value("Average", t, 3600)).ToList();

        Assert.True(ScenarioHelpers.Correlation(cpuHourly, latencyHourly) > 0.8);
        Assert.True(cpu.Value("Average", Tuesday.AddHours(15), 3600) > 2 * cpu.Value("Average", Tuesday.AddHours(3), 3600));
        Assert.True(latency.Value("p99", Tuesday.AddHours(15), 3600) > 1.3 * latency.Value("p99", Tuesday.AddHours(3), 3600));
    }

    [Fact]
    public void GpuMetrics_OnlyOnGpuInstanceTypes()
    {
        foreach (var endpoint in Scenario.Endpoints)
        {
            foreach (var variant in endpoint.Variants)
            {
                var type = InstanceTypes.Find(variant.InstanceType)!;
                var gpu = Scenario.FindSeries(endpoint.Name, variant.Name, SageMakerMetrics.GpuUtilization);
                var gpuMemory = Scenario.FindSeries(endpoint.Name, variant.Name, SageMakerMetrics.GpuMemoryUtilization);
                Assert.Equal(type.HasGpu, gpu is not null);
                Assert.Equal(type.HasGpu, gpuMemory is not null);
            }
        }
        Assert.Equal(3, Scenario.Endpoints.Count(e => e.Variants.Any(v => InstanceTypes.Find(v.InstanceType)!.HasGpu)));
    }

    [Fact]
    public void Utilisation_WithinAwsRanges()
    {
        var day = TestClock.Anchor.AddDays(-1);
        foreach (var series in Scenario.Series.Where(s => s.Namespace == SageMakerMetrics.InstanceNamespace))
        {
            var variant = Scenario.FindEndpoint(series.EndpointName)!.Variants.Single(v => v.Name == series.VariantName);
            var type = InstanceTypes.Find(variant.InstanceType)!;
            var ceiling = series.MetricName switch
            {
                SageMakerMetrics.CpuUtilization => type.CpuCeilingPercent,
                SageMakerMetrics.GpuUtilization or SageMakerMetrics.GpuMemoryUtilization => type.GpuCeilingPercent,
                _ => 100,
            };
            var values = series.Minutes("Maximum", day, TimeSpan.FromHours(24));
            Assert.Equal(1440, values.Count);
            Assert.All(values, v => Assert.InRange(v, 0, ceiling));
            Assert.All(values, v => Assert.Equal(Math.Round(v, 2), v));
        }
    }

    [Fact]
    public void CpuUtilization_MultiCoreInstance_ExceedsOneHundredAtPeak()
    {
        var cpu = Scenario.Series("churn-prod", "AllTraffic", SageMakerMetrics.CpuUtilization);

        Assert.True(cpu.Value("Average", Tuesday.AddHours(15), 3600) > 150);
        Assert.Equal("Percent", cpu.Unit);
    }

    [Fact]
    public void GpuMemory_RecsysRanker_NearNinetyPercent()
    {
        var memory = Scenario.Series("recsys-ranker", "AllTraffic", SageMakerMetrics.GpuMemoryUtilization)
            .Minutes("Average", TestClock.Anchor.AddDays(-1), TimeSpan.FromDays(1));

        Assert.InRange(memory.Average(), 87, 92);
        Assert.All(memory, v => Assert.InRange(v, 80, 99.9));
    }

    [Fact]
    public void GpuUtilization_FourGpuInstance_ReportsUpToFourHundred()
    {
        var gpu = Scenario.Series("llm-summarizer", "AllTraffic", SageMakerMetrics.GpuUtilization);
        var memory = Scenario.Series("llm-summarizer", "AllTraffic", SageMakerMetrics.GpuMemoryUtilization);

        Assert.True(gpu.Value("Average", Tuesday.AddHours(15), 3600) > 100);
        Assert.InRange(memory.Value("Average", Tuesday.AddHours(15), 3600), 250, 400);
    }

    [Fact]
    public void Invocation5XXErrors_DuringBurst_HighRateOtherwiseLow()
    {
        var errors = Scenario.Series("search-embeddings", "AllTraffic", SageMakerMetrics.Invocation5XXErrors);

        var during = errors.Minutes("Average", TestClock.Anchor.AddMinutes(-20), TimeSpan.FromMinutes(45));
        var before = errors.Minutes("Average", TestClock.Anchor.AddHours(-3), TimeSpan.FromHours(2));

        Assert.Equal(45, during.Count);
        Assert.All(during, rate => Assert.InRange(rate, 0.15, 0.3));
        Assert.All(before, rate => Assert.True(rate < 0.01));
        Assert.True(errors.Value("Sum", TestClock.Anchor, 300) > 100);
    }

    [Fact]
    public void Invocation5XXErrors_HistoricalBursts_Present()
    {
        var errors = Scenario.Series("search-embeddings", "AllTraffic", SageMakerMetrics.Invocation5XXErrors);
        var hours = Enumerable.Range(1, 14 * 24).Select(h => TestClock.Anchor.AddHours(-h))
            .Count(t => errors.Value("Average", t, 3600) > 0.02);

        Assert.InRange(hours, 3, 8);
    }

    [Fact]
    public void Drift_CreditRisk_TwoFeaturesAboveThresholdOthersBelow()
    {
        double Drift(string endpoint, string feature, DateTimeOffset at) =>
            Scenario.Series(endpoint, null, SageMakerMetrics.DriftPrefix + feature).Value("Maximum", at, 3600);

        Assert.True(Drift("credit-risk", "debt_to_income", TestClock.Anchor) > 0.1);
        Assert.True(Drift("credit-risk", "credit_utilization", TestClock.Anchor) > 0.1);
        Assert.True(Drift("credit-risk", "income", TestClock.Anchor) < 0.1);
        Assert.True(Drift("credit-risk", "age", TestClock.Anchor) < 0.1);
        Assert.True(Drift("credit-risk", "debt_to_income", TestClock.Anchor.AddDays(-4)) < 0.1);
        foreach (var series in Scenario.Series.Where(s => s.Kind == MetricKind.Drift && s.EndpointName != "credit-risk"))
        {
            Assert.All(series.Minutes("Maximum", TestClock.Anchor.AddDays(-7), TimeSpan.FromDays(7)), v => Assert.True(v < 0.06));
        }
    }

    [Fact]
    public void Drift_PublishedHourlyWithModelMonitorDimensions()
    {
        var series = Scenario.Series("credit-risk", null, SageMakerMetrics.DriftPrefix + "income");

        Assert.Equal(SageMakerMetrics.DataQualityNamespace, series.Namespace);
        Assert.Equal(["Endpoint", "MonitoringSchedule"], series.Dimensions.Select(d => d.Name));
        Assert.Equal(24, series.Minutes("Maximum", TestClock.Anchor.AddDays(-1), TimeSpan.FromDays(1)).Count);
    }

    [Fact]
    public void AbTest_TwoVariantsSplitTrafficEightyTwenty_BSlowerWithMore4xx()
    {
        var endpoint = Scenario.FindEndpoint("pricing-ab")!;
        Assert.Equal(["VariantA", "VariantB"], endpoint.Variants.Select(v => v.Name));
        Assert.Equal([0.8f, 0.2f], endpoint.Variants.Select(v => v.CurrentWeight));

        var day = TestClock.Anchor.AddDays(-1);
        double Daily(string variant, string metric, string stat) => Scenario.Series("pricing-ab", variant, metric).Value(stat, day, 86_400);

        var ratio = Daily("VariantA", SageMakerMetrics.Invocations, "Sum") / Daily("VariantB", SageMakerMetrics.Invocations, "Sum");
        Assert.InRange(ratio, 3.7, 4.3);
        Assert.True(Daily("VariantB", SageMakerMetrics.ModelLatency, "p50") > Daily("VariantA", SageMakerMetrics.ModelLatency, "p50"));
        Assert.True(Daily("VariantB", SageMakerMetrics.Invocation4XXErrors, "Average") > 2 * Daily("VariantA", SageMakerMetrics.Invocation4XXErrors, "Average"));
    }

    [Fact]
    public void Latency_PercentilesOrderedAndAverageConsistent()
    {
        foreach (var series in Scenario.Series.Where(s => SageMakerMetrics.IsLatency(s.MetricName)))
        {
            for (var t = TestClock.Anchor.AddHours(-30); t < TestClock.Anchor; t = t.AddMinutes(97))
            {
                if (series.GetValue(Statistic.SampleCount, 60, t) is null)
                {
                    continue;
                }
                var p50 = series.Value("p50", t);
                var p90 = series.Value("p90", t);
                var p99 = series.Value("p99", t);
                Assert.True(series.Value("Minimum", t) <= p50, $"{series} min at {t}");
                Assert.True(p50 < p90 && p90 < p99, $"{series} percentiles at {t}: {p50} {p90} {p99}");
                Assert.True(p99 <= series.Value("Maximum", t), $"{series} max at {t}");
                var average = series.Value("Average", t);
                Assert.InRange(average, p50, p99);
                Assert.Equal(series.Value("Sum", t), average * series.Value("SampleCount", t), 6);
            }
        }
    }

    [Fact]
    public void Latency_InMicrosecondsWithinRealisticRanges()
    {
        var day = TestClock.Anchor.AddDays(-1);
        foreach (var endpoint in Scenario.Endpoints)
        {
            foreach (var variant in endpoint.Variants)
            {
                var model = Scenario.Series(endpoint.Name, variant.Name, SageMakerMetrics.ModelLatency);
                var overhead = Scenario.Series(endpoint.Name, variant.Name, SageMakerMetrics.OverheadLatency);
                Assert.Equal("Microseconds", model.Unit);
                Assert.InRange(model.Value("p50", day, 86_400), 15_000, 400_000);
                Assert.InRange(overhead.Value("p50", day, 86_400), 1_000, 5_000);
                Assert.Equal(Math.Round(model.Value("Average", day, 60)), model.Value("Average", day, 60));
            }
        }
    }

    [Fact]
    public void ModelLatency_LlmSummarizer_DegradesOverLastFiveDays()
    {
        var latency = Scenario.Series("llm-summarizer", "AllTraffic", SageMakerMetrics.ModelLatency);
        var weekAgo = latency.Value("Average", TestClock.Anchor.AddDays(-7), 86_400);
        var sixDaysAgo = latency.Value("Average", TestClock.Anchor.AddDays(-6), 86_400);
        var lastDay = latency.Value("Average", TestClock.Anchor.AddDays(-1), 86_400);

        Assert.InRange(sixDaysAgo / weekAgo, 0.85, 1.15);
        Assert.True(lastDay > 1.4 * sixDaysAgo, $"{sixDaysAgo} -> {lastDay}");
    }

    [Fact]
    public void InstanceCount_FraudDetector_FollowsLoadBetweenTwoAndSix()
    {
        var counts = Enumerable.Range(0, 24 * 12).Select(i => Scenario.InstanceCount("fraud-detector", "AllTraffic", Tuesday.AddMinutes(5 * i))).ToList();

        Assert.Equal(2, counts.Min());
        Assert.InRange(counts.Max(), 5, 6);
        Assert.True(Scenario.InstanceCount("fraud-detector", "AllTraffic", Tuesday.AddHours(15))
            > Scenario.InstanceCount("fraud-detector", "AllTraffic", Tuesday.AddHours(3)));
        Assert.All(Enumerable.Range(0, 24), h => Assert.Equal(2, Scenario.InstanceCount("churn-prod", "AllTraffic", Tuesday.AddHours(h))));
    }

    [Fact]
    public void InvocationsPerInstance_EqualsInvocationsOverInstanceCount()
    {
        var invocations = Scenario.Series("fraud-detector", "AllTraffic", SageMakerMetrics.Invocations);
        var perInstance = Scenario.Series("fraud-detector", "AllTraffic", SageMakerMetrics.InvocationsPerInstance);
        foreach (var hour in new[] { 3, 9, 15, 21 })
        {
            var t = Tuesday.AddHours(hour);
            var count = Scenario.InstanceCount("fraud-detector", "AllTraffic", t);
            Assert.Equal(Math.Round(invocations.Value("Sum", t) / count, 2), perInstance.Value("Sum", t));
        }
    }

    [Fact]
    public void Invocations_WeekdayBusierThanWeekendAndDaytimeBusierThanNight()
    {
        var invocations = Scenario.Series("churn-prod", "AllTraffic", SageMakerMetrics.Invocations);
        var saturday = new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero);

        Assert.True(invocations.Value("Sum", Tuesday, 86_400) > 1.5 * invocations.Value("Sum", saturday, 86_400));
        Assert.True(invocations.Value("Sum", Tuesday.AddHours(15), 3600) > 3 * invocations.Value("Sum", Tuesday.AddHours(3), 3600));
        Assert.All(invocations.Minutes("Sum", Tuesday, TimeSpan.FromHours(2)), v => Assert.Equal(Math.Round(v), v));
    }

    [Fact]
    public void Invocations_DemandForecast_NearZeroAtNight()
    {
        var invocations = Scenario.Series("demand-forecast", "AllTraffic", SageMakerMetrics.Invocations);

        Assert.True(invocations.Value("Sum", Tuesday.AddHours(3), 3600) < 60);
        Assert.True(invocations.Value("Sum", Tuesday.AddHours(15), 3600) > 1_500);
        // Minutes without requests publish nothing, as SageMaker does.
        Assert.True(invocations.Minutes("Sum", Tuesday.AddHours(2), TimeSpan.FromHours(2)).Count < 120);
    }

    [Fact]
    public void DiskUtilization_GrowsThenDropsAtCleanUp()
    {
        var disk = Scenario.Series("churn-prod", "AllTraffic", SageMakerMetrics.DiskUtilization);
        var hourly = Enumerable.Range(0, 14 * 24).Select(h => disk.Value("Average", TestClock.Anchor.AddDays(-14).AddHours(h), 3600)).ToList();
        var drops = hourly.Zip(hourly.Skip(1)).Count(p => p.Second < p.First - 15);
        var rises = hourly.Zip(hourly.Skip(1)).Count(p => p.Second > p.First);

        Assert.InRange(drops, 1, 2);
        Assert.True(rises > hourly.Count * 0.8);
    }

    [Fact]
    public void GetValue_BeforeCreation_NoData()
    {
        var endpoint = Scenario.FindEndpoint("pricing-ab")!;
        var invocations = Scenario.Series("pricing-ab", "VariantA", SageMakerMetrics.Invocations);
        var cpu = Scenario.Series("pricing-ab", "VariantA", SageMakerMetrics.CpuUtilization);
        var createdMinute = new DateTimeOffset(endpoint.CreationTime.Ticks - endpoint.CreationTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

        Assert.Null(cpu.GetValue(Statistic.Average, 60, createdMinute));
        Assert.Null(invocations.GetValue(Statistic.Sum, 3600, createdMinute.AddHours(-2)));
        Assert.NotNull(cpu.GetValue(Statistic.Average, 60, createdMinute.AddMinutes(1)));
    }

    [Fact]
    public void GetValue_ByName_MatchesSeries()
    {
        var t = TestClock.Anchor.AddHours(-1);

        Assert.Equal(Scenario.Series("churn-prod", "AllTraffic", "ModelLatency").Value("p99", t, 300),
            Scenario.GetValue("churn-prod", "AllTraffic", "ModelLatency", "p99", 300, t));
        Assert.Null(Scenario.GetValue("churn-prod", "AllTraffic", "NoSuchMetric", "Sum", 60, t));
    }
}
