using System.Globalization;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
using Dashboard.Core.Input;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Traffic;

/// <summary>The outcome of a proposal: the stored change, or the field errors that kept it from being stored.</summary>
public sealed record ProposalResult(TrafficChange? Change, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Changes of variant weights, four eyes: an engineer or operator proposes, a different operator approves (which calls
/// SageMaker) or rejects, the proposer may withdraw. There is no way to apply weights without a proposal. Every step
/// checks the actor's role on the server and is stored with its audit record.
/// </summary>
public sealed partial class TrafficService(ITrafficChangeStore store, IFleetStore fleet, ISageMakerClient sageMaker, LiveStore live,
    TimeProvider timeProvider, ILogger<TrafficService> logger)
{
    public const string EndpointField = "Endpoint";
    public const string WeightsField = "Weights";
    public const string ReasonField = "Reason";
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 500;

    /// <summary>
    /// A variant's weight: 0 to 1,000,000 with at most 6 decimal places. SageMaker keeps DesiredWeight as a 32-bit float
    /// of at least 0, which holds every such weight (a float overflows to infinity just above 3.4e38, and 1e-7 and below
    /// lose their digits); only the ratio between weights matters, so no split needs more.
    /// </summary>
    public static readonly NumberRule WeightRule = new(0, 1_000_000, Decimals: 6);

    /// <summary>The field of one variant's weight (errors about the set of weights are at <see cref="WeightsField"/>).</summary>
    public static string WeightField(string variant) => $"{WeightsField}.{variant}";

    /// <summary>
    /// How long an approved change whose SageMaker answer was lost may take to show on the endpoint before it is
    /// recorded as not applied. SageMaker marks the endpoint Updating as soon as it accepts new weights.
    /// </summary>
    public static readonly TimeSpan SettleAfter = TimeSpan.FromMinutes(3);

    /// <summary>Field errors of the proposal as it would be stored (empty when it can be).</summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(string endpoint, IReadOnlyList<VariantWeight> weights, string? reason,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var errors = new List<FieldError>();
        var state = await fleet.FindAsync(endpoint, cancellationToken);
        if (state is null)
        {
            errors.Add(new FieldError(EndpointField, $"There is no endpoint named '{endpoint}' in the fleet."));
        }
        else if (state.Status != EndpointStatuses.InService)
        {
            errors.Add(new FieldError(EndpointField, $"{endpoint} is {state.Status}; weights can be changed only while it is InService."));
        }
        else if (await OpenChangeAsync(endpoint, cancellationToken) is { } open)
        {
            errors.Add(new FieldError(EndpointField,
                $"{open.ProposedBy} proposed a change at {open.ProposedAt:yyyy-MM-dd HH:mm} UTC that is still open; it must be decided or withdrawn first."));
        }
        errors.AddRange(WeightErrors(state, weights));
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors.Add(new FieldError(ReasonField, "Say why the weights should change."));
        }
        else if (trimmed.Length > MaxReasonLength)
        {
            errors.Add(new FieldError(ReasonField, $"Keep the reason under {MaxReasonLength} characters ({trimmed.Length} now)."));
        }
        return errors;
    }

    /// <exception cref="AccessDeniedException">The actor may not propose traffic changes.</exception>
    public async Task<ProposalResult> ProposeAsync(Actor actor, string endpoint, IReadOnlyList<VariantWeight> weights, string? reason,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ProposeTrafficChange);
        var errors = await ValidateAsync(endpoint, weights, reason, cancellationToken);
        if (errors.Count > 0)
        {
            return new ProposalResult(null, errors);
        }
        var state = (await fleet.FindAsync(endpoint, cancellationToken))!;
        var ordered = state.Variants.Select(v => new VariantWeight(v.Name, weights.Single(w => w.Variant == v.Name).Weight)).ToList();
        var before = state.Variants.Select(v => new VariantWeight(v.Name, AsStored(v.CurrentWeight))).ToList();
        var proposal = new TrafficChange(0, endpoint, ordered, before, reason!.Trim(), TrafficChangeStatus.Proposed, actor.UserName,
            timeProvider.GetUtcNow());
        try
        {
            var stored = await store.AddAsync(proposal, actor, cancellationToken);
            live.PublishTraffic(endpoint);
            return new ProposalResult(stored, []);
        }
        catch (TrafficConflictException ex)
        {
            // Someone else proposed a change for the same endpoint between validation and storing.
            return new ProposalResult(null, [new FieldError(EndpointField, ex.Message)]);
        }
    }

    /// <summary>
    /// Approves a proposed change and applies it through SageMaker. The approval is stored (Applying) before SageMaker is
    /// called, so only one operator's approval can win and it is on record whatever happens next. Returns the change as
    /// stored: Failed with SageMaker's refusal in plain words (an AWS fault is recorded, never thrown), or Applying — SageMaker
    /// accepted it, or its answer was lost — until <see cref="SettleAsync"/> sees the endpoint serve the new weights
    /// (Applied, stamped then) or keep the old ones.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not apply traffic changes, or proposed this one (four eyes).</exception>
    /// <exception cref="TrafficConflictException">The change does not exist or was decided already.</exception>
    public async Task<TrafficChange> ApproveAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ApplyTrafficChange);
        var change = await ProposedAsync(id, cancellationToken);
        actor.DemandNotRequester(change.ProposedBy);
        if (change.Weights.FirstOrDefault(w => WeightRule.Check(w.Weight) is not null) is { } bad)
        {
            // Stored before weights were checked this strictly (1.8e308 became an infinite float on SageMaker).
            throw new TrafficConflictException($"Traffic change #{change.Id} can't be applied: the weight of {bad.Variant} "
                + $"({TrafficChange.WeightText(bad.Weight)}) is not {WeightRule.Range}. Reject it and propose new weights.");
        }
        var approved = await store.MoveAsync(change with
        {
            Status = TrafficChangeStatus.Applying,
            DecidedBy = actor.UserName,
            DecidedAt = timeProvider.GetUtcNow(),
            DecisionNote = Note(note),
        }, TrafficChangeStatus.Proposed, actor, cancellationToken);
        live.PublishTraffic(change.Endpoint);

        try
        {
            // Accepted is not applied: SageMaker updates the endpoint for a while and serves the old split meanwhile.
            await sageMaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest(change.Endpoint,
                change.Weights.Select(w => new DesiredWeightAndCapacity(w.Variant, (float)w.Weight)).ToList()), cancellationToken);
            return approved;
        }
        catch (AwsServiceException ex) when (!IsAnswerLost(ex))
        {
            LogFailed(logger, change.Id, change.Endpoint, ex.ErrorCode, ex.StatusCode);
            return await FinishAsync(approved with { Status = TrafficChangeStatus.Failed, Error = Describe(ex) }, actor, cancellationToken) ?? approved;
        }
        catch (AwsServiceException ex)
        {
            LogAnswerLost(logger, change.Id, change.Endpoint, ex.ErrorCode);
            return approved;
        }
    }

    /// <summary>Approved changes SageMaker has not been seen to serve yet, oldest first.</summary>
    public Task<IReadOnlyList<TrafficChange>> ApplyingAsync(CancellationToken cancellationToken = default) =>
        store.ListAsync(TrafficChangeStatus.Applying, cancellationToken);

    /// <summary>
    /// Settles approved changes from what the endpoints show: Applied (stamped now) once the endpoint serves the new
    /// weights; Failed once it is InService without them (or gone from the fleet) <see cref="SettleAfter"/> after the
    /// approval. Recorded as the dashboard's own act. Returns the changes settled.
    /// </summary>
    public async Task<IReadOnlyList<TrafficChange>> SettleAsync(IReadOnlyList<EndpointState> fleet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var now = timeProvider.GetUtcNow();
        var settled = new List<TrafficChange>();
        foreach (var change in await ApplyingAsync(cancellationToken))
        {
            var state = fleet.FirstOrDefault(e => e.Name == change.Endpoint);
            var due = now - change.DecidedAt >= SettleAfter;
            var outcome = state is null
                ? due ? change with { Status = TrafficChangeStatus.Failed, Error = $"{change.Endpoint} is no longer in the fleet." } : null
                : Serves(state, change.Weights) ? change with { Status = TrafficChangeStatus.Applied, AppliedAt = now }
                : state.Status == EndpointStatuses.InService && due ? change with
                {
                    Status = TrafficChangeStatus.Failed,
                    Error = $"The endpoint kept serving {Split(CurrentWeights(state))}: SageMaker did not apply the new weights.",
                }
                : null;
            if (outcome is not null && await FinishAsync(outcome, Actor.System, cancellationToken) is { } stored)
            {
                settled.Add(stored);
            }
        }
        return settled;
    }

    /// <exception cref="AccessDeniedException">The actor may not decide traffic changes, or proposed this one (withdraw it instead).</exception>
    /// <exception cref="TrafficConflictException">The change does not exist or was decided already.</exception>
    public async Task<TrafficChange> RejectAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ApplyTrafficChange);
        return await DecideAsync(id, actor, TrafficChangeStatus.Rejected, note, change => actor.DemandNotProposer(change.ProposedBy, "change"), cancellationToken);
    }

    /// <exception cref="AccessDeniedException">The actor may not propose traffic changes, or did not propose this one.</exception>
    /// <exception cref="TrafficConflictException">The change does not exist or was decided already.</exception>
    public async Task<TrafficChange> WithdrawAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ProposeTrafficChange);
        return await DecideAsync(id, actor, TrafficChangeStatus.Withdrawn, note, change => actor.DemandProposer(change.ProposedBy, "change"), cancellationToken);
    }

    /// <summary>The endpoint's open proposal, if any.</summary>
    public async Task<TrafficChange?> OpenChangeAsync(string endpoint, CancellationToken cancellationToken = default) =>
        (await store.ListAsync(endpoint, 20, cancellationToken)).FirstOrDefault(c => c.IsOpen);

    public Task<IReadOnlyList<TrafficChange>> RecentAsync(string endpoint, int limit, CancellationToken cancellationToken = default) =>
        store.ListAsync(endpoint, limit, cancellationToken);

    /// <summary>What went wrong, for the people deciding: the weights stayed as they were, and why.</summary>
    internal static string Describe(AwsServiceException ex) => ex.ErrorCode switch
    {
        "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded" =>
            $"SageMaker was throttling requests and refused the update ({ex.ErrorCode}); the weights were not changed. Try again in a minute.",
        _ when ex.StatusCode >= 500 =>
            $"SageMaker had an internal error (HTTP {ex.StatusCode}, {ex.ErrorCode}); the weights were not changed. Try again later.",
        _ => $"SageMaker refused the update ({ex.ErrorCode}): {ex.AwsMessage}",
    };

    private async Task<TrafficChange> DecideAsync(long id, Actor actor, TrafficChangeStatus status, string? note, Action<TrafficChange> check,
        CancellationToken cancellationToken)
    {
        var change = await ProposedAsync(id, cancellationToken);
        check(change);
        var decided = change with
        {
            Status = status,
            DecidedBy = actor.UserName,
            DecidedAt = timeProvider.GetUtcNow(),
            DecisionNote = Note(note),
        };
        var stored = await store.MoveAsync(decided, TrafficChangeStatus.Proposed, actor, cancellationToken);
        live.PublishTraffic(change.Endpoint);
        return stored;
    }

    /// <summary>
    /// Stores SageMaker's outcome of an approved change. A failure to store it is logged, not thrown: the change stays
    /// Applying and <see cref="SettleAsync"/> records the outcome from the endpoint later. Null when it was not stored.
    /// </summary>
    private async Task<TrafficChange?> FinishAsync(TrafficChange outcome, Actor actor, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await store.MoveAsync(outcome, TrafficChangeStatus.Applying, actor, cancellationToken);
            live.PublishTraffic(outcome.Endpoint);
            return stored;
        }
        catch (TrafficConflictException)
        {
            return null; // settled meanwhile (by another replica's settler)
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotStored(logger, ex, outcome.Id, outcome.Endpoint, outcome.Status);
            return null;
        }
    }

    /// <summary>
    /// SageMaker may or may not have applied the weights: its answer never arrived, or a retry of a request it had
    /// accepted found the endpoint already updating.
    /// </summary>
    private static bool IsAnswerLost(AwsServiceException ex) =>
        ex.IsAnswerLost || (ex.ErrorCode == "ValidationException" && ex.Message.Contains("in-progress", StringComparison.Ordinal));

    /// <summary>Whether the endpoint serves these weights (SageMaker keeps them as 32-bit floats).</summary>
    private static bool Serves(EndpointState state, IReadOnlyList<VariantWeight> weights) =>
        weights.All(w => state.Variants.FirstOrDefault(v => v.Name == w.Variant) is { } variant
            && Math.Abs(variant.CurrentWeight - (float)w.Weight) < 1e-6);

    private static List<VariantWeight> CurrentWeights(EndpointState state) =>
        state.Variants.Select(v => new VariantWeight(v.Name, v.CurrentWeight)).ToList();

    /// <summary>
    /// "VariantA 80 % · VariantB 20 %"; the weights themselves when shares can't be told (a weight SageMaker reports, or an
    /// old proposal holds, that is not a finite number of at least 0): "VariantA weight infinite · VariantB weight 0.2".
    /// </summary>
    public static string Split(IReadOnlyList<VariantWeight> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var shares = TrafficChange.Shares(weights);
        return shares.Any(s => s is null)
            ? string.Join(" · ", weights.Select(w => $"{w.Variant} weight {TrafficChange.WeightText(w.Weight)}")) + " (shares unknown)"
            : string.Join(" · ", weights.Select((w, i) => $"{w.Variant} {shares[i]!.Value.ToString("0.#", CultureInfo.InvariantCulture)} %"));
    }


    private async Task<TrafficChange> ProposedAsync(long id, CancellationToken cancellationToken)
    {
        var change = await store.FindAsync(id, cancellationToken)
            ?? throw new TrafficConflictException($"There is no traffic change #{id}.");
        return change.AwaitsDecision ? change : throw new TrafficConflictException(change.Decided);
    }

    /// <summary>SageMaker keeps weights as 32-bit floats: 0.8 comes back as 0.800000011920929 once widened; show it as 0.8.</summary>
    private static double AsStored(double weight) =>
        double.Parse(((float)weight).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string? Note(string? note)
    {
        var trimmed = note?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxNoteLength ? trimmed[..MaxNoteLength] : trimmed;
    }

    /// <summary>
    /// Each weight that is not a finite number in <see cref="WeightRule"/>'s range, at its variant's field; then what is
    /// wrong with the set (unknown, repeated or missing variants, all 0, unchanged), at <see cref="WeightsField"/>.
    /// </summary>
    private static List<FieldError> WeightErrors(EndpointState? state, IReadOnlyList<VariantWeight> weights)
    {
        var errors = weights.Select(w => (w.Variant, Error: WeightRule.Check(w.Weight)))
            .Where(w => w.Error is not null)
            .Select(w => new FieldError(WeightField(w.Variant), w.Error!))
            .ToList();
        if (state is null || errors.Count > 0)
        {
            return errors;
        }
        var unknown = weights.Select(w => w.Variant).Where(v => state.Variants.All(s => s.Name != v)).Distinct().ToList();
        var duplicates = weights.GroupBy(w => w.Variant).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = state.Variants.Where(v => weights.All(w => w.Variant != v.Name)).Select(v => v.Name).ToList();
        var message = unknown.Count > 0 ? $"{state.Name} has no variant named {string.Join(", ", unknown.Select(v => $"'{v}'"))}."
            : duplicates.Count > 0 ? $"Give one weight per variant ({string.Join(", ", duplicates)} appears more than once)."
            : missing.Count > 0 ? $"Give a weight for every variant (missing: {string.Join(", ", missing)})."
            : weights.All(w => w.Weight == 0) ? "At least one variant needs a weight above 0, or the endpoint would serve no traffic."
            : state.Variants.All(v => Math.Abs(weights.Single(w => w.Variant == v.Name).Weight - v.CurrentWeight) < 1e-6)
                ? "These are the endpoint's current weights; change at least one."
            : null;
        if (message is not null)
        {
            errors.Add(new FieldError(WeightsField, message));
        }
        return errors;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying traffic change #{Id} to {Endpoint} failed with {ErrorCode} (HTTP {StatusCode})")]
    private static partial void LogFailed(ILogger logger, long id, string endpoint, string errorCode, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "SageMaker's answer to traffic change #{Id} on {Endpoint} was lost ({ErrorCode}); the endpoint will show whether it was applied")]
    private static partial void LogAnswerLost(ILogger logger, long id, string endpoint, string errorCode);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Traffic change #{Id} on {Endpoint} was {Status} by SageMaker but could not be stored; it will be settled from the endpoint's weights")]
    private static partial void LogNotStored(ILogger logger, Exception exception, long id, string endpoint, TrafficChangeStatus status);
}
