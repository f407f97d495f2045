using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Deployments;

/// <summary>How one variant's traffic is split between the old fleet and a new one in one minute.</summary>
/// <param name="ConfigSeries">True once the endpoint has been deployed to: its metrics then also carry EndpointConfigName.</param>
public sealed record FleetMix(VariantProfile Blue, string BlueConfig, VariantProfile? Green, string? GreenConfig, double GreenShare,
    bool ConfigSeries);

/// <summary>An endpoint's deployments, oldest first; each starts from what the one before it left serving.</summary>
public sealed class EndpointDeployments
{
    private readonly Lock _lock = new();
    private EndpointDeployment[] _all = [];

    public bool Any => Volatile.Read(ref _all).Length > 0;

    /// <summary>The newest deployment started by <paramref name="time"/>.</summary>
    public EndpointDeployment? LatestAt(DateTimeOffset time) => Volatile.Read(ref _all).LastOrDefault(d => d.StartTime <= time);

    /// <summary>
    /// Adds a deployment starting at or after every other; one scheduled for later than its start (the demo's CI/CD
    /// deployment) gives way, since none of its minutes has been published yet.
    /// </summary>
    /// <summary>The DeploymentConfig of the newest deployment started by <paramref name="time"/> that had one.</summary>
    public Dashboard.Core.SageMaker.DeploymentConfig? LatestConfiguredAt(DateTimeOffset time) =>
        Volatile.Read(ref _all).LastOrDefault(d => d.StartTime <= time && d.Config is not null)?.Config;

    /// <summary>The newest deployment that completed (without rolling back) by <paramref name="time"/>.</summary>
    public EndpointDeployment? LatestCompletedAt(DateTimeOffset time) =>
        Volatile.Read(ref _all).LastOrDefault(d => d.CompletesAt <= time && d.RollbackBefore(d.CompletesAt) is null);

    public void Add(EndpointDeployment deployment)
    {
        lock (_lock)
        {
            Volatile.Write(ref _all, [.. _all.Where(d => d.StartTime <= deployment.StartTime), deployment]);
        }
    }

    /// <summary>The deployment shaping <paramref name="minute"/>: the newest whose start takes effect by then.</summary>
    public EndpointDeployment? ShapingMinute(long minute) =>
        Volatile.Read(ref _all).LastOrDefault(d => EndpointDeployment.EffectiveMinute(d.StartTime) <= minute);

    /// <summary>
    /// The split of the variant's traffic in <paramref name="minute"/>, or null before any deployment;
    /// <paramref name="serves"/> is false when the variant is not part of the endpoint then (added later, or removed).
    /// </summary>
    public FleetMix? MixAt(string variant, long minute, out bool serves)
    {
        serves = true;
        if (ShapingMinute(minute) is not { } deployment)
        {
            return null;
        }
        if (deployment.CompletedBy(minute))
        {
            var green = deployment.GreenOf(variant);
            serves = green is not null;
            return green is null ? null : new FleetMix(green, deployment.NewConfig.Name, null, null, 0, true);
        }
        if (deployment.BlueOf(variant) is not { } blue)
        {
            serves = false;
            return null;
        }
        var share = deployment.ShareAt(minute);
        return new FleetMix(blue, deployment.OldConfig.Name, deployment.GreenOf(variant), deployment.NewConfig.Name, share, true);
    }

    /// <summary>
    /// The weights (over <paramref name="roster"/>, 0 for a variant the config lacks) a completed deployment set, and from
    /// which minute; null when none applies.
    /// </summary>
    public (IReadOnlyList<float> Weights, long From)? WeightsAt(long minute, IReadOnlyList<string> roster)
    {
        // The newest deployment that completed: a later one that rolled back left its weights in place.
        if (Volatile.Read(ref _all).LastOrDefault(d => EndpointDeployment.EffectiveMinute(d.CompletesAt) <= minute && d.CompletedBy(minute))
            is not { } deployment)
        {
            return null;
        }
        return (roster.Select(name => deployment.GreenOf(name)?.CurrentWeight ?? 0f).ToArray(), EndpointDeployment.EffectiveMinute(deployment.CompletesAt));
    }
}
