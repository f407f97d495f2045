using Dashboard.Core.Deployments;
using Dashboard.Core.DeploymentNotices;
using static Dashboard.Core.Tests.DeploymentNotices.DeploymentSamples;

namespace Dashboard.Core.Tests.DeploymentNotices;

public sealed class DeploymentNoticeRulesTests
{
    private static readonly DateTimeOffset Now = Start.AddHours(1);

    private static IReadOnlyList<string> Keys(Deployment deployment) => DeploymentNoticeRules.Derive(deployment, Now).Select(n => n.Key).ToList();

    [Fact]
    public void Derive_Proposed_TellsWhoProposedWhatWithThePlanInWords()
    {
        var notice = Assert.Single(DeploymentNoticeRules.Derive(Proposed(), Now));

        Assert.Equal(("proposed", DeploymentNoticeKind.Proposed, Start), (notice.Key, notice.Kind, notice.Time));
        Assert.Equal("Deployment #3 on churn-prod proposed by erin: Canary (blue/green)", notice.Headline);
        Assert.Contains("30 % of capacity on the new fleet for 10 min", notice.Detail);
        Assert.Contains("better recall", notice.Detail);
        Assert.Equal("/deployments/3", notice.Path);
    }

    [Fact]
    public void Derive_Approved_AddsWhoApprovedWithTheirNote()
    {
        var approved = DeploymentNoticeRules.Derive(Approved(), Now).Single(n => n.Kind == DeploymentNoticeKind.Approved);

        Assert.Equal(["proposed", "approved"], Keys(Approved()));
        Assert.Equal("Deployment #3 on churn-prod approved by oscar", approved.Headline);
        Assert.Equal("looks good", approved.Detail);
        Assert.Equal(Start.AddMinutes(5), approved.Time);
    }

    [Fact]
    public void Derive_Provisioning_IsNoStepOfItsOwn()
    {
        Assert.Equal(["proposed", "approved"], Keys(Deploying(0)));
    }

    [Fact]
    public void Derive_CanaryReached_TellsTheShareOnTheNewFleetAtTheStepsStart()
    {
        var step = DeploymentNoticeRules.Derive(Deploying(1), Now).Single(n => n.Kind == DeploymentNoticeKind.StepReached);

        Assert.Equal("step:1", step.Key);
        Assert.Equal("Deployment #3 on churn-prod: canary, 30 % on the new fleet", step.Headline);
        Assert.Equal(StepStart(1), step.Time);
    }

    [Fact]
    public void Derive_EveryStepReached_OneNoticePerStep()
    {
        Assert.Equal(["proposed", "approved", "step:1", "step:2"], Keys(Deploying(2)));
        Assert.Equal("Deployment #3 on churn-prod: all traffic on the new fleet, baking",
            DeploymentNoticeRules.Derive(Deploying(2), Now).Single(n => n.Key == "step:2").Headline);
    }

    [Fact]
    public void Derive_StepWaitsForApproval_TellsItWithTheAnalysis()
    {
        var deploying = Deploying(1);
        var waiting = deploying with
        {
            Steps = deploying.Steps.Select(s => s.Index == 1 ? s with { State = StepState.WaitingForApproval, Note = "Passed: error rate 0.1 % vs 0.1 %." } : s).ToList(),
        };

        var notice = DeploymentNoticeRules.Derive(waiting, Now).Single(n => n.Kind == DeploymentNoticeKind.WaitingForApproval);

        Assert.Equal(["proposed", "approved", "step:1", "waiting:1"], Keys(waiting));
        Assert.Equal("Deployment #3 on churn-prod waits for an Operator to approve the step after canary, 30 % on the new fleet", notice.Headline);
        Assert.Equal("Passed: error rate 0.1 % vs 0.1 %.", notice.Detail);
    }

    [Fact]
    public void Derive_RollingBack_TellsWhy()
    {
        var rolling = Deploying(1) with { Status = DeploymentStatus.RollingBack, Outcome = "SageMaker rolled back to churn-prod-config-v7: alarm churn-prod-AllTraffic-5xx-rate" };

        var notice = DeploymentNoticeRules.Derive(rolling, Now).Single(n => n.Kind == DeploymentNoticeKind.RollingBack);

        Assert.Equal("Deployment #3 on churn-prod is rolling back", notice.Headline);
        Assert.Contains("churn-prod-AllTraffic-5xx-rate", notice.Detail);
    }

    [Theory]
    [InlineData(DeploymentStatus.Succeeded, DeploymentNoticeKind.Succeeded, "succeeded")]
    [InlineData(DeploymentStatus.RolledBack, DeploymentNoticeKind.RolledBack, "rolled back")]
    [InlineData(DeploymentStatus.RollbackFailed, DeploymentNoticeKind.RollbackFailed, "failed to roll back")]
    [InlineData(DeploymentStatus.TimedOut, DeploymentNoticeKind.TimedOut, "timed out")]
    [InlineData(DeploymentStatus.Failed, DeploymentNoticeKind.Failed, "failed")]
    public void Derive_Finished_TellsTheOutcomeOnceAndNoMoreSteps(DeploymentStatus status, DeploymentNoticeKind kind, string words)
    {
        var finished = Finished(status, "Aborted by oscar at 12:20:00 UTC; SageMaker rolled back to churn-prod-config-v7.");

        var notice = DeploymentNoticeRules.Derive(finished, Now).Single(n => n.Key == DeploymentNoticeRules.FinalKey);

        Assert.Equal(["proposed", "approved", "final"], Keys(finished));
        Assert.Equal(kind, notice.Kind);
        Assert.Equal($"Deployment #3 on churn-prod {words}", notice.Headline);
        Assert.Equal("Aborted by oscar at 12:20:00 UTC; SageMaker rolled back to churn-prod-config-v7.", notice.Detail);
        Assert.Equal(Start.AddMinutes(30), notice.Time);
    }

    [Theory]
    [InlineData(DeploymentStatus.Rejected, DeploymentNoticeKind.Rejected, "Deployment #3 on churn-prod was rejected by oscar")]
    [InlineData(DeploymentStatus.Withdrawn, DeploymentNoticeKind.Withdrawn, "Deployment #3 on churn-prod was withdrawn by oscar")]
    public void Derive_DecidedAgainst_NoApprovalJustTheDecision(DeploymentStatus status, DeploymentNoticeKind kind, string headline)
    {
        var closed = Proposed() with { Status = status, DecidedBy = "oscar", DecidedAt = Start.AddMinutes(2), FinishedAt = Start.AddMinutes(2), DecisionNote = "not now" };

        var notice = DeploymentNoticeRules.Derive(closed, Now).Single(n => n.Key == DeploymentNoticeRules.FinalKey);

        Assert.Equal(["proposed", "final"], Keys(closed));
        Assert.Equal((kind, headline, "not now"), (notice.Kind, notice.Headline, notice.Detail));
    }

    [Fact]
    public void Derive_StartedOutside_TellsTheNewConfigInsteadOfAProposal()
    {
        var outside = Deploying(1) with { StartedOutside = true, DecidedBy = null, DecidedAt = null, ProposedBy = "outside the dashboard" };

        var notice = DeploymentNoticeRules.Derive(outside, Now)[0];

        Assert.Equal(["started", "step:1"], Keys(outside));
        Assert.Equal(DeploymentNoticeKind.StartedOutside, notice.Kind);
        Assert.Equal("Deployment #3 on churn-prod was started outside the dashboard", notice.Headline);
        Assert.StartsWith("churn-prod-20261207120500: AllTraffic → churn-xgboost-2026-12", notice.Detail);
    }

    [Fact]
    public void Derive_GatedCanaryStep_SaysTheNewModel()
    {
        var plan = new DeploymentPlan("churn-prod", DeploymentStrategy.GatedCanary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")], [])
        {
            Steps = [5, 25, 100],
        };
        var deployment = Deploying(2) with { Plan = plan, Steps = DeploymentTimeline.Steps(plan, 2).Select(s => s.Index == 2 ? s with { State = StepState.Running, StartedAt = Start } : s).ToList() };

        Assert.Equal("Deployment #3 on churn-prod: step 2 of 3, 25 % on the new model",
            DeploymentNoticeRules.Derive(deployment, Now).Single(n => n.Kind == DeploymentNoticeKind.StepReached).Headline);
    }

    [Fact]
    public void Derive_Twice_SameNotices()
    {
        Assert.Equal(DeploymentNoticeRules.Derive(Deploying(2), Now), DeploymentNoticeRules.Derive(Deploying(2), Now));
    }
}
