using Dashboard.Core.Security;

namespace Dashboard.Core.Traffic;

/// <summary>Where traffic changes are kept; every change is stored together with its audit record, or not at all.</summary>
public interface ITrafficChangeStore
{
    /// <summary>Stores a new proposal (its <see cref="TrafficChange.Id"/> is ignored) and returns it with its id.</summary>
    /// <exception cref="TrafficConflictException">The endpoint already has an open proposal.</exception>
    Task<TrafficChange> AddAsync(TrafficChange proposal, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a change on from <paramref name="from"/> to <paramref name="next"/>'s status (a decision on a proposal, or
    /// SageMaker's outcome of an approved one) with who, when, note and error; the audit action follows the status.
    /// Only one caller can move a change out of a status, however many replicas try at once.
    /// </summary>
    /// <exception cref="TrafficConflictException">The change does not exist or is no longer in <paramref name="from"/>.</exception>
    Task<TrafficChange> MoveAsync(TrafficChange next, TrafficChangeStatus from, Actor actor, CancellationToken cancellationToken = default);

    Task<TrafficChange?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every change in <paramref name="status"/>, oldest first.</summary>
    Task<IReadOnlyList<TrafficChange>> ListAsync(TrafficChangeStatus status, CancellationToken cancellationToken = default);

    /// <summary>The endpoint's changes, newest first.</summary>
    Task<IReadOnlyList<TrafficChange>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default);
}
