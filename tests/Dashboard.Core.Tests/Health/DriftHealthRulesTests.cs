using Dashboard.Core.Health;
using static Dashboard.Core.Tests.Health.HealthTestData;

namespace Dashboard.Core.Tests.Health;

/// <summary>The dashboard's own drift and quality in endpoint health, beside Model Monitor's CloudWatch drift metric.</summary>
public class DriftHealthRulesTests
{
    [Fact]
    public void Assess_OwnDriftOverItsOwnThreshold_IsDegradedAndNamesFeatureAndThreshold()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with { OwnDrift = new OwnDriftSignal("channel", 0.42, 0.1) });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("Data drift on feature 'channel': score 0.42, 4.2× its threshold 0.1", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_OwnDriftUnderItsThreshold_ThoughAboveTheMonitoringOne_IsHealthy()
    {
        // Each feature has its own threshold: 0.5 against 0.6 is fine even though the fleet-wide Model Monitor limit is 0.3.
        var result = HealthRules.Assess(Endpoint(), Normal() with { OwnDrift = new OwnDriftSignal("age", 0.5, 0.6) });

        Assert.Equal(HealthLevel.Healthy, result.Level);
    }

    [Fact]
    public void Assess_OwnAndModelMonitorDriftBothOver_OneFindingNamingBoth()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with
        {
            MaxDriftScore = 0.42,
            DriftFeature = "income",
            OwnDrift = new OwnDriftSignal("channel", 0.3, 0.1),
        });

        Assert.Equal("Data drift on feature 'channel': score 0.3, 3.0× its threshold 0.1; Model Monitor agrees (feature 'income': 0.42)",
            Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_OnlyModelMonitorDriftOver_KeepsItsFinding()
    {
        var result = HealthRules.Assess(Endpoint(), Normal() with
        {
            MaxDriftScore = 0.42,
            DriftFeature = "income",
            OwnDrift = new OwnDriftSignal("channel", 0.05, 0.1),
        });

        Assert.Equal("Data drift on feature 'income': score 0.42 (threshold 0.3)", Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_F1IntervalWhollyBelowTheBaseline_IsDegradedWithTheNumbers()
    {
        var quality = new QualitySignal("f1", 0.71, 0.68, 0.74, 0.86, HigherIsBetter: true, Labelled: 1_234);

        var result = HealthRules.Assess(Endpoint(), Normal() with { Quality = quality });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.Equal("Model quality: f1 0.71 over the last day (95 % interval 0.68–0.74, 1,234 labelled) is below the baseline's 0.86",
            Assert.Single(result.Reasons));
    }

    [Fact]
    public void Assess_F1LowerButTheBaselineInsideItsInterval_IsHealthy()
    {
        var quality = new QualitySignal("f1", 0.84, 0.80, 0.87, 0.86, HigherIsBetter: true, Labelled: 60);

        Assert.Equal(HealthLevel.Healthy, HealthRules.Assess(Endpoint(), Normal() with { Quality = quality }).Level);
    }

    [Fact]
    public void Assess_RmseIntervalWhollyAboveTheBaseline_IsDegraded()
    {
        var quality = new QualitySignal("rmse", 14.2, 13.1, 15.3, 11.8, HigherIsBetter: false, Labelled: 900);

        var result = HealthRules.Assess(Endpoint(), Normal() with { Quality = quality });

        Assert.Equal(HealthLevel.Degraded, result.Level);
        Assert.EndsWith("is above the baseline's 11.8", Assert.Single(result.Reasons));
    }

    [Fact]
    public void AssessState_DriftAndQuality_AreMetricRules_HeldByHysteresisNotCountedAtOnce()
    {
        var signals = Normal() with { OwnDrift = new OwnDriftSignal("channel", 0.42, 0.1) };

        Assert.Equal(HealthLevel.Healthy, HealthRules.AssessState(Endpoint(), signals).Level);
        Assert.Equal(HealthLevel.Degraded, HealthRules.AssessMetrics(signals, HealthThresholds.Default).Level);
    }
}
