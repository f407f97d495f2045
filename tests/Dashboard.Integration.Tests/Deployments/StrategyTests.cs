using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>Each SageMaker strategy end to end: proposed, approved by another operator, tracked round by round to its outcome.</summary>
public sealed class StrategyTests
{
    private const string Churn = "churn-prod";
    private const string GoodCandidate = "churn-xgboost-2026-11";
    private const string WorseCandidate = "churn-xgboost-2026-12-rc1";

    [Fact]
    public async Task CanaryOfTheGoodCandidate_TrackedEachRound_SucceededOnACopyOfTheOldConfigWithEveryStepReachedInTheRoundSageMakerShowedIt()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var before = await driver.DescribeAsync(Churn, ct);
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.Canary, GoodCandidate,
            p => p with { Size = new CapacitySize(CapacitySizeTypes.InstanceCount, 1), WaitSeconds = 300, BakeSeconds = 300 }, ct);
        Assert.Equal([NewFleetAlarms.ErrorsName(Churn, "AllTraffic")], plan.RollbackAlarms);

        var approved = await driver.ProposeAndApproveAsync(plan, ct);

        Assert.Equal(DeploymentStatus.Deploying, approved.Status);
        Assert.Equal(DeploymentService.ConfigName(Churn, approved.DecidedAt!.Value), approved.NewConfig);
        Assert.Matches(@"^churn-prod-\d{14}$", approved.NewConfig);
        Assert.Equal(before.EndpointConfigName, approved.OldConfig);
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));

        // Each round: what SageMaker shows now (the step its latest traffic shift reached), then the tracker's round.
        var shifts = new List<DateTimeOffset>();
        var shown = new List<int>();
        var stored = new List<int?>();
        Deployment deployment;
        do
        {
            deployment = await driver.RoundAsync(approved.Id, ct, async () =>
            {
                var endpoint = await driver.DescribeAsync(Churn, ct);
                var latest = endpoint.PendingDeploymentSummary?.ProductionVariants?.SelectMany(v => v.VariantStatus ?? [])
                    .MaxBy(s => s.StartTime);
                if (latest is { Status: VariantStatuses.ActivatingTraffic, StartTime: { } at } && !shifts.Contains(at))
                {
                    shifts.Add(at);
                }
                shown.Add(endpoint.PendingDeploymentSummary is null ? -1 : shifts.Count);
            });
            stored.Add(deployment.IsFinished ? -1 : deployment.CurrentStep?.Index);
        }
        while (!deployment.IsFinished && shown.Count < 400);

        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        Assert.Equal(2, shifts.Count);
        // Zero rounds of lag: after every round the stored step is the one SageMaker showed before that round.
        Assert.Equal(shown.Select(s => (int?)s), stored);
        Assert.All(deployment.Steps, s => Assert.Equal(StepState.Done, s.State));
        Assert.Equal([shifts[0], shifts[1]], deployment.Steps.Skip(1).Select(s => s.StartedAt!.Value));
        Assert.Equal($"{approved.NewConfig} serves all traffic.", deployment.Outcome);

        var after = await driver.DescribeAsync(Churn, ct);
        Assert.Equal((EndpointStatuses.InService, approved.NewConfig), (after.EndpointStatus, after.EndpointConfigName));
        var oldConfig = await driver.SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(before.EndpointConfigName!), ct);
        var newConfig = await driver.SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(approved.NewConfig!), ct);
        Assert.Equal(GoodCandidate, newConfig.ProductionVariants.Single().ModelName);
        Assert.Equal(oldConfig.ProductionVariants.Single() with { ModelName = GoodCandidate }, newConfig.ProductionVariants.Single(),
            new VariantComparer());
        Assert.NotNull(oldConfig.DataCaptureConfig);
        Assert.Equivalent(oldConfig.DataCaptureConfig, newConfig.DataCaptureConfig, strict: true);
        var oldTags = await driver.SageMaker.ListTagsAsync(new ListTagsRequest(oldConfig.EndpointConfigArn), ct);
        var newTags = await driver.SageMaker.ListTagsAsync(new ListTagsRequest(newConfig.EndpointConfigArn), ct);
        Assert.NotEmpty(oldTags.Tags!);
        Assert.Equal(oldTags.Tags, newTags.Tags);

        Assert.Equal([(AuditActions.DeploymentFinish, "system"), (AuditActions.DeploymentApprove, "oscar"), (AuditActions.DeploymentPropose, "erin")],
            (await driver.AuditAsync(Churn, ct)).Where(r => r.Action != AuditActions.DeploymentStart));
        Assert.Contains((AuditActions.DeploymentStart, "system"), await driver.AuditAsync(Churn, ct));
        Assert.True((await driver.Audit.VerifyAsync(null, ct)).IsIntact);
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
    }

    [Fact]
    public async Task CanaryOfTheWorseCandidate_NewFleetAlarmPreTicked_RolledBackNamingTheAlarmAndTheOldConfigServes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var oldConfig = (await driver.DescribeAsync(Churn, ct)).EndpointConfigName;
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.Canary, WorseCandidate,
            p => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), WaitSeconds = 600, BakeSeconds = 300 }, ct);
        var alarm = NewFleetAlarms.ErrorsName(Churn, "AllTraffic");

        var approved = await driver.ProposeAndApproveAsync(plan, ct);
        var rollingBack = (await driver.RunAsync(approved.Id, d => d.Status != DeploymentStatus.Deploying, ct)).Deployment;
        var (deployment, _) = await driver.RunToEndAsync(approved.Id, ct);

        Assert.Equal(DeploymentStatus.RollingBack, rollingBack.Status);
        Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
        Assert.StartsWith($"SageMaker: Deployment rolled back to endpoint config \"{oldConfig}\": ", deployment.Outcome, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(deployment.Outcome!, "rolled back to"));
        Assert.Contains($"CloudWatch alarm \"{alarm}\" was in ALARM", deployment.Outcome, StringComparison.Ordinal);
        Assert.Contains($"Tripped: {alarm} went to ALARM at", deployment.Outcome, StringComparison.Ordinal);
        Assert.DoesNotContain(".).", deployment.Outcome, StringComparison.Ordinal); // CloudWatch's reason ends a sentence of its own
        Assert.Equal([StepState.Done, StepState.Failed, StepState.Pending], deployment.Steps.Select(s => s.State));
        var endpoint = await driver.DescribeAsync(Churn, ct);
        Assert.Equal((EndpointStatuses.InService, oldConfig), (endpoint.EndpointStatus, endpoint.EndpointConfigName));
        Assert.Equal([(AuditActions.DeploymentFinish, "system"), (AuditActions.DeploymentRollBack, "system")],
            (await driver.AuditAsync(Churn, ct)).Take(2));
    }

    [Theory]
    [InlineData(DeploymentStrategy.AllAtOnce, "credit-risk", "credit-risk-glm-v5", 2)]
    [InlineData(DeploymentStrategy.Linear, Churn, GoodCandidate, 5)]
    [InlineData(DeploymentStrategy.Rolling, "support-intent", "intent-distilbert-v4", 3)]
    public async Task Strategy_GoodCandidate_SucceededWithEveryStepDoneAndTheNewConfigServing(DeploymentStrategy strategy, string endpoint,
        string model, int steps)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await driver.PlanAsync(endpoint, strategy, model, p => strategy switch
        {
            DeploymentStrategy.Linear => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 25), WaitSeconds = 120, BakeSeconds = 120 },
            DeploymentStrategy.Rolling => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), WaitSeconds = 60 },
            _ => p with { BakeSeconds = 120 },
        }, ct);

        var approved = await driver.ProposeAndApproveAsync(plan, ct);
        var (deployment, _) = await driver.RunToEndAsync(approved.Id, ct);

        Assert.True(deployment.Status == DeploymentStatus.Succeeded, $"{deployment.Status}: {deployment.Outcome}");
        Assert.Equal(steps, deployment.Steps.Count);
        Assert.All(deployment.Steps, s => Assert.Equal(StepState.Done, s.State));
        var described = await driver.DescribeAsync(endpoint, ct);
        Assert.Equal((EndpointStatuses.InService, approved.NewConfig), (described.EndpointStatus, described.EndpointConfigName));
        Assert.Equal(strategy == DeploymentStrategy.Rolling, described.LastDeploymentConfig?.RollingUpdatePolicy is not null);
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
    }

    /// <summary>Variants equal but for members the simulator may order differently (the unmodelled ones compared as JSON).</summary>
    private sealed class VariantComparer : IEqualityComparer<ProductionVariant>
    {
        public bool Equals(ProductionVariant? x, ProductionVariant? y) =>
            x is not null && y is not null && (x with { Other = null }) == (y with { Other = null })
            && (x.Other ?? []).OrderBy(p => p.Key).Select(p => (p.Key, p.Value.GetRawText()))
                .SequenceEqual((y.Other ?? []).OrderBy(p => p.Key).Select(p => (p.Key, p.Value.GetRawText())));

        public int GetHashCode(ProductionVariant obj) => obj.VariantName.GetHashCode(StringComparison.Ordinal);
    }
}
