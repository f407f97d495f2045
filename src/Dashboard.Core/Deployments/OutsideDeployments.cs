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
/// config other than the one last seen. What was last seen of each endpoint is stored (<see cref="IEndpointSightingStore"/>),
/// so an update that started and finished while the dashboard was stopped is recorded when it starts again: as
/// succeeded when the endpoint serves another config, as rolled back when it serves the same one but was modified since
/// and gives a FailureReason.
/// </summary>
public sealed partial class OutsideDeployments(IDeploymentStore store, IEndpointSightingStore sightings, ISageMakerClient sageMaker,
    LiveStore live, TimeProvider timeProvider, ILogger<OutsideDeployments> logger)
{
    private readonly Dictionary<string, string?> _seenConfig = new(StringComparer.Ordinal);

    /// <summary>The fleet poll (ObservedAt) each Updating endpoint was last described for: one look per poll, not per round.</summary>
    private readonly Dictionary<string, DateTimeOffset> _described = new(StringComparer.Ordinal);

    /// <summary>The stored sightings, read once per process and kept current as they are written.</summary>
    private Dictionary<string, EndpointSighting>? _sightings;

    /// <param name="tracked">Endpoints with a deployment in flight here already.</param>
    public async Task DetectAsync(IReadOnlyList<EndpointState> fleet, IReadOnlySet<string> tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(tracked);
        _sightings ??= new Dictionary<string, EndpointSighting>(await sightings.ListAsync(cancellationToken), StringComparer.Ordinal);
        var seenNow = new List<EndpointSighting>();
        foreach (var state in fleet)
        {
            var known = _seenConfig.TryGetValue(state.Name, out var seen);
            var last = _sightings.GetValueOrDefault(state.Name);
            if (tracked.Contains(state.Name))
            {
                _seenConfig[state.Name] = null; // re-read once the tracked deployment is over
            }
            else if (!known && last is not null && state.Status != EndpointStatuses.Updating && ChangedWhileAway(state, last))
            {
                // First sight since a start, and the endpoint changed since it was last seen: settled while the dashboard was stopped.
                if (!await RecordAsync(state, last.ConfigName, last, cancellationToken))
                {
                    continue; // SageMaker did not answer: look again next round, the stored sighting kept
                }
            }
            else
            {
                var changed = known && seen is not null && state.ConfigName != seen;
                // An endpoint Updating its weights or capacity stays so for many rounds; until the next poll there is nothing new to see.
                var lookedAlready = _described.TryGetValue(state.Name, out var observed) && observed == state.ObservedAt;
                if ((state.Status == EndpointStatuses.Updating && !lookedAlready) || changed)
                {
                    if (await RecordAsync(state, seen, null, cancellationToken))
                    {
                        _described[state.Name] = state.ObservedAt;
                    }
                }
            }
            if (!tracked.Contains(state.Name))
            {
                _seenConfig[state.Name] = state.ConfigName;
            }
            if (last is null || last.ConfigName != state.ConfigName || last.LastModifiedAt != state.LastModifiedAt)
            {
                seenNow.Add(_sightings[state.Name] = new EndpointSighting(state.Name, state.ConfigName, state.LastModifiedAt, state.ObservedAt));
            }
        }
        // Written only when something changed: most rounds write nothing.
        await sightings.SaveAsync(seenNow, cancellationToken);
    }

    /// <summary>Another config, or the same one modified since with SageMaker's reason for a failure (a rollback).</summary>
    private static bool ChangedWhileAway(EndpointState state, EndpointSighting last) =>
        state.LastModifiedAt.ToUnixTimeSeconds() > last.LastModifiedAt.ToUnixTimeSeconds()
        && (state.ConfigName != last.ConfigName || !string.IsNullOrWhiteSpace(state.FailureReason));

    /// <param name="away">The sighting before a stop, when the update settled while the dashboard was stopped.</param>
    /// <returns>Whether SageMaker described the endpoint (false: look again next round).</returns>
    private async Task<bool> RecordAsync(EndpointState state, string? seen, EndpointSighting? away, CancellationToken cancellationToken)
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
        // Rolled back while away: SageMaker serves the config it had, and no longer says which one it tried.
        var rolledBackAway = newConfig is null && away is not null && !string.IsNullOrWhiteSpace(endpoint.FailureReason);
        if (newConfig is null && !rolledBackAway)
        {
            return true; // a weight or capacity change, not a deployment
        }
        var started = endpoint.PendingDeploymentSummary?.StartTime ?? endpoint.LastModifiedTime;
        var recent = await store.ListAsync(state.Name, 5, cancellationToken);
        if (recent.Any(d => newConfig is not null ? d.NewConfig == newConfig
                : d.StartedOutside && d.StartedAt?.ToUnixTimeSeconds() == started.ToUnixTimeSeconds()))
        {
            return true;
        }
        var models = newConfig is null ? [] : await ModelsAsync(newConfig, cancellationToken);
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
        var instances = Math.Max(1, state.Variants.Sum(v => v.CurrentInstanceCount));
        var deployment = new Deployment(0, plan, away is null ? "Started outside the dashboard (console, CLI or CI/CD)."
                : "Started outside the dashboard (console, CLI or CI/CD) and settled while the dashboard was stopped; seen when it started again.",
            DeploymentStatus.Deploying, "outside the dashboard", started, DeploymentTimeline.Steps(plan, instances))
        {
            StartedOutside = true,
            OldConfig = endpoint.PendingDeploymentSummary is null ? seen : endpoint.EndpointConfigName,
            NewConfig = newConfig,
            StartedAt = started,
        };
        // Settled while away: as of when SageMaker last modified the endpoint, not as of now.
        deployment = DeploymentProgress.Advance(deployment, endpoint, away is null ? timeProvider.GetUtcNow() : endpoint.LastModifiedTime);
        try
        {
            await store.AddAsync(deployment, AuditActions.DeploymentDetect, Actor.System, cancellationToken);
            live.PublishTraffic(state.Name);
            LogDetected(logger, state.Name, newConfig ?? "a config SageMaker rolled back");
        }
        catch (DeploymentConflictException ex)
        {
            LogNotRecorded(logger, state.Name, newConfig ?? "a config SageMaker rolled back", ex.Message);
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
