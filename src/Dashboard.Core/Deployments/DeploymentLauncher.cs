using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Live;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Deployments;

/// <summary>
/// Starts an approved deployment in SageMaker, each call once: the recommended rollback alarms it chose are created, then
/// the dashboard's own abort alarm, then the new endpoint config (a copy of the serving one with the chosen models;
/// data capture, tags and every member the dashboard does not model kept), then UpdateEndpoint — its time stored first,
/// so a restart never calls it twice. A refusal leaves the deployment Failed with AWS's reason and deletes nothing.
/// </summary>
public sealed partial class DeploymentLauncher(IDeploymentStore store, IFleetStore fleet, ISageMakerClient sageMaker,
    ICloudWatchAlarmsClient cloudWatch, AlarmService alarmService, RollbackAlarms rollbackAlarms, DeployWindows windows, IMetricQueries metrics,
    LiveStore live, TimeProvider timeProvider,
    ILogger<DeploymentLauncher> logger)
{
    /// <summary>The dashboard's own rollback alarm of a deployment, which it sets to ALARM to abort.</summary>
    public static string AbortAlarmName(Deployment deployment) => $"{deployment.Endpoint}-deployment-{deployment.Id}-abort";

    /// <summary>
    /// Takes an Approved deployment as far as it can go now, reading it afresh; returns it as stored. Only the tracker
    /// starts deployments (an approval stores the decision and wakes it), one round at a time.
    /// </summary>
    public async Task<Deployment> StartAsync(Deployment deployment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        deployment = await store.FindAsync(deployment.Id, cancellationToken) ?? deployment;
        if (deployment.Status != DeploymentStatus.Approved || deployment.UpdateRequestedAt is not null)
        {
            return deployment;
        }
        var sageMakers = deployment.Plan.IsSageMakers;
        try
        {
            if (deployment.ConfigCreatedAt is null && await windows.ClosedAsync(deployment.Endpoint, cancellationToken) is { } closed)
            {
                // Approved outside its deploy window: it waits, says until when, and the tracker starts it when the window opens.
                return deployment.Outcome == closed ? deployment : await MoveAsync(deployment with { Outcome = closed }, null, cancellationToken);
            }
            if (deployment.ConfigCreatedAt is null)
            {
                if (sageMakers)
                {
                    if (deployment.AbortAlarm is null)
                    {
                        // Named before any alarm is created: however the start ends, the deployment says which alarms are its own to delete.
                        deployment = await MoveAsync(deployment with { AbortAlarm = AbortAlarmName(deployment) }, null, cancellationToken);
                    }
                    await CreateAlarmsAsync(deployment, cancellationToken);
                    await CreateNewFleetAlarmsAsync(deployment, cancellationToken);
                    await cloudWatch.PutMetricAlarmAsync(AbortAlarm(deployment, deployment.AbortAlarm!), cancellationToken);
                }
                await CreateConfigAsync(deployment, cancellationToken);
                deployment = await MoveAsync(deployment with { ConfigCreatedAt = timeProvider.GetUtcNow(), Outcome = null }, null, cancellationToken);
            }
            var requested = await MoveAsync(deployment with { UpdateRequestedAt = timeProvider.GetUtcNow() }, null, cancellationToken);
            try
            {
                // The gated canary adds its variant with a plain update; its steps are the dashboard's, not SageMaker's.
                await sageMaker.UpdateEndpointAsync(new UpdateEndpointRequest(deployment.Endpoint, sageMakers ? deployment.NewConfig! : GatedCanary.CanaryConfig(deployment))
                {
                    DeploymentConfig = sageMakers ? Config(requested) : null,
                }, cancellationToken);
            }
            catch (AwsServiceException ex) when (ex.IsAnswerLost)
            {
                LogAnswerLost(logger, deployment.Id, deployment.Endpoint, ex.ErrorCode);
                return requested; // the tracker sees from the endpoint whether the update started
            }
            var now = timeProvider.GetUtcNow();
            return await MoveAsync(requested with
            {
                Status = DeploymentStatus.Deploying,
                StartedAt = now,
                Steps = sageMakers ? requested.Steps
                    : requested.Steps.Select(s => s.Index == 0 ? s with { State = StepState.Running, StartedAt = now } : s).ToList(),
            }, AuditActions.DeploymentStart, cancellationToken);
        }
        catch (AwsServiceException ex) when (ex.IsAnswerLost)
        {
            // Before UpdateEndpoint: every call so far is safe to repeat, and the tracker starts it again next round.
            LogAnswerLost(logger, deployment.Id, deployment.Endpoint, ex.ErrorCode);
            return await store.FindAsync(deployment.Id, cancellationToken) ?? deployment;
        }
        catch (AwsServiceException ex)
        {
            LogFailed(logger, deployment.Id, deployment.Endpoint, ex.ErrorCode, ex.StatusCode);
            var current = await store.FindAsync(deployment.Id, cancellationToken) ?? deployment;
            return await MoveAsync(current.Finish(DeploymentStatus.Failed, $"SageMaker refused it ({ex.ErrorCode}): {ex.AwsMessage} Nothing was deleted; "
                + (current.ConfigCreatedAt is null ? "no endpoint config was created." : $"{current.NewConfig} stays in the account."),
                timeProvider.GetUtcNow()), AuditActions.DeploymentFinish, cancellationToken);
        }
    }

    /// <summary>Asks SageMaker to roll back (the abort alarm to ALARM); a deployment that has not reached SageMaker just stops.</summary>
    public async Task<Deployment> AbortAsync(Deployment deployment, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(actor);
        if (deployment.Status == DeploymentStatus.Approved && deployment.UpdateRequestedAt is null)
        {
            return await MoveAsync(deployment.Finish(DeploymentStatus.Failed,
                $"Stopped by {deployment.AbortedBy} before SageMaker was asked to update the endpoint; {deployment.OldConfig} kept serving.",
                timeProvider.GetUtcNow()), AuditActions.DeploymentFinish, cancellationToken);
        }
        await SetAbortAlarmAsync(deployment, cancellationToken);
        return deployment;
    }

    /// <summary>Sets the abort alarm to ALARM (again); SageMaker reads its alarms during each baking period.</summary>
    public async Task SetAbortAlarmAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (deployment.AbortAlarm is not { } alarm)
        {
            return;
        }
        await cloudWatch.SetAlarmStateAsync(new SetAlarmStateRequest(alarm, "ALARM",
            $"Rollback of deployment #{deployment.Id} asked for by {deployment.AbortedBy} in the dashboard."), cancellationToken);
    }

    /// <summary>The DeploymentConfig UpdateEndpoint is given for the plan, with the abort alarm among the rollback alarms.</summary>
    public static DeploymentConfig Config(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var plan = deployment.Plan;
        var alarms = plan.RollbackAlarms.Append(deployment.AbortAlarm).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(a => new AlarmReference(a)).ToList();
        var rollback = new AutoRollbackConfig(alarms);
        if (plan.Strategy == DeploymentStrategy.Rolling)
        {
            return new DeploymentConfig
            {
                RollingUpdatePolicy = new RollingUpdatePolicy(plan.Size!, plan.WaitSeconds)
                {
                    MaximumExecutionTimeoutInSeconds = plan.TimeoutSeconds,
                    RollbackMaximumBatchSize = plan.RollbackBatch,
                },
                AutoRollbackConfiguration = rollback,
            };
        }
        var routing = plan.Strategy switch
        {
            DeploymentStrategy.Canary => new TrafficRoutingConfig(TrafficRoutingTypes.Canary, plan.WaitSeconds) { CanarySize = plan.Size },
            DeploymentStrategy.Linear => new TrafficRoutingConfig(TrafficRoutingTypes.Linear, plan.WaitSeconds) { LinearStepSize = plan.Size },
            _ => new TrafficRoutingConfig(TrafficRoutingTypes.AllAtOnce, 0),
        };
        return new DeploymentConfig
        {
            BlueGreenUpdatePolicy = new BlueGreenUpdatePolicy(routing)
            {
                TerminationWaitInSeconds = plan.BakeSeconds,
                MaximumExecutionTimeoutInSeconds = plan.TimeoutSeconds,
            },
            AutoRollbackConfiguration = rollback,
        };
    }

    /// <summary>
    /// The new config: the serving one with each variant's model (and instance type or count) as planned. A count the plan
    /// leaves alone is at least what the variant serves now (<paramref name="serving"/>): an autoscaled variant may run more
    /// instances than its config's initial count, and a new fleet of that size would take all the traffic.
    /// </summary>
    public static CreateEndpointConfigRequest Copy(DescribeEndpointConfigResponse current, string name, DeploymentPlan plan,
        IReadOnlyList<ResourceTag> tags, IReadOnlyDictionary<string, int>? serving = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(plan);
        var variants = current.ProductionVariants.Select(v => plan.Variants.FirstOrDefault(t => t.Variant == v.VariantName) is { } target
            ? v with
            {
                ModelName = target.Model,
                InstanceType = target.InstanceType ?? v.InstanceType,
                InitialInstanceCount = target.InstanceCount ?? Math.Max(v.InitialInstanceCount ?? 1, serving?.GetValueOrDefault(v.VariantName) ?? 0),
            }
            : v).ToList();
        return new CreateEndpointConfigRequest(name, variants)
        {
            DataCaptureConfig = current.DataCaptureConfig,
            KmsKeyId = current.KmsKeyId,
            Tags = tags.Where(t => !t.Key.StartsWith("aws:", StringComparison.Ordinal)).ToList() is { Count: > 0 } kept ? kept : null,
            Other = current.Other,
        };
    }

    private async Task CreateConfigAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var current = await sageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(deployment.OldConfig!), cancellationToken);
        var tags = await sageMaker.ListTagsAsync(new ListTagsRequest(current.EndpointConfigArn), cancellationToken);
        var serving = (await fleet.FindAsync(deployment.Endpoint, cancellationToken))?.Variants
            .ToDictionary(v => v.Name, v => v.CurrentInstanceCount, StringComparer.Ordinal);
        try
        {
            await sageMaker.CreateEndpointConfigAsync(deployment.Plan.IsSageMakers
                ? Copy(current, deployment.NewConfig!, deployment.Plan, tags.Tags ?? [], serving)
                : GatedCanary.WithCanary(current, GatedCanary.CanaryConfig(deployment), deployment.Plan, tags.Tags ?? []), cancellationToken);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ValidationException"
            && ex.Message.Contains("already existing", StringComparison.OrdinalIgnoreCase))
        {
            // This deployment's own earlier call created it (its answer was lost): the name is unique to the deployment.
        }
    }

    /// <summary>
    /// Creates the recommended rollback alarms the plan chose that do not exist yet (mirrored, so SageMaker can watch them),
    /// in the approver's name: the approval was checked for DecideCutover, which only the Operator role grants, and an
    /// Operator may edit alarms.
    /// </summary>
    private async Task CreateAlarmsAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var actor = deployment.DecidedBy is { } approver ? new Actor(approver, new HashSet<Role> { Role.Operator }) : Actor.System;
        if (!actor.Can(Permission.EditAlarms) || await fleet.FindAsync(deployment.Endpoint, cancellationToken) is not { } state)
        {
            return;
        }
        var choices = await rollbackAlarms.ForAsync(state, cancellationToken);
        foreach (var choice in choices.Where(c => c.ToCreate is not null && deployment.Plan.RollbackAlarms.Contains(c.Name)))
        {
            var errors = await alarmService.SaveAsync(actor, choice.ToCreate!, isNew: true, cancellationToken);
            if (errors.Count > 0)
            {
                LogAlarmNotCreated(logger, choice.Name, deployment.Id, errors[0].Message);
            }
        }
    }

    /// <summary>The new-fleet alarms the plan chose, on this deployment's new config, reset to OK (a name reused from an earlier deployment keeps its state).</summary>
    private async Task CreateNewFleetAlarmsAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (await fleet.FindAsync(deployment.Endpoint, cancellationToken) is not { } state)
        {
            return;
        }
        var requests = await NewFleetAlarms.RequestsAsync(deployment, state, metrics, timeProvider.GetUtcNow().ToUnixTimeSeconds(), cancellationToken);
        foreach (var request in requests)
        {
            await cloudWatch.PutMetricAlarmAsync(request, cancellationToken);
            await cloudWatch.SetAlarmStateAsync(new SetAlarmStateRequest(request.AlarmName, "OK", $"Reset for deployment #{deployment.Id}."), cancellationToken);
        }
    }

    /// <summary>The abort alarm: on the endpoint's 5XX count, with a threshold it never reaches, so only SetAlarmState moves it.</summary>
    public static PutMetricAlarmRequest AbortAlarm(Deployment deployment, string name) => new(name)
    {
        AlarmDescription = $"Set to ALARM by the dashboard to roll back deployment #{deployment.Id} of {deployment.Endpoint}; never breaches by itself.",
        Namespace = SageMakerMetrics.InvocationNamespace,
        MetricName = SageMakerMetrics.Invocation5XXErrors,
        Dimensions = [new Dimension("EndpointName", deployment.Endpoint), new Dimension("VariantName", deployment.Plan.Variants[0].Variant)],
        Statistic = "Sum",
        Period = 60,
        EvaluationPeriods = 1,
        Threshold = 1e12,
        ComparisonOperator = "GreaterThanThreshold",
        TreatMissingData = "notBreaching",
    };

    private async Task<Deployment> MoveAsync(Deployment next, string? action, CancellationToken cancellationToken)
    {
        var current = await store.FindAsync(next.Id, cancellationToken) ?? throw new DeploymentConflictException($"There is no deployment #{next.Id}.");
        var stored = await store.MoveAsync(next, current.Status, action, Actor.System, cancellationToken);
        live.PublishTraffic(next.Endpoint);
        return stored;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting deployment #{Id} on {Endpoint} failed with {ErrorCode} (HTTP {StatusCode})")]
    private static partial void LogFailed(ILogger logger, long id, string endpoint, string errorCode, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "SageMaker's answer for deployment #{Id} on {Endpoint} was lost ({ErrorCode}); the tracker settles it from the endpoint")]
    private static partial void LogAnswerLost(ILogger logger, long id, string endpoint, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rollback alarm {Alarm} for deployment #{Id} was not created: {Reason}")]
    private static partial void LogAlarmNotCreated(ILogger logger, string alarm, long id, string reason);
}
