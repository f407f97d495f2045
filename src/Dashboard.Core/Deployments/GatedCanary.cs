using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Deployments;

/// <summary>
/// The names and requests of the dashboard-gated canary: the new model runs as a second variant ("{variant}-canary") of a
/// canary endpoint config next to the serving one, its share of traffic set step by step with
/// UpdateEndpointWeightsAndCapacities, and promotion deploys the final config, where the original variant serves the new model.
/// </summary>
public static class GatedCanary
{
    public static string CanaryVariant(DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var variant = plan.Variants[0].Variant;
        return (variant.Length > 56 ? variant[..56] : variant) + "-canary";
    }

    /// <summary>The config that adds the canary variant: "{NewConfig}-canary".</summary>
    public static string CanaryConfig(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.NewConfig + "-canary";
    }

    /// <summary>The serving config plus the canary variant: the new model, the same instance type, weight 0 until the first step.</summary>
    public static CreateEndpointConfigRequest WithCanary(DescribeEndpointConfigResponse current, string name, DeploymentPlan plan,
        IReadOnlyList<ResourceTag> tags)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(plan);
        var target = plan.Variants[0];
        var control = current.ProductionVariants.First(v => v.VariantName == target.Variant);
        var canary = control with
        {
            VariantName = CanaryVariant(plan),
            ModelName = target.Model,
            InstanceType = target.InstanceType ?? control.InstanceType,
            InitialInstanceCount = target.InstanceCount ?? 1,
            InitialVariantWeight = 0,
        };
        var copy = DeploymentLauncher.Copy(current, name, plan with { Variants = [] }, tags);
        return copy with { ProductionVariants = [.. copy.ProductionVariants, canary] };
    }

    /// <summary>Weights that give the canary <paramref name="share"/> percent of traffic, the other variants keeping their ratio.</summary>
    public static IReadOnlyList<DesiredWeightAndCapacity> Weights(DeploymentPlan plan, DescribeEndpointResponse endpoint, double share)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(endpoint);
        var canary = CanaryVariant(plan);
        var others = (endpoint.ProductionVariants ?? []).Where(v => v.VariantName != canary).ToList();
        var total = others.Sum(v => v.DesiredWeight ?? v.CurrentWeight ?? 0);
        if (total <= 0)
        {
            total = others.Count;
        }
        // The others keep their sum; the canary gets share / (100 − share) of it (at 100 % the others go to 0).
        var canaryWeight = share >= 100 ? 1f : (float)(total * share / (100 - share));
        return others.Select(v => new DesiredWeightAndCapacity(v.VariantName, share >= 100 ? 0f : v.DesiredWeight ?? v.CurrentWeight ?? 1f))
            .Append(new DesiredWeightAndCapacity(canary, canaryWeight)).ToList();
    }

    /// <summary>The canary's share of traffic (percent) the endpoint serves now, or null when it has no canary variant.</summary>
    public static double? Share(DeploymentPlan plan, DescribeEndpointResponse endpoint)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(endpoint);
        var variants = endpoint.ProductionVariants ?? [];
        var canary = variants.FirstOrDefault(v => v.VariantName == CanaryVariant(plan));
        var total = variants.Sum(v => v.CurrentWeight ?? 0);
        return canary is null ? null : total > 0 ? 100.0 * (canary.CurrentWeight ?? 0) / total : 0;
    }
}
