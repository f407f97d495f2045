using Dashboard.Core.Security;

namespace Dashboard.Core.Traffic;

/// <summary>Where traffic changes are kept; every change is stored together with its audit record, or not at all.</summary>
public interface ITrafficChangeStore
{
    /// <summary>Stores a new proposal (its <see cref="TrafficChange.Id"/> is ignored) and returns it with its id.</summary>
    /// <exception cref="TrafficConflictException">The endpoint already has an open proposal.</exception>
    Task<TrafficChange> AddAsync(TrafficChange proposal, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>Stores the decision on a proposal (status, who, when, note, error); the audit action follows the status.</summary>
    /// <exception cref="TrafficConflictException">The change does not exist or is no longer proposed.</exception>
    Task<TrafficChange> DecideAsync(TrafficChange decided, Actor actor, CancellationToken cancellationToken = default);

    Task<TrafficChange?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The endpoint's changes, newest first.</summary>
    Task<IReadOnlyList<TrafficChange>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default);
}
