using Dashboard.Core.Deployments;
using Dashboard.Core.Fleet;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Tests.Deployments;

public sealed class DeploymentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static EndpointState Endpoint(params (string Name, int Instances)[] variants) => new("churn-prod", "arn", "InService", "churn-prod-config-v7",
        Now, Now, null, variants.Select(v => new VariantState(v.Name, "ml.m5.xlarge", v.Instances, v.Instances, 1, 1)).ToList(), Now);

    private static readonly DeploymentContext Context = new(Endpoint(("AllTraffic", 4)), ["churn-xgboost-2026-01", "churn-xgboost-2026-12"],
        ["churn-prod-AllTraffic-5xx-rate", "churn-prod-AllTraffic-latency-p90"]);

    private static DeploymentPlan Canary(int percent = 30) => new("churn-prod", DeploymentStrategy.Canary,
        [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")], ["churn-prod-AllTraffic-5xx-rate"])
    {
        Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, percent),
        WaitSeconds = 600,
        BakeSeconds = 600,
        TimeoutSeconds = 3_600,
    };

    private static string[] Fields(DeploymentPlan plan, DeploymentContext? context = null) =>
        DeploymentRules.Check(plan, context ?? Context).Select(e => e.Field).ToArray();

    [Fact]
    public void Check_AValidCanary_HasNoErrors() => Assert.Empty(DeploymentRules.Check(Canary(), Context));

    [Theory]
    [InlineData(51)]
    [InlineData(0)]
    public void Check_CanaryOutsideOneToFiftyPercent_RefusedAtSize(int percent) => Assert.Equal([DeploymentRules.SizeField], Fields(Canary(percent)));

    [Fact]
    public void Check_CanaryOfThreeOfFourInstances_RefusedSayingThePercentage()
    {
        var errors = DeploymentRules.Check(Canary() with { Size = new CapacitySize(CapacitySizeTypes.InstanceCount, 3) }, Context);

        Assert.Equal("The canary must be 1–50 % of capacity; 3 of 4 instances (75 %) is not.", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(51)]
    public void Check_LinearStepOutsideTenToFifty_RefusedAtSize(int percent) =>
        Assert.Contains(DeploymentRules.SizeField, Fields(Canary() with
        {
            Strategy = DeploymentStrategy.Linear,
            Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, percent),
            TimeoutSeconds = 28_800,
        }));

    [Theory]
    [InlineData(-1, DeploymentRules.WaitField)]
    [InlineData(3_601, DeploymentRules.WaitField)]
    public void Check_WaitOutsideZeroToAnHour_RefusedAtTheWait(int seconds, string field) =>
        Assert.Contains(field, Fields(Canary() with { WaitSeconds = seconds }));

    [Theory]
    [InlineData(599)]
    [InlineData(28_801)]
    public void Check_TimeoutOutsideSageMakersRange_RefusedAtTimeout(int seconds) =>
        Assert.Equal([DeploymentRules.TimeoutField], Fields(Canary() with { TimeoutSeconds = seconds }));

    [Fact]
    public void Check_TimeoutNotLongerThanTheWaitsAddedUp_RefusedNamingTheWaits()
    {
        var errors = DeploymentRules.Check(Canary() with { WaitSeconds = 3_000, BakeSeconds = 600, TimeoutSeconds = 3_600 }, Context);

        Assert.Equal("The timeout must be longer than the waits added up (3,600 s), or SageMaker gives up before the last step.", Assert.Single(errors).Message);
    }

    [Fact]
    public void Check_NoAlarmOrAnUnknownOne_RefusedAtTheAlarms()
    {
        Assert.Equal([DeploymentRules.AlarmsField], Fields(Canary() with { RollbackAlarms = [] }));
        Assert.Equal([DeploymentRules.AlarmsField], Fields(Canary() with { RollbackAlarms = ["nope"] }));
    }

    [Fact]
    public void Check_TenAlarmsOnASageMakerStrategy_RefusedBecauseTheAbortAlarmIsTheTenth()
    {
        var alarms = Enumerable.Range(0, 10).Select(i => $"a{i}").ToList();

        var errors = DeploymentRules.Check(Canary() with { RollbackAlarms = alarms }, Context with { Alarms = alarms });

        Assert.Equal("Choose 1 to 9 alarms (SageMaker takes 10; the dashboard adds its own to abort with).", Assert.Single(errors).Message);
    }

    [Fact]
    public void Check_ModelTypeAndCountThatDoNotExist_RefusedAtEachField()
    {
        var plan = Canary() with { Variants = [new VariantTarget("AllTraffic", "churn-gpt", "ml.m9.huge", 0)] };

        Assert.Equal([DeploymentRules.ModelField("AllTraffic"), DeploymentRules.InstanceTypeField("AllTraffic"), DeploymentRules.InstanceCountField("AllTraffic")],
            Fields(plan));
    }

    [Fact]
    public void Check_RollingOnTwoVariants_RefusedAtTheStrategy()
    {
        var context = Context with { Endpoint = Endpoint(("A", 2), ("B", 2)) };
        var plan = Canary() with
        {
            Strategy = DeploymentStrategy.Rolling,
            Variants = [new VariantTarget("A", "churn-xgboost-2026-12"), new VariantTarget("B", "churn-xgboost-2026-12")],
        };

        Assert.Equal([DeploymentRules.StrategyField], Fields(plan, context));
    }

    [Theory]
    [InlineData(new[] { 5, 25, 50 }, DeploymentRules.StepsField)]
    [InlineData(new[] { 25, 5, 100 }, DeploymentRules.StepsField)]
    [InlineData(new int[0], DeploymentRules.StepsField)]
    public void Check_GatedStepsNotRisingToAHundred_RefusedAtSteps(int[] steps, string field) =>
        Assert.Equal([field], Fields(Canary() with { Strategy = DeploymentStrategy.GatedCanary, Steps = steps }));

    [Fact]
    public void Describe_Canary_SaysThePlanInWords() => Assert.Equal(
        "30 % of capacity on the new fleet for 10 min, then 100 %, bake 10 min; rolls back if churn-prod-AllTraffic-5xx-rate goes to ALARM; gives up after 1 h.",
        Canary().Describe());

    [Fact]
    public void Steps_Linear25Percent_FourTrafficStepsTheLastHoldingTheBake()
    {
        var steps = DeploymentTimeline.Steps(Canary() with { Strategy = DeploymentStrategy.Linear, Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 25) }, 4);

        Assert.Equal([0, 25, 50, 75, 100], steps.Select(s => s.Share));
        Assert.Equal([0, 600, 600, 600, 600], steps.Select(s => s.HoldSeconds));
        Assert.Equal("All traffic on the new fleet, baking", steps[^1].Name);
    }
}
