using System.Globalization;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Deployments;

namespace Dashboard.Simulator.SageMaker;

/// <summary>
/// UpdateEndpoint's DeploymentConfig: the model constraints first (ranges, enums, lengths), then the service's rules
/// against the endpoint (one policy, canary and linear sizes, the timeout against the waits, rolling on one variant).
/// </summary>
internal static class DeploymentConfigValidator
{
    private const string Member = "deploymentConfig";
    private static readonly string[] RoutingTypes = [TrafficRoutingTypes.AllAtOnce, TrafficRoutingTypes.Canary, TrafficRoutingTypes.Linear];
    private static readonly string[] SizeTypes = [CapacitySizeTypes.InstanceCount, CapacitySizeTypes.CapacityPercent];

    public static void ValidateShape(DeploymentConfig config)
    {
        if (config.BlueGreenUpdatePolicy is { } blueGreen)
        {
            var policy = Member + ".blueGreenUpdatePolicy";
            var routing = blueGreen.TrafficRoutingConfiguration
                ?? throw SageMakerValidation.Constraint(null, policy + ".trafficRoutingConfiguration", "Member must not be null");
            SageMakerValidation.RequireOneOf(routing.Type ?? throw SageMakerValidation.Constraint(null, policy + ".trafficRoutingConfiguration.type",
                "Member must not be null"), policy + ".trafficRoutingConfiguration.type", RoutingTypes);
            SageMakerValidation.Range(routing.WaitIntervalInSeconds, policy + ".trafficRoutingConfiguration.waitIntervalInSeconds", 0, 3600);
            Size(routing.CanarySize, policy + ".trafficRoutingConfiguration.canarySize");
            Size(routing.LinearStepSize, policy + ".trafficRoutingConfiguration.linearStepSize");
            SageMakerValidation.Range(blueGreen.TerminationWaitInSeconds, policy + ".terminationWaitInSeconds", 0, 3600);
            SageMakerValidation.Range(blueGreen.MaximumExecutionTimeoutInSeconds, policy + ".maximumExecutionTimeoutInSeconds", 600, 28800);
        }
        if (config.RollingUpdatePolicy is { } rolling)
        {
            var policy = Member + ".rollingUpdatePolicy";
            if (rolling.MaximumBatchSize is null)
            {
                throw SageMakerValidation.Constraint(null, policy + ".maximumBatchSize", "Member must not be null");
            }
            Size(rolling.MaximumBatchSize, policy + ".maximumBatchSize");
            SageMakerValidation.Range(rolling.WaitIntervalInSeconds, policy + ".waitIntervalInSeconds", 0, 3600);
            SageMakerValidation.Range(rolling.MaximumExecutionTimeoutInSeconds, policy + ".maximumExecutionTimeoutInSeconds", 600, 28800);
            Size(rolling.RollbackMaximumBatchSize, policy + ".rollbackMaximumBatchSize");
        }
        if (config.AutoRollbackConfiguration is { } rollback)
        {
            var alarms = rollback.Alarms ?? [];
            SageMakerValidation.Length(alarms.Count, Member + ".autoRollbackConfiguration.alarms", 1, 10, $"[{alarms.Count} alarms]");
            for (var i = 0; i < alarms.Count; i++)
            {
                if (alarms[i]?.AlarmName is not { Length: >= 1 and <= 255 } name)
                {
                    throw SageMakerValidation.Constraint(alarms[i]?.AlarmName, $"{Member}.autoRollbackConfiguration.alarms.{i + 1}.member.alarmName",
                        "Member must have length between 1 and 255");
                }
            }
        }
    }

    private static void Size(CapacitySize? size, string member)
    {
        if (size is null)
        {
            return;
        }
        SageMakerValidation.RequireOneOf(size.Type ?? throw SageMakerValidation.Constraint(null, member + ".type", "Member must not be null"),
            member + ".type", SizeTypes);
        SageMakerValidation.Range(size.Value, member + ".value", 1, int.MaxValue);
    }

    /// <summary>The rules that need the endpoint: <paramref name="instances"/> is the new fleet's size, <paramref name="current"/> the old one's.</summary>
    public static void ValidateAgainst(DeploymentConfig config, int variants, int instances, int current)
    {
        if (config.BlueGreenUpdatePolicy is not null && config.RollingUpdatePolicy is not null)
        {
            throw SageMakerValidation.Error("Only one of BlueGreenUpdatePolicy and RollingUpdatePolicy can be specified in DeploymentConfig.");
        }
        var waits = 0L;
        int? timeout = null;
        if (config.BlueGreenUpdatePolicy is { } blueGreen)
        {
            var routing = blueGreen.TrafficRoutingConfiguration;
            timeout = blueGreen.MaximumExecutionTimeoutInSeconds;
            var steps = 1;
            switch (routing.Type)
            {
                case TrafficRoutingTypes.Canary:
                    var canary = routing.CanarySize
                        ?? throw SageMakerValidation.Error("CanarySize must be specified when the traffic routing type is CANARY.");
                    if (DeploymentTimeline.Share(canary, instances) > 0.5)
                    {
                        throw SageMakerValidation.Error(
                            $"CanarySize {Describe(canary)} is more than 50% of the new fleet's capacity ({instances} instances); the canary can be at most 50%.");
                    }
                    break;
                case TrafficRoutingTypes.Linear:
                    var step = routing.LinearStepSize
                        ?? throw SageMakerValidation.Error("LinearStepSize must be specified when the traffic routing type is LINEAR.");
                    var share = DeploymentTimeline.Share(step, instances);
                    if (share is < 0.1 or > 0.5)
                    {
                        throw SageMakerValidation.Error(
                            $"LinearStepSize {Describe(step)} must be between 10% and 50% of the new fleet's capacity ({instances} instances).");
                    }
                    steps = (int)Math.Ceiling(1 / share - 1e-9) - 1;
                    break;
            }
            if (routing.Type != TrafficRoutingTypes.Canary && routing.CanarySize is not null)
            {
                throw SageMakerValidation.Error("CanarySize can only be specified when the traffic routing type is CANARY.");
            }
            if (routing.Type != TrafficRoutingTypes.Linear && routing.LinearStepSize is not null)
            {
                throw SageMakerValidation.Error("LinearStepSize can only be specified when the traffic routing type is LINEAR.");
            }
            waits = (long)routing.WaitIntervalInSeconds * steps + (blueGreen.TerminationWaitInSeconds ?? 0);
        }
        if (config.RollingUpdatePolicy is { } rolling)
        {
            if (variants > 1)
            {
                throw SageMakerValidation.Error("RollingUpdatePolicy is not supported for endpoints with more than one production variant.");
            }
            var batch = DeploymentTimeline.Instances(rolling.MaximumBatchSize, current);
            var percent = rolling.MaximumBatchSize.Type == CapacitySizeTypes.CapacityPercent
                ? rolling.MaximumBatchSize.Value
                : 100.0 * rolling.MaximumBatchSize.Value / current;
            if (percent is < 5 or > 50 || batch < 1)
            {
                throw SageMakerValidation.Error(
                    $"MaximumBatchSize {Describe(rolling.MaximumBatchSize)} must be between 5% and 50% of the variant's {current} instances.");
            }
            timeout = rolling.MaximumExecutionTimeoutInSeconds;
            waits = (long)rolling.WaitIntervalInSeconds * (long)Math.Ceiling(current / (double)batch);
        }
        if (timeout is { } limit && limit <= waits)
        {
            throw SageMakerValidation.Error(string.Create(CultureInfo.InvariantCulture,
                $"MaximumExecutionTimeoutInSeconds ({limit}) must be greater than the wait intervals and termination wait added up ({waits} seconds)."));
        }
    }

    private static string Describe(CapacitySize size) => size.Type == CapacitySizeTypes.CapacityPercent
        ? string.Create(CultureInfo.InvariantCulture, $"{size.Value}%")
        : string.Create(CultureInfo.InvariantCulture, $"{size.Value} instance(s)");
}
