using Dashboard.Core.Health;
using Dashboard.Core.SageMaker;
using static Dashboard.Core.Tests.Health.HealthTestData;

namespace Dashboard.Core.Tests.Health;

public class HealthRulesTests
{
    [Fact]
    public void Assess_AllNormal_IsHealthyWithoutReasons()
    {
        var result = HealthRules.Assess(Endpoint(), Normal());

        Assert.Equal(HealthLevel.Healthy, result.Level);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Assess_NothingMeasuredButFresh_IsHealthy()
    {
        var signals = new HealthSignals(null, null, null, null, null, null, null, null, null, 0.3, Now, Now, TimeSpan.FromMinutes(10));

        Assert.Equal(HealthLevel.Healthy, HealthRules.Assess(Endpoint(), signals).Level);
    }

    [Theory]
    [InlineData(EndpointStatuses.Failed)]
    [InlineData(EndpointStatuses.UpdateRollbackFailed)]
    [InlineData(EndpointStatuses.OutOfService)]
    public void Assess_BrokenStatus_IsCritical(string status)
    {
        var result = HealthRules.Assess(Endpoint(status, failureReason: "Image not found"), Normal());

        Assert.Equal(HealthLevel.Critical, result.Level);
        Assert.Equal($"{status}: Image not found", Assert.Single(result.Reasons));
    }

    [Theory]
    [InlineData(EndpointStatuses.Updating)]
    [InlineData(EndpointStatuses.SystemUpdating)]
    [InlineData(EndpointStatuses.RollingBack)]
    public void Assess_DeploymentStatus_IsDegraded(string status)
    {
        var result = HealthRules.Assess(Endpoint(status), Normal());

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal($"{status}: deployment in progress", Assert.Single(result.Reasons));
    }

    [Theory]
    [InlineData(EndpointStatuses.Creating)]
    [InlineData(EndpointStatuses.Deleting)]
    [InlineData("Hibernating")]
    public void Assess_OtherNonServingStatus_IsDegraded(string status)
    {
        var result = HealthRules.Assess(Endpoint(status), Normal());

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.StartsWith(status == "Hibernating" ? "Status 'Hibernating'" : status, Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_ErrorRateAboveFivePercent_IsCritical()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { ErrorRatePercent = 7.4 });

        Assert.Equal(HealthLevel.Critical, result.Level);
        Assert.Equal("5XX+4XX error rate 7.4 % (critical above 5 %)", Assert.Single(result.Reasons));
    }

    [Theory]
    [InlineData(1.5, HealthLevel.Degraded)]
    [InlineData(5.0, HealthLevel.Degraded)]
    [InlineData(1.0, HealthLevel.Healthy)]
    public void Assess_ErrorRateBetweenOneAndFivePercent_IsDegraded(double rate, HealthLevel expected)
    {
        Assert.Equal(expected, HealthRules.Assess(Endpoint(), Normal() with { ErrorRatePercent = rate }).Level);
    }

    [Fact]
    public void Assess_LatencyZAboveSix_IsCritical()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { P90LatencyMs = 480, LatencyZ = 7.2 });

        Assert.Equal(HealthLevel.Critical, result.Level);
        Assert.Equal("p90 model latency 480 ms (baseline 115 ms) is 7.2 robust SD above its baseline (critical above 6)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_LatencyZAboveThree_IsDegraded()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { P90LatencyMs = 200, LatencyZ = 4 });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Contains("degraded above 3", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_LatencyFarBelowBaseline_IsHealthy()
    {
        Assert.Equal(HealthLevel.Healthy, HealthRules.Assess(Endpoint(), Normal() with { P90LatencyMs = 20, LatencyZ = -9 }).Level);
    }

    [Fact]
    public void Assess_LatencyAboveOneSecondWithoutBaseline_IsDegraded()
    {
        var signals = Normal() with { P90LatencyMs = 1250, LatencyZ = null, P90LatencyBaselineMs = null };

        var result = HealthRules.Assess(Endpoint(), signals);

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("p90 model latency 1,250 ms (degraded above 1,000 ms)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_LatencyAboveOneSecondWithinItsBaseline_IsStillDegraded()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { P90LatencyMs = 1500, P90LatencyBaselineMs = 1450, LatencyZ = 0.5 });

        Assert.Equal(HealthLevel.Degraded, result.Level);
    }

    [Fact]
    public void Assess_CpuAboveNinetyPercentOfCapacity_IsDegraded()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { CpuPercentOfCapacity = 94 });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("CPU 94 % of capacity (degraded above 90 % of capacity)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void CpuShareOfCapacity_TwoVcpuInstance_DividesByTwoHundred()
    {
        Assert.Equal(90, HealthSignals.CpuShareOfCapacity(180, "ml.m5.large"));
        Assert.Null(HealthSignals.CpuShareOfCapacity(180, "ml.unknown.large"));
    }

    [Fact]
    public void Assess_MemoryAboveNinetyPercent_IsDegraded()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { MemoryPercent = 93.5 });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("Memory 93.5 % (degraded above 90 %)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_GpuMemoryAboveNinetyPercent_IsDegraded()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { GpuMemoryPercent = 97 });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.StartsWith("GPU memory 97 %", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_DriftAboveThreshold_IsDegradedAndNamesFeature()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { MaxDriftScore = 0.42, DriftFeature = "income" });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("Data drift on feature 'income': score 0.42 (threshold 0.3)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_NoDataWithinStaleAfter_IsDegradedWithSince()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { DataAsOf = Now.AddMinutes(-25) });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("Data delayed since 2025-01-06 13:35 UTC (25 min ago, expected within 10 min)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_NoDataAtAll_IsDegraded()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { DataAsOf = null });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("No metric data received yet", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_SeveralRules_WorstWinsAndReasonsListWorstFirst()
    {
        var signals = Normal() with { MemoryPercent = 95, ErrorRatePercent = 12, DataAsOf = Now.AddHours(-3) };

        var result = HealthRules.Assess(Endpoint(EndpointStatuses.Updating), signals);

        Assert.Equal(HealthLevel.Critical, result.Level);
        Assert.Equal(4, result.Reasons.Count);
        Assert.StartsWith("5XX+4XX error rate 12.0 %", result.Reasons[0]);
        Assert.Equal("Updating: deployment in progress", result.Reasons[1]);
    }

    [Fact]
    public void Assess_CustomThresholds_AreUsed()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { MemoryPercent = 85 }, new HealthThresholds(MemoryDegradedPercent: 80));

        Assert.Equal(HealthLevel.Degraded, result.Level);
    }

    [Fact]
    public void Assess_OneFailureInSixtyCalls_IsNotSurelyAboveOnePercent()
    {
        var quiet = Normal() with { ErrorRatePercent = 100.0 / 60, ErrorRateInvocations = 60 };
        var busy = Normal() with { ErrorRatePercent = 1.7, ErrorRateInvocations = 60_000 };

        Assert.Equal(HealthLevel.Healthy, HealthRules.Assess(Endpoint(), quiet).Level);
        var degraded = HealthRules.Assess(Endpoint(), busy);
        Assert.Equal(HealthLevel.Degraded, degraded.Level);
        Assert.Equal("5XX+4XX error rate 1.7 %, 1,020 of 60,000 calls (degraded above 1 % with 99 % confidence)", Assert.Single(degraded.Reasons));
    }

    [Fact]
    public void Describe_Defaults_StatesConfidenceAndHysteresis()
    {
        var rules = string.Join(" ", HealthThresholds.Default.Describe());

        Assert.Contains("with 99 % confidence", rules);
        Assert.Contains("held for 5 consecutive minutes", rules);
        Assert.Contains("after 10 minutes below 80 % of the error-rate and latency limits", rules);
    }

    [Fact]
    public void Describe_Defaults_ListsEveryRuleWithNumbers()
    {
        var rules = HealthThresholds.Default.Describe();

        Assert.Contains(rules, r => r.Contains("above 5 %"));
        Assert.Contains(rules, r => r.Contains("above 1 %"));
        Assert.Contains(rules, r => r.Contains("more than 6 robust"));
        Assert.Contains(rules, r => r.Contains("above 1,000 ms"));
        Assert.Contains(rules, r => r.Contains("GPU memory above 90 %"));
        Assert.Contains(rules, r => r.Contains("drift"));
        Assert.Contains(rules, r => r.Contains("staleness"));
    }
}
