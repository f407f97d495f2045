namespace Dashboard.Simulator.Scenario;

/// <summary>
/// The simulated fleet. Every moment is placed relative to the anchor, so a freshly started demo always shows
/// the same story: an error burst in progress, drift that crossed its threshold in the last days, and so on.
/// </summary>
public static class FleetCatalog
{
    public static IReadOnlyList<EndpointProfile> Create(DateTimeOffset anchor)
    {
        DateTimeOffset Ago(double days, double extraSeconds = 0) => anchor.AddDays(-days).AddSeconds(extraSeconds);

        return
        [
            new EndpointProfile
            {
                Name = "churn-prod",
                ConfigName = "churn-prod-config-v7",
                CreationTime = Ago(96, 41_327.418),
                LastModifiedTime = Ago(31, 12_004.207),
                PeakRequestsPerMinute = 1_500,
                Demonstrates = "A healthy CPU endpoint with business-hours load; latency rises with CPU at the daily peak; monitored, no drift.",
                DataCaptureSamplingPercent = 20,
                Capture = CaptureCatalog.Churn(),
                Monitor = new DriftMonitor("churn-prod-data-quality",
                [
                    new DriftFeature("tenure_months", 0.031),
                    new DriftFeature("monthly_charges", 0.024),
                    new DriftFeature("support_calls", 0.045),
                    new DriftFeature("contract_type", 0.018),
                ]),
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.m5.xlarge", ModelName = "churn-xgboost-2026-01",
                        MinInstances = 2, CapacityPerInstance = 1_100, ModelLatencyMicros = 18_000, MemoryPercent = 38,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "fraud-detector",
                ConfigName = "fraud-detector-config-v12",
                CreationTime = Ago(140, 3_611.902),
                LastModifiedTime = Ago(12, 52_210.5),
                PeakRequestsPerMinute = 3_000,
                Shape = LoadShape.BusinessHours,
                Demonstrates = "Autoscaling between 2 and 6 instances as load follows the day; capture on, monitored, no drift.",
                DataCaptureSamplingPercent = 10,
                Capture = CaptureCatalog.Fraud(),
                Monitor = new DriftMonitor("fraud-detector-data-quality",
                [
                    new DriftFeature("amount", 0.038),
                    new DriftFeature("merchant_category", 0.027),
                    new DriftFeature("hour_of_day", 0.021),
                ]),
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.c5.2xlarge", ModelName = "fraud-lightgbm-v12",
                        MinInstances = 2, MaxInstances = 6, CapacityPerInstance = 1_000, ModelLatencyMicros = 15_000,
                        LatencySigma = 0.3, MemoryPercent = 52,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "recsys-ranker",
                ConfigName = "recsys-ranker-config-v3",
                CreationTime = Ago(61, 70_019.33),
                LastModifiedTime = Ago(20, 1_800.01),
                PeakRequestsPerMinute = 2_400,
                Shape = LoadShape.Steady,
                Demonstrates = "A GPU endpoint (1 GPU per instance, 2 instances) running with GPU memory near 90 %.",
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.g5.2xlarge", ModelName = "recsys-two-tower-v3",
                        MinInstances = 2, CapacityPerInstance = 2_000, ModelLatencyMicros = 32_000,
                        MemoryPercent = 61, GpuMemoryPercent = 89.5,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "llm-summarizer",
                ConfigName = "llm-summarizer-config-v2",
                CreationTime = Ago(45, 30_600.75),
                LastModifiedTime = Ago(9, 61_200.125),
                PeakRequestsPerMinute = 90,
                Demonstrates = "A 4-GPU instance (GPU metrics up to 400 %) whose model latency has been degrading steadily for ~5 days.",
                LatencyTrend = new LatencyTrend(Ago(5), PerDay: 0.16, MaxFactor: 2.2),
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.g5.12xlarge", ModelName = "summarizer-llama-8b-v2",
                        MinInstances = 1, CapacityPerInstance = 140, ModelLatencyMicros = 160_000, LatencySigma = 0.45,
                        OverheadMicros = 4_200, MemoryPercent = 47, GpuMemoryPercent = 76,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "search-embeddings",
                ConfigName = "search-embeddings-config-v5",
                CreationTime = Ago(74, 55_555.555),
                LastModifiedTime = Ago(18, 7_777.7),
                PeakRequestsPerMinute = 1_800,
                Shape = LoadShape.Steady,
                Demonstrates = "5XX bursts: one in progress around the anchor (−20 min to +25 min) and a few in the past.",
                Bursts =
                [
                    new ErrorBurst(anchor.AddMinutes(-20), anchor.AddMinutes(25), 0.22),
                    new ErrorBurst(Ago(2, -5 * 3600), Ago(2, -5 * 3600 + 30 * 60), 0.15),
                    new ErrorBurst(Ago(6, 2 * 3600), Ago(6, 2 * 3600 + 15 * 60), 0.35),
                    new ErrorBurst(Ago(10, -3 * 3600), Ago(10, -3 * 3600 + 40 * 60), 0.10),
                ],
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.g4dn.xlarge", ModelName = "e5-embeddings-v5",
                        MinInstances = 2, CapacityPerInstance = 1_600, ModelLatencyMicros = 22_000, LatencySigma = 0.3,
                        MemoryPercent = 44, GpuMemoryPercent = 58,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "credit-risk",
                ConfigName = "credit-risk-config-v4",
                CreationTime = Ago(120, 8_100.6),
                LastModifiedTime = Ago(40, 600.3),
                PeakRequestsPerMinute = 400,
                Demonstrates = "Input drift: debt_to_income and credit_utilization rise above 0.1 over the last 3 days; channel gains a new category 30 h ago and loses values 8 h ago; quality against ground truth falls.",
                DataCaptureSamplingPercent = 50,
                Capture = CaptureCatalog.CreditRisk(anchor, Ago(3)),
                Monitor = new DriftMonitor("credit-risk-data-quality",
                [
                    new DriftFeature("income", 0.034),
                    new DriftFeature("debt_to_income", 0.041, Ago(3), 0.24),
                    new DriftFeature("credit_utilization", 0.036, Ago(3), 0.145),
                    new DriftFeature("age", 0.022),
                    new DriftFeature("employment_type", 0.021),
                    // Its new category's share is added to this (the L-infinity distance over categories).
                    new DriftFeature("channel", 0.025),
                ]),
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.m5.large", ModelName = "credit-risk-glm-v4",
                        MinInstances = 1, CapacityPerInstance = 800, ModelLatencyMicros = 16_000, MemoryPercent = 33,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "pricing-ab",
                ConfigName = "pricing-ab-config-v2",
                CreationTime = Ago(6, -3 * 3600 - 17 * 60 - 0.25),
                LastModifiedTime = Ago(6, -3 * 3600 - 17 * 60 - 0.25),
                PeakRequestsPerMinute = 2_000,
                Demonstrates = "An A/B test: VariantA weight 0.8, VariantB 0.2; B is slower with more 4XX but predicts better. Created 6 days ago (no older data). A regressor with capture and ground truth but no Model Monitor.",
                DataCaptureSamplingPercent = 25,
                Capture = CaptureCatalog.Pricing(),
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "VariantA", InstanceType = "ml.c5.xlarge", ModelName = "pricing-gbm-v9",
                        CurrentWeight = 0.8f, MinInstances = 3, CapacityPerInstance = 1_300, ModelLatencyMicros = 21_000,
                        Error4xxRate = 0.004, MemoryPercent = 36,
                    },
                    new VariantProfile
                    {
                        Name = "VariantB", InstanceType = "ml.c5.xlarge", ModelName = "pricing-gbm-v10",
                        CurrentWeight = 0.2f, MinInstances = 1, CapacityPerInstance = 1_300, ModelLatencyMicros = 26_500,
                        Error4xxRate = 0.018, MemoryPercent = 41,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "image-moderation",
                ConfigName = "image-moderation-config-v8",
                Status = "Updating",
                CreationTime = Ago(88, 44_000.04),
                LastModifiedTime = anchor.AddMinutes(-12).AddSeconds(0.5),
                PeakRequestsPerMinute = 1_200,
                Shape = LoadShape.Steady,
                Demonstrates = "An update in flight (status Updating): desired weights and instance counts differ from current.",
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "resnet-v1", InstanceType = "ml.c5.xlarge", ModelName = "moderation-resnet-v1",
                        CurrentWeight = 0.7f, DesiredWeight = 0.3f, MinInstances = 3, DesiredInstanceCount = 2,
                        CapacityPerInstance = 700, ModelLatencyMicros = 48_000, MemoryPercent = 57,
                    },
                    new VariantProfile
                    {
                        Name = "resnet-v2", InstanceType = "ml.c5.xlarge", ModelName = "moderation-resnet-v2",
                        CurrentWeight = 0.3f, DesiredWeight = 0.7f, MinInstances = 1, DesiredInstanceCount = 3,
                        CapacityPerInstance = 800, ModelLatencyMicros = 41_000, MemoryPercent = 55,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "demand-forecast",
                ConfigName = "demand-forecast-config-v1",
                CreationTime = Ago(150, 20_000.2),
                LastModifiedTime = Ago(150, 20_000.2),
                PeakRequestsPerMinute = 40,
                Shape = LoadShape.NightQuiet,
                Demonstrates = "Low traffic, near zero at night and weekends (minutes with no requests publish no invocation metrics).",
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.m5.large", ModelName = "deepar-demand-v1",
                        MinInstances = 1, CapacityPerInstance = 120, ModelLatencyMicros = 85_000, LatencySigma = 0.4,
                        MemoryPercent = 29,
                    },
                ],
            },
            new EndpointProfile
            {
                Name = "support-intent",
                ConfigName = "support-intent-config-v3",
                CreationTime = Ago(33, 15_300.9),
                LastModifiedTime = Ago(14, 45_000.45),
                PeakRequestsPerMinute = 700,
                Demonstrates = "A second ordinary CPU endpoint: a quiet, healthy baseline to compare with.",
                Variants =
                [
                    new VariantProfile
                    {
                        Name = "AllTraffic", InstanceType = "ml.c5.xlarge", ModelName = "intent-distilbert-v3",
                        MinInstances = 2, CapacityPerInstance = 900, ModelLatencyMicros = 27_000, MemoryPercent = 49,
                    },
                ],
            },
        ];
    }
}
