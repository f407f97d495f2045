using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Deployments;

/// <summary>The steps a plan goes through, as the timeline shows them before and while it runs.</summary>
public static class DeploymentTimeline
{
    /// <summary>
    /// Provisioning, then each traffic share with how long it is held (the last one's hold is the final bake), for an
    /// endpoint with <paramref name="instances"/> instances on the variant(s) being replaced.
    /// </summary>
    public static IReadOnlyList<DeploymentStep> Steps(DeploymentPlan plan, int instances)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var shares = Shares(plan, Math.Max(1, instances));
        var steps = new List<DeploymentStep>
        {
            new(0, plan.IsSageMakers ? "Provisioning the new fleet" : "Adding the canary variant", 0, 0),
        };
        for (var i = 0; i < shares.Count; i++)
        {
            var last = i == shares.Count - 1;
            var hold = plan.Strategy == DeploymentStrategy.GatedCanary ? plan.StepMinutes * 60
                : last ? plan.BakeSeconds : plan.WaitSeconds;
            var name = plan.Strategy switch
            {
                DeploymentStrategy.Rolling => $"Batch {i + 1} of {shares.Count}",
                _ when last && plan.IsSageMakers => "All traffic on the new fleet" + (plan.BakeSeconds > 0 ? ", baking" : ""),
                DeploymentStrategy.Canary => "Canary",
                _ => $"Step {i + 1} of {shares.Count}",
            };
            steps.Add(new DeploymentStep(i + 1, name, shares[i], hold));
        }
        if (plan.Strategy == DeploymentStrategy.GatedCanary)
        {
            steps.Add(new DeploymentStep(steps.Count, "Promoting: the new model replaces the old", 100, 0));
        }
        return steps;
    }

    /// <summary>The new fleet's share of traffic (percent) at each traffic step.</summary>
    public static IReadOnlyList<double> Shares(DeploymentPlan plan, int instances)
    {
        ArgumentNullException.ThrowIfNull(plan);
        switch (plan.Strategy)
        {
            case DeploymentStrategy.Canary:
                return [Math.Min(100, Percent(plan.Size, instances)), 100];
            case DeploymentStrategy.Linear:
            case DeploymentStrategy.Rolling:
                var step = Math.Max(1, Percent(plan.Size, instances));
                var shares = new List<double>();
                for (var share = step; share < 100 - 1e-9 && shares.Count < 100; share += step)
                {
                    shares.Add(Math.Round(share, 1));
                }
                shares.Add(100);
                return shares;
            case DeploymentStrategy.GatedCanary:
                return plan.Steps.Select(s => (double)s).ToList();
            default:
                return [100];
        }
    }

    /// <summary>A capacity size as a percentage of <paramref name="instances"/>.</summary>
    public static double Percent(CapacitySize? size, int instances) => size is null ? 100
        : size.Type == CapacitySizeTypes.CapacityPercent ? size.Value
        : 100.0 * size.Value / Math.Max(1, instances);

    /// <summary>Every wait the plan holds, added up (SageMaker's timeout must exceed it).</summary>
    public static int TotalWaitSeconds(DeploymentPlan plan, int instances) =>
        Steps(plan, instances).Sum(s => s.HoldSeconds);
}
