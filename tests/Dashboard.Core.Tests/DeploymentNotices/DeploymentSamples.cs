using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Tests.DeploymentNotices;

/// <summary>A canary deployment of churn-prod at each point of its life, as the stores would hold it.</summary>
internal static class DeploymentSamples
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static Deployment Proposed(long id = 3, string endpoint = "churn-prod")
    {
        var plan = new DeploymentPlan(endpoint, DeploymentStrategy.Canary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")],
            ["churn-prod-AllTraffic-5xx-rate"])
        {
            Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 30),
            WaitSeconds = 600,
            BakeSeconds = 600,
        };
        return new Deployment(id, plan, "better recall", DeploymentStatus.Proposed, "erin", Start, DeploymentTimeline.Steps(plan, 2))
        {
            OldConfig = "churn-prod-config-v7",
        };
    }

    public static Deployment Approved(long id = 3) => Proposed(id) with
    {
        Status = DeploymentStatus.Approved,
        DecidedBy = "oscar",
        DecidedAt = Start.AddMinutes(5),
        DecisionNote = "looks good",
        NewConfig = "churn-prod-20261207120500",
        UpdateRequestedAt = Start.AddMinutes(5),
    };

    /// <summary>Deploying with steps up to <paramref name="reached"/> started (0: provisioning).</summary>
    public static Deployment Deploying(int reached, long id = 3)
    {
        var approved = Approved(id);
        return approved with
        {
            Status = DeploymentStatus.Deploying,
            StartedAt = Start.AddMinutes(5),
            Steps = approved.Steps.Select(s => s.Index < reached ? s with { State = StepState.Done, StartedAt = StepStart(s.Index), EndedAt = StepStart(s.Index + 1) }
                : s.Index == reached ? s with { State = StepState.Running, StartedAt = StepStart(s.Index) } : s).ToList(),
        };
    }

    public static Deployment Finished(DeploymentStatus status, string outcome, long id = 3)
    {
        var deploying = Deploying(1, id);
        return deploying with
        {
            Status = status,
            Outcome = outcome,
            FinishedAt = Start.AddMinutes(30),
            Steps = deploying.Steps.Select(s => s.State == StepState.Running ? s with { State = StepState.Failed, EndedAt = Start.AddMinutes(30) } : s).ToList(),
        };
    }

    public static DateTimeOffset StepStart(int index) => Start.AddMinutes(5 + 4 * index);
}
