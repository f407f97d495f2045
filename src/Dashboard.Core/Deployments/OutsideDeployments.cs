using Dashboard.Core.Audit;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Deployments;

/// <summary>
/// Records deployments started outside the dashboard (console, CLI, CI/CD), so they appear on the same pages and charts:
/// an endpoint the fleet poll shows Updating with a PendingDeploymentSummary no deployment here names, or serving a
/// config other than the one last seen. The first sight of an endpoint only remembers its config.
/// </summary>
public sealed partial class OutsideDeployments(IDeploymentStore store, ISageMakerClient sageMaker, LiveStore live, TimeProvider timeProvider,
    ILogger<OutsideDeployments> logger)
{
    private readonly Dictionary<string, string?> _seenConfig = new(StringComparer.Ordinal);

    /// <summary>The fleet poll (ObservedAt) each Updating endpoint was last described for: one look per poll, not per round.</summary>
    private readonly Dictionary<string, DateTimeOffset> _described = new(StringComparer.Ordinal);

    /// <param name="tracked">Endpoints with a deployment in flight here already.</param>
    public async Task DetectAsync(IReadOnlyList<EndpointState> fleet, IReadOnlySet<string> tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(tracked);
        foreach (var state in fleet)
        {
            var known = _seenConfig.TryGetValue(state.Name, out var seen);
            if (tracked.Contains(state.Name))
            {
                _seenConfig[state.Name] = null; // re-read once the tracked deployment is over
                continue;
            }
            var changed = known && seen is not null && state.ConfigName != seen;
            // An endpoint Updating its weights or capacity stays so for many rounds; until the next poll there is nothing new to see.
            var lookedAlready = _described.TryGetValue(state.Name, out var observed) && observed == state.ObservedAt;
            if ((state.Status == EndpointStatuses.Updating && !lookedAlready) || changed)
            {
                if (await RecordAsync(state, seen, cancellationToken))
                {
                    _described[state.Name] = state.ObservedAt;
                }
            }
            _seenConfig[state.Name] = state.ConfigName;
        }
    }

    /// <returns>Whether SageMaker described the endpoint (false: look again next round).</returns>
    private async Task<bool> RecordAsync(EndpointState state, string? seen, CancellationToken cancellationToken)
    {
        DescribeEndpointResponse endpoint;
        try
        {
            endpoint = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(state.Name), cancellationToken);
        }
        catch (AwsServiceException)
        {
            return false;
        }
        var newConfig = endpoint.PendingDeploymentSummary?.EndpointConfigName
            ?? (endpoint.EndpointConfigName != seen && seen is not null ? endpoint.EndpointConfigName : null);
        if (newConfig is null)
        {
            return true; // a weight or capacity change, not a deployment
        }
        var recent = await store.ListAsync(state.Name, 5, cancellationToken);
        if (recent.Any(d => d.NewConfig == newConfig))
        {
            return true;
        }
        var models = await ModelsAsync(newConfig, cancellationToken);
        var last = endpoint.LastDeploymentConfig;
        var plan = new DeploymentPlan(state.Name, Strategy(last), models,
            last?.AutoRollbackConfiguration?.Alarms.Select(a => a.AlarmName).ToList() ?? [])
        {
            Size = last?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration.CanarySize
                ?? last?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration.LinearStepSize ?? last?.RollingUpdatePolicy?.MaximumBatchSize,
            WaitSeconds = last?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration.WaitIntervalInSeconds ?? last?.RollingUpdatePolicy?.WaitIntervalInSeconds ?? 0,
            BakeSeconds = last?.BlueGreenUpdatePolicy?.TerminationWaitInSeconds ?? 0,
            TimeoutSeconds = last?.BlueGreenUpdatePolicy?.MaximumExecutionTimeoutInSeconds ?? last?.RollingUpdatePolicy?.MaximumExecutionTimeoutInSeconds ?? 0,
        };
        var now = timeProvider.GetUtcNow();
        var instances = Math.Max(1, state.Variants.Sum(v => v.CurrentInstanceCount));
        var started = endpoint.PendingDeploymentSummary?.StartTime ?? endpoint.LastModifiedTime;
        var deployment = new Deployment(0, plan, "Started outside the dashboard (console, CLI or CI/CD).", DeploymentStatus.Deploying,
            "outside the dashboard", started, DeploymentTimeline.Steps(plan, instances))
        {
            StartedOutside = true,
            OldConfig = endpoint.PendingDeploymentSummary is null ? seen : endpoint.EndpointConfigName,
            NewConfig = newConfig,
            StartedAt = started,
        };
        deployment = DeploymentProgress.Advance(deployment, endpoint, now);
        try
        {
            await store.AddAsync(deployment, AuditActions.DeploymentDetect, Actor.System, cancellationToken);
            live.PublishTraffic(state.Name);
            LogDetected(logger, state.Name, newConfig);
        }
        catch (DeploymentConflictException ex)
        {
            LogNotRecorded(logger, state.Name, newConfig, ex.Message);
        }
        return true;
    }

    private async Task<IReadOnlyList<VariantTarget>> ModelsAsync(string config, CancellationToken cancellationToken)
    {
        try
        {
            var described = await sageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(config), cancellationToken);
            return described.ProductionVariants.Select(v => new VariantTarget(v.VariantName, v.ModelName ?? "?", v.InstanceType, v.InitialInstanceCount)).ToList();
        }
        catch (AwsServiceException)
        {
            return [];
        }
    }

    private static DeploymentStrategy Strategy(DeploymentConfig? config) =>
        config?.RollingUpdatePolicy is not null ? DeploymentStrategy.Rolling
        : config?.BlueGreenUpdatePolicy?.TrafficRoutingConfiguration.Type switch
        {
            TrafficRoutingTypes.Canary => DeploymentStrategy.Canary,
            TrafficRoutingTypes.Linear => DeploymentStrategy.Linear,
            _ => DeploymentStrategy.AllAtOnce,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "A deployment of {Config} to {Endpoint} was started outside the dashboard; tracking it")]
    private static partial void LogDetected(ILogger logger, string endpoint, string config);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A deployment of {Config} to {Endpoint} started outside the dashboard was not recorded: {Reason}")]
    private static partial void LogNotRecorded(ILogger logger, string endpoint, string config, string reason);
}
