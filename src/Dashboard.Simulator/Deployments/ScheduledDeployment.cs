using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.Deployments;

/// <summary>
/// The demo's deployment started outside the dashboard, as a CI/CD pipeline would: support-intent moves to a new
/// config with a slightly better model, LINEAR in two 50 % steps, a few minutes after the simulator starts.
/// </summary>
public static class ScheduledDeployment
{
    public const string EndpointName = "support-intent";
    public const string ConfigName = "support-intent-config-v4";
    public const string ModelName = "intent-distilbert-v4";

    /// <summary>The config is created this long after start-up, and the deployment starts a minute later.</summary>
    public static readonly TimeSpan ConfigCreatedAfter = TimeSpan.FromMinutes(4);

    public static readonly TimeSpan StartsAfter = TimeSpan.FromMinutes(5);

    public static readonly DeploymentConfig Policy = new()
    {
        BlueGreenUpdatePolicy = new BlueGreenUpdatePolicy(new TrafficRoutingConfig(TrafficRoutingTypes.Linear, 120)
        {
            LinearStepSize = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50),
        })
        {
            TerminationWaitInSeconds = 120,
            MaximumExecutionTimeoutInSeconds = 1800,
        },
    };
}
