using System.Globalization;
using Dashboard.Core.SageMaker;

namespace Dashboard.Simulator.Deployments;

/// <summary>
/// Turns an UpdateEndpoint's policy into phases on the clock. Durations are SageMaker's order of magnitude divided by
/// the speed factor (Simulator:DeploymentSpeed), so tests and demos can run a deployment in seconds.
/// </summary>
public static class DeploymentTimeline
{
    /// <summary>Creating the new (green) fleet before it takes any traffic.</summary>
    public static readonly TimeSpan Provisioning = TimeSpan.FromMinutes(3);

    /// <summary>Each traffic shift, before its wait begins.</summary>
    public static readonly TimeSpan Activation = TimeSpan.FromSeconds(30);

    /// <summary>Creating one batch of a rolling update.</summary>
    public static readonly TimeSpan BatchProvisioning = TimeSpan.FromMinutes(2);

    /// <summary>RollingBack lasts this long before the endpoint is InService on its old config again.</summary>
    public static readonly TimeSpan RollingBack = TimeSpan.FromMinutes(1);

    public static IReadOnlyList<DeploymentPhase> Plan(DeploymentConfig? config, DateTimeOffset start, int greenInstances, int blueInstances,
        double speed)
    {
        var phases = new List<DeploymentPhase>();
        var at = start;
        void Add(DeploymentPhaseKind kind, TimeSpan duration, double share, string message)
        {
            var end = at + duration / speed;
            if (end > at || kind == DeploymentPhaseKind.ActivatingTraffic)
            {
                phases.Add(new DeploymentPhase(kind, at, end, share, message));
            }
            at = end;
        }

        if (config?.RollingUpdatePolicy is { } rolling)
        {
            var batch = Math.Max(1, Instances(rolling.MaximumBatchSize, blueInstances));
            for (var replaced = 0; replaced < blueInstances;)
            {
                var share = replaced / (double)blueInstances;
                replaced = Math.Min(blueInstances, replaced + batch);
                Add(DeploymentPhaseKind.Provisioning, BatchProvisioning, share, $"Replacing {replaced} of {blueInstances} instances");
                var next = replaced / (double)blueInstances;
                Add(DeploymentPhaseKind.ActivatingTraffic, Activation, next, $"Routing traffic to {replaced} of {blueInstances} new instances");
                Add(DeploymentPhaseKind.Baking, Seconds(rolling.WaitIntervalInSeconds), next, Baking(rolling.WaitIntervalInSeconds));
            }
            return phases;
        }

        var routing = config?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration
            ?? new TrafficRoutingConfig(TrafficRoutingTypes.AllAtOnce, 0);
        var wait = routing.WaitIntervalInSeconds;
        var termination = config?.BlueGreenUpdatePolicy?.TerminationWaitInSeconds ?? 0;
        Add(DeploymentPhaseKind.Provisioning, Provisioning, 0, $"Creating the new fleet of {greenInstances} instances");
        var steps = routing.Type switch
        {
            TrafficRoutingTypes.Canary => [Share(routing.CanarySize!, greenInstances)],
            TrafficRoutingTypes.Linear => LinearSteps(Share(routing.LinearStepSize!, greenInstances)),
            _ => Array.Empty<double>(),
        };
        foreach (var share in steps)
        {
            Add(DeploymentPhaseKind.ActivatingTraffic, Activation, share, $"Shifting {Percent(share)} of traffic to the new fleet");
            Add(DeploymentPhaseKind.Baking, Seconds(wait), share, Baking(wait));
        }
        Add(DeploymentPhaseKind.ActivatingTraffic, Activation, 1, "Shifting all traffic to the new fleet");
        if (routing.Type == TrafficRoutingTypes.AllAtOnce)
        {
            Add(DeploymentPhaseKind.Baking, Seconds(wait), 1, Baking(wait));
        }
        Add(DeploymentPhaseKind.Baking, Seconds(termination), 1, Baking(termination));
        return phases;
    }

    /// <summary>A canary or linear step as a share of traffic: instances of the new fleet, or a percentage of it.</summary>
    public static double Share(CapacitySize size, int instances) =>
        size.Type == CapacitySizeTypes.InstanceCount ? Math.Min(1, size.Value / (double)Math.Max(1, instances)) : size.Value / 100.0;

    public static int Instances(CapacitySize size, int instances) =>
        size.Type == CapacitySizeTypes.InstanceCount ? size.Value : (int)Math.Floor(instances * size.Value / 100.0);

    private static double[] LinearSteps(double step)
    {
        var steps = new List<double>();
        for (var share = step; share < 1 - 1e-9; share += step)
        {
            steps.Add(Math.Round(share, 6));
        }
        return [.. steps];
    }

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);

    private static string Baking(int seconds) => $"Baking for {seconds.ToString(CultureInfo.InvariantCulture)} seconds";

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
