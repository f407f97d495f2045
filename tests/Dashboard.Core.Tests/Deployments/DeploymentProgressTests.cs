using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Tests.Deployments;

public sealed class DeploymentProgressTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static Deployment Deploying()
    {
        var plan = new DeploymentPlan("churn-prod", DeploymentStrategy.Canary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")],
            ["churn-prod-AllTraffic-5xx-rate"])
        {
            Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 30),
            WaitSeconds = 600,
            BakeSeconds = 600,
        };
        return new Deployment(7, plan, "why", DeploymentStatus.Deploying, "erin", Start, DeploymentTimeline.Steps(plan, 2))
        {
            OldConfig = "churn-prod-config-v7",
            NewConfig = "churn-prod-20261207120000",
            UpdateRequestedAt = Start,
            StartedAt = Start,
        };
    }

    private static DescribeEndpointResponse Endpoint(string status, string config, string? variantStatus = null, DateTimeOffset? since = null,
        string? failure = null) =>
        new("churn-prod", "arn", config, [], status, Start, Start, failure)
        {
            PendingDeploymentSummary = variantStatus is null ? null : new PendingDeploymentSummary("churn-prod-20261207120000", Start,
                [new PendingProductionVariantSummary("AllTraffic", VariantStatus: [new ProductionVariantStatus(variantStatus, null, since)])]),
        };

    [Fact]
    public void Advance_Creating_ProvisioningRuns()
    {
        var next = DeploymentProgress.Advance(Deploying(), Endpoint("Updating", "churn-prod-config-v7", VariantStatuses.Creating, Start), Start.AddMinutes(1));

        Assert.Equal(StepState.Running, next.Steps[0].State);
        Assert.Equal(DeploymentStatus.Deploying, next.Status);
    }

    [Fact]
    public void Advance_ActivatingThenBakingThenActivatingAgain_MovesOneStepEachTimeTrafficMoves()
    {
        var d = Deploying();
        d = DeploymentProgress.Advance(d, Endpoint("Updating", "churn-prod-config-v7", VariantStatuses.Creating, Start), Start);
        d = DeploymentProgress.Advance(d, Endpoint("Updating", "churn-prod-config-v7", VariantStatuses.ActivatingTraffic, Start.AddMinutes(3)), Start.AddMinutes(3));
        var canary = d;
        d = DeploymentProgress.Advance(d, Endpoint("Updating", "churn-prod-config-v7", VariantStatuses.Baking, Start.AddMinutes(4)), Start.AddMinutes(4));
        var repeated = DeploymentProgress.Advance(d, Endpoint("Updating", "churn-prod-config-v7", VariantStatuses.Baking, Start.AddMinutes(4)), Start.AddMinutes(5));
        d = DeploymentProgress.Advance(repeated, Endpoint("Updating", "churn-prod-config-v7", VariantStatuses.ActivatingTraffic, Start.AddMinutes(14)), Start.AddMinutes(14));

        Assert.Equal([StepState.Done, StepState.Running, StepState.Pending], canary.Steps.Select(s => s.State));
        Assert.Equal(canary.Steps, repeated.Steps);
        Assert.Equal([StepState.Done, StepState.Done, StepState.Running], d.Steps.Select(s => s.State));
        Assert.Equal(Start.AddMinutes(14), d.Steps[2].StartedAt);
    }

    [Fact]
    public void Advance_InServiceOnTheNewConfig_Succeeded()
    {
        var next = DeploymentProgress.Advance(Deploying(), Endpoint("InService", "churn-prod-20261207120000"), Start.AddMinutes(30));

        Assert.Equal(DeploymentStatus.Succeeded, next.Status);
        Assert.All(next.Steps, s => Assert.Equal(StepState.Done, s.State));
        Assert.Equal(Start.AddMinutes(30), next.FinishedAt);
    }

    [Fact]
    public void Advance_InServiceOnTheOldConfigWithAReason_RolledBackSayingWhy()
    {
        var next = DeploymentProgress.Advance(Deploying(), Endpoint("InService", "churn-prod-config-v7",
            failure: "Alarm churn-prod-AllTraffic-5xx-rate was in ALARM during baking."), Start.AddMinutes(12));

        Assert.Equal(DeploymentStatus.RolledBack, next.Status);
        Assert.Equal("SageMaker rolled back to churn-prod-config-v7: Alarm churn-prod-AllTraffic-5xx-rate was in ALARM during baking.", next.Outcome);
    }

    [Fact]
    public void Advance_ReasonNamesTheOldConfig_WhereItRolledBackToSaidOnce()
    {
        const string reason = "Deployment rolled back to endpoint config \"churn-prod-config-v7\": CloudWatch alarm \"churn-prod-5xx\" was in ALARM.";
        var aborted = Deploying() with { AbortedBy = "oscar", AbortedAt = Start.AddMinutes(5) };

        var next = DeploymentProgress.Advance(Deploying(), Endpoint("InService", "churn-prod-config-v7", failure: reason), Start.AddMinutes(12));
        var abortedNext = DeploymentProgress.Advance(aborted, Endpoint("InService", "churn-prod-config-v7", failure: reason), Start.AddMinutes(12));

        Assert.Equal($"SageMaker: {reason}", next.Outcome);
        Assert.Equal($"Aborted by oscar at 12:05:00 UTC; SageMaker: {reason}", abortedNext.Outcome);
    }

    [Fact]
    public void Advance_InServiceOnTheOldConfigWithoutAReason_RolledBackWithoutSayingSo()
    {
        var next = DeploymentProgress.Advance(Deploying(), Endpoint("InService", "churn-prod-config-v7"), Start.AddMinutes(12));

        Assert.Equal(DeploymentStatus.RolledBack, next.Status);
        Assert.StartsWith("Rolled back without saying so", next.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Advance_TimeoutReason_TimedOut()
    {
        var next = DeploymentProgress.Advance(Deploying(), Endpoint("InService", "churn-prod-config-v7",
            failure: "Deployment timed out after MaximumExecutionTimeoutInSeconds (3600 s)."), Start.AddHours(1));

        Assert.Equal(DeploymentStatus.TimedOut, next.Status);
    }

    [Fact]
    public void Advance_UpdateRollbackFailed_SaysWhatToDo()
    {
        var next = DeploymentProgress.Advance(Deploying(), Endpoint("UpdateRollbackFailed", "churn-prod-config-v7"), Start.AddMinutes(20));

        Assert.Equal(DeploymentStatus.RollbackFailed, next.Status);
        Assert.Contains("may serve a mix of churn-prod-config-v7 and churn-prod-20261207120000", next.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void Advance_AbortedByAnOperator_OutcomeNamesWhoAborted()
    {
        var aborted = Deploying() with { AbortedBy = "oscar", AbortedAt = Start.AddMinutes(5) };

        var next = DeploymentProgress.Advance(aborted, Endpoint("InService", "churn-prod-config-v7", failure: "Alarm x"), Start.AddMinutes(6));

        Assert.Equal(DeploymentStatus.RolledBack, next.Status);
        Assert.Equal("Aborted by oscar at 12:05:00 UTC; SageMaker rolled back to churn-prod-config-v7: Alarm x", next.Outcome);
    }

    [Fact]
    public void Advance_AnswerLostAndTheEndpointShowsTheUpdate_Deploying()
    {
        var approved = Deploying() with { Status = DeploymentStatus.Approved, StartedAt = null };

        var next = DeploymentProgress.Advance(approved, Endpoint("Updating", "churn-prod-config-v7", VariantStatuses.Creating, Start), Start.AddSeconds(20));

        Assert.Equal(DeploymentStatus.Deploying, next.Status);
        Assert.Equal(Start, next.StartedAt);
    }

    [Fact]
    public void Advance_AnswerLostAndTheEndpointNeverShowsIt_FailedAfterTheSettlingTime()
    {
        var approved = Deploying() with { Status = DeploymentStatus.Approved, StartedAt = null };
        var endpoint = Endpoint("InService", "churn-prod-config-v7");

        Assert.Equal(DeploymentStatus.Approved, DeploymentProgress.Advance(approved, endpoint, Start.AddMinutes(2)).Status);
        var failed = DeploymentProgress.Advance(approved, endpoint, Start + DeploymentProgress.SettleAfter);
        Assert.Equal(DeploymentStatus.Failed, failed.Status);
        Assert.Contains("never showed churn-prod-20261207120000", failed.Outcome, StringComparison.Ordinal);
    }
}
