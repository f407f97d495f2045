using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Audit;
using Dashboard.Core.Live;
using Dashboard.Core.Notifications;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;

namespace Dashboard.Core.Retraining;

/// <summary>What is proposed: the endpoint, its pipeline, the parameter values (by name), the finding it comes from and why.</summary>
public sealed record RetrainingRequest(string Endpoint, string Pipeline, IReadOnlyDictionary<string, string> Values, FindingKind FindingKind,
    string? Finding, string? Reason);

/// <summary>The outcome of a proposal: the stored run, or the field errors that kept it from being stored.</summary>
public sealed record RetrainingProposal(RetrainingRun? Run, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Retraining, four eyes: an Engineer or Operator proposes (ProposeTrafficChange) or the drift rule does (as the system);
/// a different Operator approves (DecideCutover) — only then does the tracker call StartPipelineExecution — or rejects;
/// the proposer may withdraw. Every step checks the actor's role on the server and is stored with its audit record and notice.
/// </summary>
public sealed class RetrainingService(IRetrainingStore store, IFleetStore fleet, RetrainingPipelines pipelines, RetrainingSignal tracker,
    DeliverySignal deliveries, LiveStore live, TimeProvider timeProvider)
{
    public const string EndpointField = "Endpoint";
    public const string FindingField = "Finding";
    public const string ReasonField = "Reason";
    public const int MaxFindingLength = 500;
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 500;

    private static readonly RetrainingStatus[] OpenStatuses = [RetrainingStatus.Proposed, RetrainingStatus.Approved, RetrainingStatus.Running];

    /// <summary>The endpoint's pipeline and its parameters for the form, or why there is none.</summary>
    /// <exception cref="AwsServiceException">SageMaker could not be asked.</exception>
    public Task<(RetrainingPipeline? Pipeline, string? Missing)> PipelineAsync(string endpoint, CancellationToken cancellationToken = default) =>
        pipelines.FindAsync(endpoint, cancellationToken);

    /// <summary>Field errors of the request against the pipeline's definition (empty when it can be stored).</summary>
    public static IReadOnlyList<FieldError> Validate(RetrainingRequest request, RetrainingPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pipeline);
        var errors = new List<FieldError>();
        if (request.Pipeline != pipeline.Name)
        {
            errors.Add(new FieldError(EndpointField, $"{request.Endpoint} is retrained by {pipeline.Name} (found by {pipeline.FoundBy}), not {request.Pipeline}."));
        }
        errors.AddRange(ParameterRules.CheckAll(pipeline.Parameters, request.Values));
        errors.AddRange(Text(request.Finding, FindingField, MaxFindingLength, "Say which finding this retraining answers (a drifted feature, falling F1, an alarm)."));
        errors.AddRange(Text(request.Reason, ReasonField, MaxReasonLength, "Say why the model should be retrained."));
        return errors;
    }

    /// <exception cref="AccessDeniedException">The actor may not propose retraining.</exception>
    /// <exception cref="AwsServiceException">SageMaker could not be asked for the pipeline.</exception>
    public async Task<RetrainingProposal> ProposeAsync(Actor actor, RetrainingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        actor.Demand(Permission.ProposeTrafficChange);
        return await ProposeAsAsync(actor, request, cancellationToken);
    }

    /// <summary>The drift rule's proposal, as the system, with the pipeline's default parameters; null when none could be stored.</summary>
    /// <exception cref="AwsServiceException">SageMaker could not be asked for the pipeline.</exception>
    public async Task<RetrainingProposal> ProposeAutomaticallyAsync(string endpoint, string finding, CancellationToken cancellationToken = default)
    {
        var (pipeline, missing) = await pipelines.FindAsync(endpoint, cancellationToken);
        if (pipeline is null)
        {
            return new RetrainingProposal(null, [new FieldError(EndpointField, missing!)]);
        }
        var request = new RetrainingRequest(endpoint, pipeline.Name, new Dictionary<string, string>(StringComparer.Ordinal), FindingKind.Drift, finding,
            "Proposed by the drift rule; an Operator decides whether it runs.");
        return await ProposeAsAsync(Actor.System, request, cancellationToken, pipeline);
    }

    private async Task<RetrainingProposal> ProposeAsAsync(Actor actor, RetrainingRequest request, CancellationToken cancellationToken,
        RetrainingPipeline? known = null)
    {
        if (await fleet.FindAsync(request.Endpoint, cancellationToken) is null)
        {
            return new RetrainingProposal(null, [new FieldError(EndpointField, $"There is no endpoint named '{request.Endpoint}' in the fleet.")]);
        }
        if (await OpenRunAsync(request.Endpoint, cancellationToken) is { } open)
        {
            return new RetrainingProposal(null, [new FieldError(EndpointField, OpenText(open))]);
        }
        var pipeline = known;
        if (pipeline is null)
        {
            (pipeline, var missing) = await pipelines.FindAsync(request.Endpoint, cancellationToken);
            if (pipeline is null)
            {
                return new RetrainingProposal(null, [new FieldError(EndpointField, missing!)]);
            }
        }
        var errors = Validate(request, pipeline);
        if (errors.Count > 0)
        {
            return new RetrainingProposal(null, errors);
        }
        // Every parameter is sent, defaults included, so the run does what the approver saw.
        var parameters = pipeline.Parameters
            .Select(d => new PipelineParameter(d.Name, (request.Values.GetValueOrDefault(d.Name) ?? d.DefaultValue ?? "").Trim())).ToList();
        var proposal = new RetrainingRun(0, request.Endpoint, pipeline.Name, parameters, request.FindingKind, request.Finding!.Trim(), request.Reason!.Trim(),
            RetrainingStatus.Proposed, actor.UserName, timeProvider.GetUtcNow());
        try
        {
            var stored = await store.AddAsync(proposal, actor, cancellationToken);
            Published(stored);
            return new RetrainingProposal(stored, []);
        }
        catch (RetrainingConflictException ex)
        {
            return new RetrainingProposal(null, [new FieldError(EndpointField, ex.Message)]);
        }
    }

    /// <summary>
    /// Approves a proposal: stored as Approved, then the tracker is woken and calls StartPipelineExecution (the click waits
    /// for no AWS call, and a restart between the two still starts it once).
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not decide retraining, or proposed this run (four eyes).</exception>
    /// <exception cref="RetrainingConflictException">The run does not exist or was decided already.</exception>
    public async Task<RetrainingRun> ApproveAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.DecideCutover);
        var run = await ProposedAsync(id, cancellationToken);
        actor.DemandNotRequester(run.ProposedBy);
        var approved = await DecideAsync(run, RetrainingStatus.Approved, AuditActions.RetrainingApprove, actor, note, cancellationToken);
        tracker.Set();
        return approved;
    }

    /// <exception cref="AccessDeniedException">The actor may not decide retraining, or proposed this run (withdraw it instead).</exception>
    /// <exception cref="RetrainingConflictException">The run does not exist or was decided already.</exception>
    public async Task<RetrainingRun> RejectAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.DecideCutover);
        var run = await ProposedAsync(id, cancellationToken);
        actor.DemandNotProposer(run.ProposedBy, "retraining");
        return await DecideAsync(run, RetrainingStatus.Rejected, AuditActions.RetrainingReject, actor, note, cancellationToken);
    }

    /// <exception cref="AccessDeniedException">The actor did not propose this run.</exception>
    /// <exception cref="RetrainingConflictException">The run does not exist or was decided already.</exception>
    public async Task<RetrainingRun> WithdrawAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ProposeTrafficChange);
        var run = await ProposedAsync(id, cancellationToken);
        actor.DemandProposer(run.ProposedBy, "retraining");
        return await DecideAsync(run, RetrainingStatus.Withdrawn, AuditActions.RetrainingWithdraw, actor, note, cancellationToken);
    }

    public Task<RetrainingRun?> FindAsync(long id, CancellationToken cancellationToken = default) => store.FindAsync(id, cancellationToken);

    public Task<IReadOnlyList<RetrainingRun>> RecentAsync(string endpoint, int limit, CancellationToken cancellationToken = default) =>
        store.ListAsync(endpoint, limit, cancellationToken);

    /// <summary>The endpoint's open run, if any.</summary>
    public async Task<RetrainingRun?> OpenRunAsync(string endpoint, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(endpoint, 20, cancellationToken)).FirstOrDefault(r => r.IsOpen);

    /// <summary>The models succeeded runs created, by model name: what the rollout form marks "retrained by run #N".</summary>
    public async Task<IReadOnlyDictionary<string, RetrainingRun>> CandidatesAsync(CancellationToken cancellationToken = default) =>
        (await store.ListAsync([RetrainingStatus.Succeeded], 200, cancellationToken))
            .Where(r => r.ModelName is not null).GroupBy(r => r.ModelName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Runs that are open (any endpoint), newest first.</summary>
    public Task<IReadOnlyList<RetrainingRun>> OpenAsync(CancellationToken cancellationToken = default) =>
        store.ListAsync(OpenStatuses, 500, cancellationToken);

    /// <summary>Tells pages and the delivery queue that a run changed (its notice is stored with it).</summary>
    internal void Published(RetrainingRun run)
    {
        live.PublishTraffic(run.Endpoint);
        live.PublishNotices([run.Endpoint]);
        deliveries.Set();
    }

    internal static string OpenText(RetrainingRun open) =>
        $"Retraining #{open.Id} ({RetrainingRun.StatusText(open.Status).ToLowerInvariant()}, proposed by {open.ProposedBy}) is still open on {open.Endpoint}; "
        + "it must finish, be decided or be withdrawn first.";

    private async Task<RetrainingRun> DecideAsync(RetrainingRun run, RetrainingStatus status, string action, Actor actor, string? note,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var stored = await store.MoveAsync(run with
        {
            Status = status,
            DecidedBy = actor.UserName,
            DecidedAt = now,
            DecisionNote = Note(note),
            FinishedAt = status == RetrainingStatus.Approved ? null : now,
        }, RetrainingStatus.Proposed, action, actor, cancellationToken);
        Published(stored);
        return stored;
    }

    private async Task<RetrainingRun> ProposedAsync(long id, CancellationToken cancellationToken)
    {
        var run = await store.FindAsync(id, cancellationToken) ?? throw new RetrainingConflictException($"There is no retraining #{id}.");
        return run.AwaitsDecision ? run : throw new RetrainingConflictException(run.Decided);
    }

    private static IEnumerable<FieldError> Text(string? text, string field, int max, string missing)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            yield return new FieldError(field, missing);
        }
        else if (trimmed.Length > max)
        {
            yield return new FieldError(field, $"Keep it under {max} characters ({trimmed.Length} now).");
        }
    }

    private static string? Note(string? note)
    {
        var trimmed = note?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxNoteLength ? trimmed[..MaxNoteLength] : trimmed;
    }
}
