using Dashboard.Core.Fleet;
using Dashboard.Core.Health;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Tests.Health;

internal static class HealthTestData
{
    public static readonly DateTimeOffset Now = new(2025, 1, 6, 14, 0, 0, TimeSpan.Zero);

    public static EndpointState Endpoint(string status = EndpointStatuses.InService, string? failureReason = null) => new(
        "churn-prod", "arn:aws:sagemaker:eu-west-1:123456789012:endpoint/churn-prod", status, "churn-config-3",
        Now.AddDays(-30), Now.AddDays(-2), failureReason,
        [new VariantState("AllTraffic", "ml.m5.large", 2, 2, 1, 1)], Now);

    /// <summary>Everything measured, fresh and normal.</summary>
    public static HealthSignals Normal() => new(
        ErrorRatePercent: 0.2, P90LatencyMs: 120, P90LatencyBaselineMs: 115, LatencyZ: 0.4, CpuPercentOfCapacity: 35,
        MemoryPercent: 50, GpuMemoryPercent: null, MaxDriftScore: 0.05, DriftFeature: "age", DriftThreshold: 0.3,
        DataAsOf: Now.AddMinutes(-2), Now: Now, StaleAfter: TimeSpan.FromMinutes(10));
}
