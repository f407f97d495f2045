using Dashboard.Core.Security;

namespace Dashboard.Core.Retraining;

/// <summary>
/// Where retraining runs are kept. Each action on a run is stored with its audit record and its notice (bell and the
/// webhooks' one delivery queue) in one transaction, or not at all.
/// </summary>
public interface IRetrainingStore
{
    /// <summary>Stores a new proposal (its id is ignored), audited as retraining.propose.</summary>
    /// <exception cref="RetrainingConflictException">The endpoint already has an open run.</exception>
    Task<RetrainingRun> AddAsync(RetrainingRun proposal, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="next"/> if the run is still in <paramref name="from"/> when written; <paramref name="action"/>
    /// names the audit record and notice, or null for progress that is not an action (a step moved on).
    /// </summary>
    /// <exception cref="RetrainingConflictException">The run does not exist or is no longer in <paramref name="from"/>.</exception>
    Task<RetrainingRun> MoveAsync(RetrainingRun next, RetrainingStatus from, string? action, Actor actor, CancellationToken cancellationToken = default);

    Task<RetrainingRun?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Runs in any of <paramref name="statuses"/>, newest first.</summary>
    Task<IReadOnlyList<RetrainingRun>> ListAsync(IReadOnlyCollection<RetrainingStatus> statuses, int limit, CancellationToken cancellationToken = default);

    /// <summary>The endpoint's runs, newest first.</summary>
    Task<IReadOnlyList<RetrainingRun>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default);
}
