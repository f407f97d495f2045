using System.Globalization;
using Dashboard.Simulator.Deployments;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// Model quality computed the way the dashboard will, from captured predictions joined to their labels: credit-risk's
/// falls as its inputs drift, except where a model trained after the drift began serves; the A/B test has a winner.
/// </summary>
public sealed class QualityTests
{
    private static CreditRiskSample.Sample Sample => CreditRiskSample.Value;

    [Fact]
    public void CreditRisk_BeforeTheDriftAndNow_AccuracyAndAucFall()
    {
        var before = Quality.Join(Sample.Early, Sample.ById);
        var now = Quality.Join(Sample.RecentBetween(20, 8), Sample.ById);

        Assert.True(before.Count > 15_000 && now.Count > 8_000, $"{before.Count} and {now.Count} labelled");
        Assert.InRange(Quality.Accuracy(before), 0.85, 0.91);
        Assert.InRange(Quality.Auc(before), 0.91, 0.96);
        Assert.InRange(Quality.Accuracy(now), 0.68, 0.78);
        Assert.InRange(Quality.Auc(now), 0.74, 0.85);
    }

    [Fact]
    public void CreditRisk_AsTheDriftGrows_QualityFallsDayByDay()
    {
        var days = new[] { 60, 48, 36, 24 }.Select(h => Quality.Accuracy(Quality.Join(Sample.RecentBetween(h, h - 12), Sample.ById))).ToList();

        Assert.Equal(days.OrderDescending(), days);
    }

    [Fact]
    public async Task CreditRisk_RetrainedModelServing_QualityBackToBeforeTheDrift()
    {
        await using var host = await SimulatorHost.StartAsync();
        var scenario = host.App.Services.GetRequiredService<FleetScenario>();
        var live = scenario.FindModel("credit-risk-glm-v4")!;
        // What a retraining pipeline registers: a model created now, after the drift began.
        Assert.True(scenario.AddModel(new SimulatedModel("credit-risk-glm-retrained", TestClock.Now.AddMinutes(-5), live.Family, live.Behaviour)
        {
            CandidateFor = "credit-risk",
        }));
        await host.SageMakerAsync("CreateEndpointConfig", new
        {
            EndpointConfigName = "credit-risk-config-v5",
            ProductionVariants = new[]
            {
                new { VariantName = "AllTraffic", ModelName = "credit-risk-glm-retrained", InitialInstanceCount = 1, InstanceType = "ml.m5.large", InitialVariantWeight = 1.0 },
            },
        });
        await host.SageMakerAsync("UpdateEndpoint", new { EndpointName = "credit-risk", EndpointConfigName = "credit-risk-config-v5" });

        host.Time.Advance(TimeSpan.FromHours(12));
        var bucket = TestBucket.Of(host);
        var labels = bucket.Labels(TestBucket.CreditLabels).ToDictionary(l => l.Label.EventId, l => l.Label);
        var oldModel = Quality.Join(bucket.Capture(TestBucket.CreditCapture, TestClock.Anchor.AddHours(-5), TestClock.Anchor), labels);
        var retrained = Quality.Join(bucket.Capture(TestBucket.CreditCapture, TestClock.Anchor.AddHours(1), TestClock.Anchor.AddHours(6)), labels);

        Assert.True(retrained.Count > 3_000, $"{retrained.Count} labelled");
        Assert.True(Quality.Accuracy(retrained) > Quality.Accuracy(oldModel) + 0.06,
            $"retrained {Quality.Accuracy(retrained):0.000}, old {Quality.Accuracy(oldModel):0.000}");
        Assert.InRange(Quality.Accuracy(retrained), 0.78, 0.9);
        Assert.InRange(Quality.Auc(retrained), 0.86, 0.95);
        Assert.True(Quality.Auc(retrained) > Quality.Auc(oldModel) + 0.06);
    }

    [Fact]
    public void PricingAb_VariantB_ErrsLessThanVariantA()
    {
        var bucket = TestBucket.Create();
        var from = TestClock.Anchor.AddHours(-20);
        var labels = bucket.Labels("ground-truth/pricing-ab/").ToDictionary(l => l.Label.EventId, l => double.Parse(l.Label.Data, CultureInfo.InvariantCulture));
        double Rmse(string variant)
        {
            var errors = bucket.Capture($"datacapture/pricing-ab/pricing-ab/{variant}/", from, from.AddHours(6))
                .Where(p => labels.ContainsKey(p.EventId)).Select(p => p.Prediction - labels[p.EventId]).ToList();
            return Math.Sqrt(errors.Average(e => e * e));
        }

        var a = Rmse("VariantA");
        var b = Rmse("VariantB");

        Assert.InRange(a, 3.4, 4.1);
        Assert.InRange(b, 2.7, 3.3);
    }
}
