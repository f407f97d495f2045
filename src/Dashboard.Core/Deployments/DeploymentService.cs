using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Audit;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;

namespace Dashboard.Core.Deployments;

/// <summary>The outcome of a proposal: the stored deployment, or the field errors that kept it from being stored.</summary>
public sealed record DeploymentProposal(Deployment? Deployment, IReadOnlyList<FieldError> Errors);

/// <summary>What the New deployment form offers: the endpoint, the account's models (newest first) and the rollback alarms.</summary>
/// <param name="Serving">The model each variant serves now, from the endpoint's config.</param>
public sealed record DeploymentOptions(EndpointState Endpoint, IReadOnlyList<ModelSummary> Models, IReadOnlyList<RollbackAlarmChoice> Alarms,
    IReadOnlyDictionary<string, string> Serving);

/// <summary>
/// Deployments, four eyes: an Engineer or Operator proposes, a different Operator approves (DecideCutover) — only then does
/// the dashboard create the endpoint config and call UpdateEndpoint — or rejects; the proposer may withdraw; an Operator
/// may abort a running one. Every step checks the actor's role on the server and is stored with its audit record.
/// </summary>
public sealed class DeploymentService(IDeploymentStore store, IFleetStore fleet, ITrafficChangeStore traffic, ISageMakerClient sageMaker,
    RollbackAlarms rollbackAlarms, DeploymentLauncher launcher, GatedCanaryDriver gated, DeploymentSignal tracker, LiveStore live,
    TimeProvider timeProvider)
{
    public const string EndpointField = "Endpoint";
    public const string ReasonField = "Reason";
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 500;

    /// <summary>ListModels pages read at most (100 models each).</summary>
    private const int MaxModelPages = 20;

    /// <summary>The form's choices for <paramref name="endpoint"/>; null when it is not in the fleet.</summary>
    public async Task<DeploymentOptions?> OptionsAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        if (await fleet.FindAsync(endpoint, cancellationToken) is not { } state)
        {
            return null;
        }
        var serving = state.ConfigName is { } config
            ? (await sageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(config), cancellationToken)).ProductionVariants
                .Where(v => v.ModelName is not null).ToDictionary(v => v.VariantName, v => v.ModelName!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return new DeploymentOptions(state, await ModelsAsync(cancellationToken), await rollbackAlarms.ForAsync(state, cancellationToken), serving);
    }

    /// <summary>Field errors of the plan as it would be stored (empty when it can be).</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(DeploymentPlan plan, string? reason, DeploymentOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<FieldError>();
        var state = options.Endpoint;
        if (state.Status != EndpointStatuses.InService)
        {
            errors.Add(new FieldError(EndpointField, $"{state.Name} is {state.Status}; a deployment can start only while it is InService."));
        }
        else if (await OpenChangeAsync(state.Name, cancellationToken) is { } open)
        {
            errors.Add(new FieldError(EndpointField, open));
        }
        var alarms = options.Alarms.Where(a => !plan.IsSageMakers || a.InCloudWatch).Select(a => a.Name).ToList();
        errors.AddRange(DeploymentRules.Check(plan, new DeploymentContext(state, options.Models.Select(m => m.ModelName).ToList(), alarms)));
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(new FieldError(ReasonField, "Say why this model should be deployed."));
        }
        else if (trimmed.Length > MaxReasonLength)
        {
            errors.Add(new FieldError(ReasonField, $"Keep the reason under {MaxReasonLength} characters ({trimmed.Length} now)."));
        }
        return errors;
    }

    /// <exception cref="AccessDeniedException">The actor may not propose deployments.</exception>
    public async Task<DeploymentProposal> ProposeAsync(Actor actor, DeploymentPlan plan, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(plan);
        actor.Demand(Permission.ProposeTrafficChange);
        if (await OptionsAsync(plan.Endpoint, cancellationToken) is not { } options)
        {
            return new DeploymentProposal(null, [new FieldError(EndpointField, $"There is no endpoint named '{plan.Endpoint}' in the fleet.")]);
        }
        var errors = await ValidateAsync(plan, reason, options, cancellationToken);
        if (errors.Count > 0)
        {
            return new DeploymentProposal(null, errors);
        }
        var steps = DeploymentTimeline.Steps(plan, DeploymentRules.Instances(plan, options.Endpoint));
        var proposal = new Deployment(0, plan, reason!.Trim(), DeploymentStatus.Proposed, actor.UserName, timeProvider.GetUtcNow(), steps)
        {
            OldConfig = options.Endpoint.ConfigName,
        };
        try
        {
            var stored = await store.AddAsync(proposal, AuditActions.DeploymentPropose, actor, cancellationToken);
            live.PublishTraffic(plan.Endpoint);
            return new DeploymentProposal(stored, []);
        }
        catch (DeploymentConflictException ex)
        {
            return new DeploymentProposal(null, [new FieldError(EndpointField, ex.Message)]);
        }
    }

    /// <summary>
    /// Approves a proposed deployment: stored as Approved (with the name of the config it will create) and the tracker
    /// woken, which starts it within moments — rollback alarms created, the config created, UpdateEndpoint called — so the
    /// click waits for no AWS call. Returns the deployment as stored: Approved.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not decide cutovers, or proposed this one (four eyes).</exception>
    /// <exception cref="DeploymentConflictException">The deployment does not exist or was decided already.</exception>
    public async Task<Deployment> ApproveAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.DecideCutover);
        var deployment = await ProposedAsync(id, cancellationToken);
        actor.DemandNotRequester(deployment.ProposedBy);
        var now = timeProvider.GetUtcNow();
        var state = await fleet.FindAsync(deployment.Endpoint, cancellationToken);
        var approved = await store.MoveAsync(deployment with
        {
            Status = DeploymentStatus.Approved,
            DecidedBy = actor.UserName,
            DecidedAt = now,
            DecisionNote = Note(note),
            OldConfig = state?.ConfigName ?? deployment.OldConfig,
            NewConfig = ConfigName(deployment.Endpoint, now),
        }, DeploymentStatus.Proposed, AuditActions.DeploymentApprove, actor, cancellationToken);
        live.PublishTraffic(deployment.Endpoint);
        tracker.Set();
        return approved;
    }

    /// <exception cref="AccessDeniedException">The actor may not decide cutovers, or proposed this one (withdraw it instead).</exception>
    /// <exception cref="DeploymentConflictException">The deployment does not exist or was decided already.</exception>
    public async Task<Deployment> RejectAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.DecideCutover);
        var deployment = await ProposedAsync(id, cancellationToken);
        actor.DemandNotProposer(deployment.ProposedBy, "deployment");
        return await CloseAsync(deployment, DeploymentStatus.Rejected, AuditActions.DeploymentReject, actor, note, cancellationToken);
    }

    /// <exception cref="AccessDeniedException">The actor did not propose this deployment.</exception>
    /// <exception cref="DeploymentConflictException">The deployment does not exist or was decided already.</exception>
    public async Task<Deployment> WithdrawAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ProposeTrafficChange);
        var deployment = await ProposedAsync(id, cancellationToken);
        actor.DemandProposer(deployment.ProposedBy, "deployment");
        return await CloseAsync(deployment, DeploymentStatus.Withdrawn, AuditActions.DeploymentWithdraw, actor, note, cancellationToken);
    }

    /// <summary>
    /// Rolls a running deployment back: sets the dashboard's own rollback alarm to ALARM so SageMaker reverts to the old
    /// fleet (at its next alarm check), recording who asked. An Approved one that has not reached SageMaker is just stopped.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not decide cutovers.</exception>
    /// <exception cref="DeploymentConflictException">The deployment is not running.</exception>
    public async Task<Deployment> AbortAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.DecideCutover);
        var deployment = await store.FindAsync(id, cancellationToken) ?? throw new DeploymentConflictException($"There is no deployment #{id}.");
        if (deployment.Status is not (DeploymentStatus.Deploying or DeploymentStatus.Approved) || deployment.AbortedBy is not null
            || deployment.StartedOutside)
        {
            throw new DeploymentConflictException(deployment.AbortedBy is { } who
                ? $"{who} already asked for deployment #{id} to roll back."
                : deployment.StartedOutside ? $"Deployment #{id} was started outside the dashboard, which has no rollback alarm of its own in it."
                : $"Deployment #{id} is {Deployment.StatusText(deployment.Status).ToLowerInvariant()}; only a running deployment can be rolled back.");
        }
        var aborted = await store.MoveAsync(deployment with
        {
            AbortedBy = actor.UserName,
            AbortedAt = timeProvider.GetUtcNow(),
            DecisionNote = Note(note) ?? deployment.DecisionNote,
        }, deployment.Status, AuditActions.DeploymentAbort, actor, cancellationToken);
        live.PublishTraffic(deployment.Endpoint);
        return await launcher.AbortAsync(aborted, actor, cancellationToken);
    }

    /// <summary>A gated canary's step passed its analysis and waits: an Operator other than the proposer lets it move on.</summary>
    /// <exception cref="AccessDeniedException">The actor may not decide cutovers, or proposed this deployment.</exception>
    /// <exception cref="DeploymentConflictException">No step of it waits for approval.</exception>
    public async Task<Deployment> ApproveStepAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.DecideCutover);
        var deployment = await store.FindAsync(id, cancellationToken) ?? throw new DeploymentConflictException($"There is no deployment #{id}.");
        actor.DemandNotRequester(deployment.ProposedBy);
        if (deployment.Status != DeploymentStatus.Deploying || deployment.CurrentStep?.State != StepState.WaitingForApproval)
        {
            throw new DeploymentConflictException($"No step of deployment #{id} is waiting for approval.");
        }
        return await ContinueAsync(deployment, actor, promote: false, cancellationToken);
    }

    /// <summary>Skips a gated canary's remaining steps and waits and promotes the new model now.</summary>
    /// <exception cref="AccessDeniedException">The actor may not decide cutovers, or proposed this deployment.</exception>
    /// <exception cref="DeploymentConflictException">It is not a gated canary in its traffic steps.</exception>
    public async Task<Deployment> PromoteNowAsync(Actor actor, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.DecideCutover);
        var deployment = await store.FindAsync(id, cancellationToken) ?? throw new DeploymentConflictException($"There is no deployment #{id}.");
        actor.DemandNotRequester(deployment.ProposedBy);
        if (deployment.Plan.IsSageMakers || deployment.Status != DeploymentStatus.Deploying || deployment.AbortedBy is not null
            || deployment.CurrentStep is not { Index: > 0 } step || step.Index == deployment.Steps.Count - 1)
        {
            throw new DeploymentConflictException($"Deployment #{id} is not a gated canary moving traffic; there is nothing to promote.");
        }
        return await ContinueAsync(deployment, actor, promote: true, cancellationToken);
    }

    private async Task<Deployment> ContinueAsync(Deployment deployment, Actor actor, bool promote, CancellationToken cancellationToken)
    {
        var step = deployment.CurrentStep!;
        // The Operator's decision is its own audit record; the step's progress is stored by the driver.
        var noted = await store.MoveAsync(deployment with
        {
            Steps = deployment.Steps.Select(s => s.Index == step.Index
                ? s with { Note = $"{s.Note} {(promote ? "Promoted now" : "Approved")} by {actor.UserName} at {timeProvider.GetUtcNow():HH:mm:ss} UTC.".Trim() } : s).ToList(),
        }, deployment.Status, promote ? AuditActions.DeploymentPromote : AuditActions.DeploymentApproveStep, actor, cancellationToken);
        var next = await gated.ContinueAsync(noted, promote, cancellationToken);
        live.PublishTraffic(deployment.Endpoint);
        return next;
    }

    public Task<Deployment?> FindAsync(long id, CancellationToken cancellationToken = default) => store.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<Deployment>> ListAsync(IReadOnlyCollection<DeploymentStatus> statuses, int limit,
        CancellationToken cancellationToken = default) => store.ListAsync(statuses, limit, cancellationToken);

    public Task<IReadOnlyList<Deployment>> RecentAsync(string endpoint, int limit, CancellationToken cancellationToken = default) =>
        store.ListAsync(endpoint, limit, cancellationToken);

    /// <summary>Why nothing else can be proposed for the endpoint now (an open deployment or traffic change), or null.</summary>
    public async Task<string?> OpenChangeAsync(string endpoint, CancellationToken cancellationToken = default)
    {
        if ((await store.ListAsync(endpoint, 20, cancellationToken)).FirstOrDefault(d => d.IsOpen) is { } open)
        {
            return $"Deployment #{open.Id} ({Deployment.StatusText(open.Status).ToLowerInvariant()}, proposed by {open.ProposedBy}) is still open on {endpoint}; "
                + "it must finish, be decided or be withdrawn first.";
        }
        return (await traffic.ListAsync(endpoint, 20, cancellationToken)).FirstOrDefault(c => c.IsOpen) is { } change
            ? $"Traffic change #{change.Id} by {change.ProposedBy} is still open on {endpoint}; it must be decided or withdrawn first."
            : null;
    }

    private async Task<IReadOnlyList<ModelSummary>> ModelsAsync(CancellationToken cancellationToken)
    {
        var models = new List<ModelSummary>();
        string? token = null;
        for (var page = 0; page < MaxModelPages; page++)
        {
            var response = await sageMaker.ListModelsAsync(new ListModelsRequest("CreationTime", "Descending", token, 100), cancellationToken);
            models.AddRange(response.Models);
            if ((token = response.NextToken) is null)
            {
                break;
            }
        }
        return models.OrderByDescending(m => m.CreationTime).ToList();
    }

    private async Task<Deployment> CloseAsync(Deployment deployment, DeploymentStatus status, string action, Actor actor, string? note,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stored = await store.MoveAsync(deployment with
        {
            Status = status,
            DecidedBy = actor.UserName,
            DecidedAt = now,
            DecisionNote = Note(note),
            FinishedAt = now,
        }, DeploymentStatus.Proposed, action, actor, cancellationToken);
        live.PublishTraffic(deployment.Endpoint);
        return stored;
    }

    private async Task<Deployment> ProposedAsync(long id, CancellationToken cancellationToken)
    {
        var deployment = await store.FindAsync(id, cancellationToken)
            ?? throw new DeploymentConflictException($"There is no deployment #{id}.");
        return deployment.AwaitsDecision ? deployment : throw new DeploymentConflictException(deployment.Decided);
    }

    /// <summary>
    /// "{endpoint}-{yyyyMMddHHmmss}", the endpoint's name cut so the name (and a gated canary's "-canary" config) stays
    /// within SageMaker's 63 characters.
    /// </summary>
    public static string ConfigName(string endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var stem = endpoint.Length > 40 ? endpoint[..40].TrimEnd('-') : endpoint;
        return $"{stem}-{now.UtcDateTime:yyyyMMddHHmmss}";
    }

    internal static string? Note(string? note)
    {
        var trimmed = note?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxNoteLength ? trimmed[..MaxNoteLength] : trimmed;
    }
}
