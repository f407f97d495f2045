using System.Globalization;
using Dashboard.Core.Alarms;
using Dashboard.Core.Fleet;
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

    // One decision at a time: two operators pressing Approve together must not both call SageMaker.
    private readonly SemaphoreSlim _decisions = new(1, 1);

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
        if (state is not null && WeightsError(state, weights) is { } weightsError)
        {
            errors.Add(new FieldError(WeightsField, weightsError));
        }
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
    /// Applies a proposed change through SageMaker. Returns the change as stored: Applied, or Failed with SageMaker's
    /// refusal in plain words (an AWS fault is recorded, never thrown).
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor may not apply traffic changes, or proposed this one (four eyes).</exception>
    /// <exception cref="TrafficConflictException">The change does not exist or was decided already.</exception>
    public async Task<TrafficChange> ApproveAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ApplyTrafficChange);
        await _decisions.WaitAsync(cancellationToken);
        try
        {
            var change = await OpenAsync(id, cancellationToken);
            actor.DemandNotRequester(change.ProposedBy);
            var now = timeProvider.GetUtcNow();
            var decided = change with { DecidedBy = actor.UserName, DecidedAt = now, DecisionNote = Note(note) };
            try
            {
                await sageMaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest(change.Endpoint,
                    change.Weights.Select(w => new DesiredWeightAndCapacity(w.Variant, (float)w.Weight)).ToList()), cancellationToken);
                decided = decided with { Status = TrafficChangeStatus.Applied, AppliedAt = timeProvider.GetUtcNow() };
            }
            catch (AwsServiceException ex)
            {
                LogFailed(logger, change.Id, change.Endpoint, ex.ErrorCode, ex.StatusCode);
                decided = decided with { Status = TrafficChangeStatus.Failed, Error = Describe(ex) };
            }
            var stored = await store.DecideAsync(decided, actor, cancellationToken);
            live.PublishTraffic(change.Endpoint);
            return stored;
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <exception cref="AccessDeniedException">The actor may not decide traffic changes, or proposed this one (withdraw it instead).</exception>
    /// <exception cref="TrafficConflictException">The change does not exist or was decided already.</exception>
    public async Task<TrafficChange> RejectAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ApplyTrafficChange);
        return await DecideAsync(id, actor, TrafficChangeStatus.Rejected, note, change =>
        {
            if (string.Equals(change.ProposedBy, actor.UserName, StringComparison.OrdinalIgnoreCase))
            {
                throw new AccessDeniedException($"{actor.UserName} proposed this change; withdraw it instead of rejecting it.");
            }
        }, cancellationToken);
    }

    /// <exception cref="AccessDeniedException">The actor may not propose traffic changes, or did not propose this one.</exception>
    /// <exception cref="TrafficConflictException">The change does not exist or was decided already.</exception>
    public async Task<TrafficChange> WithdrawAsync(Actor actor, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Demand(Permission.ProposeTrafficChange);
        return await DecideAsync(id, actor, TrafficChangeStatus.Withdrawn, note, change =>
        {
            if (!string.Equals(change.ProposedBy, actor.UserName, StringComparison.OrdinalIgnoreCase))
            {
                throw new AccessDeniedException($"Only {change.ProposedBy}, who proposed this change, may withdraw it.");
            }
        }, cancellationToken);
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
        "RequestTimeout" or "NetworkError" =>
            $"SageMaker did not answer ({ex.ErrorCode}); the weights may not have changed. Check the endpoint before trying again.",
        _ when ex.StatusCode >= 500 =>
            $"SageMaker had an internal error (HTTP {ex.StatusCode}, {ex.ErrorCode}); the weights were not changed. Try again later.",
        _ => $"SageMaker refused the update ({ex.ErrorCode}): {Message(ex)}",
    };

    private static string Message(AwsServiceException ex)
    {
        // The exception message is "{service}: {code}: {message}"; the people reading it want the last part.
        var prefix = $"{ex.Service}: {ex.ErrorCode}: ";
        return ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message[prefix.Length..] : ex.Message;
    }

    private async Task<TrafficChange> DecideAsync(long id, Actor actor, TrafficChangeStatus status, string? note, Action<TrafficChange> check,
        CancellationToken cancellationToken)
    {
        await _decisions.WaitAsync(cancellationToken);
        try
        {
            var change = await OpenAsync(id, cancellationToken);
            check(change);
            var decided = change with
            {
                Status = status, DecidedBy = actor.UserName, DecidedAt = timeProvider.GetUtcNow(), DecisionNote = Note(note),
            };
            var stored = await store.DecideAsync(decided, actor, cancellationToken);
            live.PublishTraffic(change.Endpoint);
            return stored;
        }
        finally
        {
            _decisions.Release();
        }
    }

    private async Task<TrafficChange> OpenAsync(long id, CancellationToken cancellationToken)
    {
        var change = await store.FindAsync(id, cancellationToken)
            ?? throw new TrafficConflictException($"There is no traffic change #{id}.");
        return change.IsOpen
            ? change
            : throw new TrafficConflictException(
                $"Traffic change #{id} was already {change.Status.ToString().ToLowerInvariant()} by {change.DecidedBy ?? change.ProposedBy}.");
    }

    /// <summary>SageMaker keeps weights as 32-bit floats: 0.8 comes back as 0.800000011920929 once widened; show it as 0.8.</summary>
    private static double AsStored(double weight) =>
        double.Parse(((float)weight).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string? Note(string? note)
    {
        var trimmed = note?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > MaxNoteLength ? trimmed[..MaxNoteLength] : trimmed;
    }

    private static string? WeightsError(EndpointState state, IReadOnlyList<VariantWeight> weights)
    {
        var unknown = weights.Select(w => w.Variant).Where(v => state.Variants.All(s => s.Name != v)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            return $"{state.Name} has no variant named {string.Join(", ", unknown.Select(v => $"'{v}'"))}.";
        }
        var duplicates = weights.GroupBy(w => w.Variant).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            return $"Give one weight per variant ({string.Join(", ", duplicates)} appears more than once).";
        }
        var missing = state.Variants.Where(v => weights.All(w => w.Variant != v.Name)).Select(v => v.Name).ToList();
        if (missing.Count > 0)
        {
            return $"Give a weight for every variant (missing: {string.Join(", ", missing)}).";
        }
        if (weights.FirstOrDefault(w => !double.IsFinite(w.Weight) || w.Weight < 0) is { } bad)
        {
            return $"The weight of {bad.Variant} must be a number of at least 0 ({bad.Weight.ToString(CultureInfo.InvariantCulture)} is not).";
        }
        if (weights.All(w => w.Weight == 0))
        {
            return "At least one variant needs a weight above 0, or the endpoint would serve no traffic.";
        }
        if (state.Variants.All(v => Math.Abs(weights.Single(w => w.Variant == v.Name).Weight - v.CurrentWeight) < 1e-6))
        {
            return "These are the endpoint's current weights; change at least one.";
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying traffic change #{Id} to {Endpoint} failed with {ErrorCode} (HTTP {StatusCode})")]
    private static partial void LogFailed(ILogger logger, long id, string endpoint, string errorCode, int statusCode);
}
