using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Deployments;

/// <summary>
/// The state machine of a SageMaker deployment, as a pure function of the stored deployment and what DescribeEndpoint
/// shows now: the step reached, and the outcome once the endpoint is InService (or stuck) again. Calling it twice with
/// the same answer changes nothing the second time, so a restart or a repeated poll is harmless.
/// </summary>
public static class DeploymentProgress
{
    /// <summary>
    /// How long an update whose SageMaker answer was lost may take to show on the endpoint before the deployment is
    /// recorded as not started.
    /// </summary>
    public static readonly TimeSpan SettleAfter = TimeSpan.FromMinutes(3);

    /// <summary>The deployment after SageMaker's <paramref name="endpoint"/> (null: the endpoint no longer exists).</summary>
    public static Deployment Advance(Deployment deployment, DescribeEndpointResponse? endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        if (endpoint is null)
        {
            return deployment.Status is DeploymentStatus.Deploying or DeploymentStatus.RollingBack
                || (deployment.Status == DeploymentStatus.Approved && deployment.UpdateRequestedAt is not null)
                ? deployment.Finish(DeploymentStatus.Failed, $"{deployment.Endpoint} no longer exists in SageMaker.", now)
                : deployment;
        }
        var pending = endpoint.PendingDeploymentSummary?.EndpointConfigName;
        if (deployment.Status == DeploymentStatus.Approved)
        {
            if (deployment.UpdateRequestedAt is not { } requested)
            {
                return deployment;
            }
            if (pending != deployment.NewConfig && endpoint.EndpointConfigName != deployment.NewConfig)
            {
                return now - requested >= SettleAfter
                    ? deployment.Finish(DeploymentStatus.Failed,
                        $"SageMaker never showed {deployment.NewConfig} on the endpoint after UpdateEndpoint (its answer was lost); "
                        + $"{deployment.Endpoint} still serves {endpoint.EndpointConfigName}. Nothing was rolled back; propose it again.", now)
                    : deployment;
            }
            deployment = deployment with { Status = DeploymentStatus.Deploying, StartedAt = deployment.StartedAt ?? requested };
        }
        if (deployment.Status is not (DeploymentStatus.Deploying or DeploymentStatus.RollingBack))
        {
            return deployment;
        }
        var steps = Steps(deployment.Steps, endpoint.PendingDeploymentSummary, now);
        deployment = deployment with { Steps = steps };
        var reason = string.IsNullOrWhiteSpace(endpoint.FailureReason) ? null : endpoint.FailureReason.Trim();
        switch (endpoint.EndpointStatus)
        {
            case EndpointStatuses.UpdateRollbackFailed:
                return deployment.Finish(DeploymentStatus.RollbackFailed,
                    $"SageMaker could not roll back{(reason is null ? "" : $" ({reason})")}: the endpoint may serve a mix of "
                    + $"{deployment.OldConfig} and {deployment.NewConfig}. Check the variants below, then deploy the config you "
                    + "want serving (or the old one) again; the endpoint can be updated once it is out of UpdateRollbackFailed.", now);
            case EndpointStatuses.RollingBack:
                return deployment.Status == DeploymentStatus.RollingBack ? deployment : deployment with
                {
                    Status = DeploymentStatus.RollingBack,
                    Outcome = Cause(deployment, reason) ?? "SageMaker is rolling back.",
                };
            case EndpointStatuses.Failed:
                return deployment.Finish(DeploymentStatus.Failed, $"The endpoint failed: {reason ?? "SageMaker gave no reason"}.", now);
            case EndpointStatuses.InService when pending is null && endpoint.EndpointConfigName == deployment.NewConfig:
                return (deployment with { Steps = Done(steps, now) }).Finish(DeploymentStatus.Succeeded,
                    $"{deployment.NewConfig} serves all traffic.", now);
            case EndpointStatuses.InService when pending is null:
                var timedOut = reason is not null && reason.Contains("time", StringComparison.OrdinalIgnoreCase)
                    && reason.Contains("out", StringComparison.OrdinalIgnoreCase);
                var outcome = Cause(deployment, reason)
                    ?? $"Rolled back without saying so: SageMaker returned {deployment.Endpoint} to {endpoint.EndpointConfigName} "
                    + "with an empty FailureReason. Look at the rollback alarms' history below for what tripped.";
                return deployment.Finish(timedOut && deployment.AbortedBy is null ? DeploymentStatus.TimedOut : DeploymentStatus.RolledBack,
                    outcome, now);
            default:
                return deployment;
        }
    }

    /// <summary>
    /// Who aborted, and SageMaker's reason; null when neither is known. Where it rolled back to is said once: by SageMaker's
    /// reason when that names the old config ("Deployment rolled back to endpoint config …"), else by the dashboard.
    /// </summary>
    internal static string? Cause(Deployment deployment, string? reason)
    {
        var aborted = deployment.AbortedBy is { } who ? $"Aborted by {who} at {deployment.AbortedAt:HH:mm:ss} UTC; " : null;
        if (reason is null)
        {
            return aborted is null ? null : $"{aborted}SageMaker rolled back to {deployment.OldConfig}.";
        }
        var namesOld = deployment.OldConfig is { } old && reason.Contains(old, StringComparison.Ordinal);
        return aborted + (namesOld ? $"SageMaker: {reason}" : $"SageMaker rolled back to {deployment.OldConfig}: {reason}");
    }

    private static List<DeploymentStep> Done(IReadOnlyList<DeploymentStep> steps, DateTimeOffset now) =>
        steps.Select(s => s.State == StepState.Done ? s : s with { State = StepState.Done, StartedAt = s.StartedAt ?? now, EndedAt = now }).ToList();

    /// <summary>
    /// The timeline after what the new fleet's variants show: Creating is provisioning; each ActivatingTraffic that
    /// starts after the current step began moves traffic to the next step; Baking holds the step reached.
    /// </summary>
    internal static IReadOnlyList<DeploymentStep> Steps(IReadOnlyList<DeploymentStep> steps, PendingDeploymentSummary? pending, DateTimeOffset now)
    {
        var status = pending?.ProductionVariants?.SelectMany(v => v.VariantStatus ?? []).OrderByDescending(s => s.StartTime ?? now).FirstOrDefault();
        if (status is null || steps.Count == 0)
        {
            return steps;
        }
        var list = steps.ToList();
        var current = list.FindIndex(s => s.State == StepState.Running);
        var since = status.StartTime ?? now;
        if (status.Status == VariantStatuses.Creating)
        {
            if (current < 0 && list[0].State == StepState.Pending)
            {
                list[0] = list[0] with { State = StepState.Running, StartedAt = since };
            }
            return list;
        }
        if (status.Status is not (VariantStatuses.ActivatingTraffic or VariantStatuses.Baking))
        {
            return list;
        }
        if (current < 0)
        {
            current = 0;
            list[0] = list[0] with { State = StepState.Running, StartedAt = list[0].StartedAt ?? since };
        }
        var startsNext = current == 0
            || (status.Status == VariantStatuses.ActivatingTraffic && list[current].StartedAt is { } started && since > started);
        if (startsNext && current + 1 < list.Count)
        {
            list[current] = list[current] with { State = StepState.Done, EndedAt = since };
            list[current + 1] = list[current + 1] with { State = StepState.Running, StartedAt = since };
        }
        return list;
    }
}
