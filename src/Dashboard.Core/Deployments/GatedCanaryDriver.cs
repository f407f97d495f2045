using System.Globalization;
using Dashboard.Core.Alarms;
using Dashboard.Core.Audit;
using Dashboard.Core.Comparison;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Deployments;

/// <summary>
/// Runs the dashboard-gated canary, one round at a time from what DescribeEndpoint shows: once the canary variant is in
/// service, each step's share is set, held, judged by the variant comparison (and the rollback alarms), and either
/// waits for an Operator, moves on, or rolls back; the last step promotes the new model. Every intent is stored before
/// SageMaker is called and every call is safe to repeat, so a restart resumes where the stored steps say.
/// </summary>
public sealed partial class GatedCanaryDriver(IDeploymentStore store, ISageMakerClient sageMaker, VariantComparer comparer,
    IAlarmStore alarms, DeployWindows windows, LiveStore live, TimeProvider timeProvider, ILogger<GatedCanaryDriver> logger)
{
    /// <summary>How long a weight change may take to show before it is asked for again.</summary>
    private static readonly TimeSpan WeightsSettle = TimeSpan.FromSeconds(60);

    /// <summary>The first minute of a step is left out of its analysis: traffic has only begun to move.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(1);

    public async Task<Deployment> AdvanceAsync(Deployment deployment, DescribeEndpointResponse? endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var now = timeProvider.GetUtcNow();
        if (endpoint is null)
        {
            return await SaveAsync(deployment, deployment.Finish(DeploymentStatus.Failed, $"{deployment.Endpoint} no longer exists in SageMaker.", now),
                cancellationToken);
        }
        if (deployment.Status == DeploymentStatus.RollingBack)
        {
            return await RollBackAsync(deployment, endpoint, now, cancellationToken);
        }
        if (deployment.Status == DeploymentStatus.Approved)
        {
            if (endpoint.EndpointConfigName != GatedCanary.CanaryConfig(deployment) && endpoint.PendingDeploymentSummary?.EndpointConfigName != GatedCanary.CanaryConfig(deployment))
            {
                return deployment.UpdateRequestedAt is { } requested && now - requested >= DeploymentProgress.SettleAfter
                    ? await SaveAsync(deployment, deployment.Finish(DeploymentStatus.Failed,
                        $"SageMaker never showed {GatedCanary.CanaryConfig(deployment)} on the endpoint; nothing changed.", now), cancellationToken)
                    : deployment;
            }
            deployment = await SaveAsync(deployment, deployment with { Status = DeploymentStatus.Deploying, StartedAt = deployment.UpdateRequestedAt ?? now },
                cancellationToken, AuditActions.DeploymentStart);
        }
        if (deployment.AbortedBy is { } who)
        {
            return await StartRollBackAsync(deployment, endpoint, $"Aborted by {who} at {deployment.AbortedAt:HH:mm:ss} UTC.", now, cancellationToken);
        }
        var index = deployment.Steps.ToList().FindIndex(s => s.State is StepState.Running or StepState.WaitingForApproval);
        if (index < 0)
        {
            return deployment;
        }
        var step = deployment.Steps[index];
        var last = deployment.Steps.Count - 1;
        if (index == 0)
        {
            return Serving(endpoint, GatedCanary.CanaryConfig(deployment))
                ? await NextAsync(deployment, endpoint, 0, null, now, cancellationToken)
                : endpoint.EndpointStatus == EndpointStatuses.InService && endpoint.PendingDeploymentSummary is null
                    && deployment.StartedAt is { } started && now - started >= DeploymentProgress.SettleAfter
                    ? await SaveAsync(deployment, deployment.Finish(DeploymentStatus.Failed,
                        $"SageMaker did not add the canary variant{Reason(endpoint)}; {deployment.Endpoint} still serves {endpoint.EndpointConfigName}.", now),
                        cancellationToken)
                    : deployment;
        }
        if (index == last)
        {
            return await PromoteAsync(deployment, endpoint, now, cancellationToken);
        }
        if (await TrippedAlarmAsync(deployment, cancellationToken) is { } tripped)
        {
            return await StartRollBackAsync(deployment, endpoint, $"{tripped} during {step.Name} ({step.Share:0.#} % on the new model).", now, cancellationToken);
        }
        if (step.State == StepState.WaitingForApproval)
        {
            return deployment;
        }
        if (GatedCanary.Share(deployment.Plan, endpoint) is { } share && Math.Abs(share - step.Share) > 0.5
            && endpoint.EndpointStatus == EndpointStatuses.InService && now - step.StartedAt >= WeightsSettle)
        {
            await SetWeightsAsync(deployment, endpoint, step.Share, cancellationToken); // SageMaker did not take them (or the answer was lost)
            return deployment;
        }
        if (step.HoldEndsAt is not { } ends || now < ends)
        {
            return deployment;
        }
        if (await windows.ClosedAsync(deployment.Endpoint, cancellationToken) is { } closed)
        {
            return await NoteAsync(deployment, index, $"Held: {closed}", cancellationToken); // a step never advances outside the window
        }
        if (step.Share >= 100)
        {
            return await NextAsync(deployment, endpoint, index, "Held with all traffic and no rollback alarm.", now, cancellationToken);
        }
        // A one-minute hold keeps half of it: the look must have a window to judge.
        var from = step.StartedAt!.Value + TimeSpan.FromSeconds(Math.Min(WarmUp.TotalSeconds, deployment.Plan.StepMinutes * 30));
        var analysis = SequentialAnalysis.Of(await comparer.CompareLooksAsync(deployment.Endpoint, deployment.Plan.Variants[0].Variant,
            GatedCanary.CanaryVariant(deployment.Plan), from, LookEnds(step, deployment.Plan), cancellationToken));
        return analysis.Verdict switch
        {
            ComparisonVerdict.Fail => await StartRollBackAsync(deployment, endpoint,
                $"The analysis of {step.Name} ({step.Share:0.#} %) failed: {analysis.Summary}", now, cancellationToken),
            // Held another step's minutes and judged again then, on all the step's data: the sequential test's bounds keep a
            // good candidate's chance of failing the step at α however many looks it takes.
            ComparisonVerdict.NotEnoughTraffic => await SaveAsync(deployment, deployment with
            {
                Steps = Replace(deployment.Steps, index, step with
                {
                    HoldSeconds = step.HoldSeconds + deployment.Plan.StepMinutes * 60,
                    Note = $"{analysis.Summary} Held {deployment.Plan.StepMinutes} min more.",
                }),
            }, cancellationToken),
            _ when deployment.Plan.ApproveEachStep => await SaveAsync(deployment, deployment with
            {
                Steps = Replace(deployment.Steps, index, step with { State = StepState.WaitingForApproval, Note = $"Passed: {analysis.Summary} Waiting for an Operator." }),
            }, cancellationToken),
            _ => await NextAsync(deployment, endpoint, index, $"Passed: {analysis.Summary}", now, cancellationToken),
        };
    }

    /// <summary>
    /// The ends of the step's holds so far, each a look of its sequential test: the first hold, then one more per time it
    /// was held for want of traffic (each adds the plan's step minutes to the step's hold).
    /// </summary>
    internal static IReadOnlyList<DateTimeOffset> LookEnds(DeploymentStep step, DeploymentPlan plan)
    {
        var hold = Math.Max(1, plan.StepMinutes) * 60;
        var looks = Math.Max(1, step.HoldSeconds / hold);
        return Enumerable.Range(1, looks).Select(k => step.StartedAt!.Value.AddSeconds(Math.Min(k * hold, step.HoldSeconds))).ToList();
    }

    /// <summary>An Operator approved the step waiting for approval, or promoted now (every remaining step skipped).</summary>
    public async Task<Deployment> ContinueAsync(Deployment deployment, bool promote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var endpoint = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(deployment.Endpoint), cancellationToken);
        var index = deployment.Steps.ToList().FindIndex(s => s.State is StepState.Running or StepState.WaitingForApproval);
        var now = timeProvider.GetUtcNow();
        if (!promote)
        {
            return await NextAsync(deployment, endpoint, index, deployment.Steps[index].Note, now, cancellationToken);
        }
        var skipped = deployment with
        {
            Steps = deployment.Steps.Select((s, i) => i >= index && i < deployment.Steps.Count - 1
                ? s with { State = StepState.Done, StartedAt = s.StartedAt ?? now, EndedAt = now, Note = s.Note ?? "Skipped: promoted now." } : s).ToList(),
        };
        return await NextAsync(skipped, endpoint, deployment.Steps.Count - 2, null, now, cancellationToken);
    }

    /// <summary>Step <paramref name="index"/> is done; the next one starts (its weights set, or the promotion begun).</summary>
    private async Task<Deployment> NextAsync(Deployment deployment, DescribeEndpointResponse endpoint, int index, string? note, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var steps = Replace(deployment.Steps, index, deployment.Steps[index] with { State = StepState.Done, EndedAt = now, Note = note ?? deployment.Steps[index].Note });
        var next = steps[index + 1] with { State = StepState.Running, StartedAt = now };
        var stored = await SaveAsync(deployment, deployment with { Steps = Replace(steps, index + 1, next) }, cancellationToken);
        if (index + 1 == stored.Steps.Count - 1)
        {
            return await PromoteAsync(stored, endpoint, now, cancellationToken);
        }
        await SetWeightsAsync(stored, endpoint, next.Share, cancellationToken);
        return stored;
    }

    /// <summary>Creates the final config (the original variant serving the new model) and deploys it; Succeeded once it serves.</summary>
    private async Task<Deployment> PromoteAsync(Deployment deployment, DescribeEndpointResponse endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Serving(endpoint, deployment.NewConfig!))
        {
            return await SaveAsync(deployment, (deployment with { Steps = deployment.Steps.Select(s => s with { State = StepState.Done, EndedAt = s.EndedAt ?? now }).ToList() }).Finish(
                DeploymentStatus.Succeeded, $"{deployment.NewConfig} serves all traffic: {deployment.Plan.Models()}.", now), cancellationToken);
        }
        if (endpoint.EndpointStatus != EndpointStatuses.InService || endpoint.PendingDeploymentSummary is not null)
        {
            return deployment; // SageMaker is still busy (the last weights, or the promotion itself)
        }
        var current = await sageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(deployment.OldConfig!), cancellationToken);
        var tags = await sageMaker.ListTagsAsync(new ListTagsRequest(current.EndpointConfigArn), cancellationToken);
        try
        {
            await sageMaker.CreateEndpointConfigAsync(DeploymentLauncher.Copy(current, deployment.NewConfig!, deployment.Plan, tags.Tags ?? []), cancellationToken);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ValidationException" && ex.Message.Contains("already existing", StringComparison.OrdinalIgnoreCase))
        {
            // Created by this promotion's earlier round.
        }
        await sageMaker.UpdateEndpointAsync(new UpdateEndpointRequest(deployment.Endpoint, deployment.NewConfig!), cancellationToken);
        LogPromoting(logger, deployment.Id, deployment.Endpoint, deployment.NewConfig!);
        return deployment;
    }

    /// <summary>Stores why it rolls back, then takes the canary's traffic away at once; the old config follows once that is done.</summary>
    private async Task<Deployment> StartRollBackAsync(Deployment deployment, DescribeEndpointResponse endpoint, string why, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stored = await SaveAsync(deployment, deployment with
        {
            Status = DeploymentStatus.RollingBack,
            Outcome = why,
            Steps = deployment.Steps.Select(s => s.State is StepState.Running or StepState.WaitingForApproval ? s with { State = StepState.Failed, EndedAt = now } : s).ToList(),
        }, cancellationToken, AuditActions.DeploymentRollBack);
        if (endpoint.EndpointStatus == EndpointStatuses.InService && (GatedCanary.Share(stored.Plan, endpoint) ?? 0) > 0)
        {
            await SetWeightsAsync(stored, endpoint, 0, cancellationToken);
        }
        return stored;
    }

    private async Task<Deployment> RollBackAsync(Deployment deployment, DescribeEndpointResponse endpoint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (Serving(endpoint, deployment.OldConfig!))
        {
            return await SaveAsync(deployment, deployment.Finish(DeploymentStatus.RolledBack,
                $"{deployment.Outcome} The weights went back and {deployment.OldConfig} serves again.", now), cancellationToken);
        }
        if (endpoint.EndpointStatus != EndpointStatuses.InService || endpoint.PendingDeploymentSummary is not null)
        {
            return deployment;
        }
        if ((GatedCanary.Share(deployment.Plan, endpoint) ?? 0) > 0)
        {
            await SetWeightsAsync(deployment, endpoint, 0, cancellationToken);
        }
        else
        {
            await sageMaker.UpdateEndpointAsync(new UpdateEndpointRequest(deployment.Endpoint, deployment.OldConfig!), cancellationToken);
        }
        return deployment;
    }

    private async Task<string?> TrippedAlarmAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var entries = await alarms.ListAsync(cancellationToken);
        var tripped = entries.FirstOrDefault(a => deployment.Plan.RollbackAlarms.Contains(a.Definition.Name) && a.Status.State == AlarmState.Alarm);
        return tripped is null ? null : $"{tripped.Definition.Name} went to ALARM ({tripped.Status.Reason})";
    }

    private Task SetWeightsAsync(Deployment deployment, DescribeEndpointResponse endpoint, double share, CancellationToken cancellationToken) =>
        sageMaker.UpdateEndpointWeightsAndCapacitiesAsync(
            new UpdateEndpointWeightsAndCapacitiesRequest(deployment.Endpoint, GatedCanary.Weights(deployment.Plan, endpoint, share)), cancellationToken);

    private Task<Deployment> NoteAsync(Deployment deployment, int index, string note, CancellationToken cancellationToken) =>
        deployment.Steps[index].Note == note ? Task.FromResult(deployment)
            : SaveAsync(deployment, deployment with { Steps = Replace(deployment.Steps, index, deployment.Steps[index] with { Note = note }) }, cancellationToken);

    private async Task<Deployment> SaveAsync(Deployment before, Deployment after, CancellationToken cancellationToken, string? action = null)
    {
        if (after == before)
        {
            return before;
        }
        action ??= after.Status == before.Status ? null
            : after.Status is DeploymentStatus.Succeeded or DeploymentStatus.RolledBack or DeploymentStatus.Failed ? AuditActions.DeploymentFinish
            : null;
        var stored = await store.MoveAsync(after, before.Status, action, Actor.System, cancellationToken);
        live.PublishTraffic(after.Endpoint);
        return stored;
    }

    private static bool Serving(DescribeEndpointResponse endpoint, string config) =>
        endpoint.EndpointStatus == EndpointStatuses.InService && endpoint.PendingDeploymentSummary is null && endpoint.EndpointConfigName == config;

    private static string Reason(DescribeEndpointResponse endpoint) =>
        string.IsNullOrWhiteSpace(endpoint.FailureReason) ? "" : $" ({endpoint.FailureReason.Trim()})";

    private static List<DeploymentStep> Replace(IReadOnlyList<DeploymentStep> steps, int index, DeploymentStep step) =>
        steps.Select((s, i) => i == index ? step : s).ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Promoting gated canary #{Id} on {Endpoint}: deploying {Config}")]
    private static partial void LogPromoting(ILogger logger, long id, string endpoint, string config);
}
