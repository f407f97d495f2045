using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

namespace Dashboard.Web.Tests.Deployments;

/// <summary>A canary deployment of churn with its canary step reached <paramref name="startedAt"/> + 4 min.</summary>
internal static class DeploymentTestData
{
    public static Deployment Canary(DateTimeOffset startedAt, DateTimeOffset? finishedAt = null, DeploymentStatus status = DeploymentStatus.Deploying)
    {
        var plan = new DeploymentPlan("churn", DeploymentStrategy.Canary, [new VariantTarget("AllTraffic", "churn-xgboost-2026-12")], ["churn-5xx"])
        {
            Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 30),
            WaitSeconds = 600,
            BakeSeconds = 600,
        };
        var steps = DeploymentTimeline.Steps(plan, 2).Select(s => s.Index switch
        {
            0 => s with { State = StepState.Done, StartedAt = startedAt, EndedAt = startedAt.AddMinutes(4) },
            1 => s with { State = finishedAt is null ? StepState.Running : StepState.Failed, StartedAt = startedAt.AddMinutes(4), EndedAt = finishedAt },
            _ => s,
        }).ToList();
        return new Deployment(3, plan, "better recall", status, "erin", startedAt.AddMinutes(-10), steps)
        {
            DecidedBy = "oscar",
            OldConfig = "churn-config-v7",
            NewConfig = "churn-20250604100000",
            StartedAt = startedAt,
            FinishedAt = finishedAt,
            Outcome = finishedAt is null ? null : "churn-5xx went to ALARM",
        };
    }
}
