using Dashboard.Core.Security;

namespace Dashboard.Core.Deployments;

/// <summary>Where deployments and their steps are kept; each change of status is stored with its audit record, or not at all.</summary>
public interface IDeploymentStore
{
    /// <summary>Stores a new deployment (its id is ignored) with its audit record (<paramref name="action"/>).</summary>
    /// <exception cref="DeploymentConflictException">The endpoint already has an open deployment or traffic change.</exception>
    Task<Deployment> AddAsync(Deployment deployment, string action, Actor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="next"/> (status, steps, progress) if the deployment is still in <paramref name="from"/> when
    /// written; <paramref name="action"/> names the audit record, or null for progress that is not an action (a step reached).
    /// </summary>
    /// <exception cref="DeploymentConflictException">The deployment does not exist or is no longer in <paramref name="from"/>.</exception>
    Task<Deployment> MoveAsync(Deployment next, DeploymentStatus from, string? action, Actor actor, CancellationToken cancellationToken = default);

    Task<Deployment?> FindAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Deployments in any of <paramref name="statuses"/> (all when empty), newest first.</summary>
    Task<IReadOnlyList<Deployment>> ListAsync(IReadOnlyCollection<DeploymentStatus> statuses, int limit, CancellationToken cancellationToken = default);

    /// <summary>The endpoint's deployments, newest first.</summary>
    Task<IReadOnlyList<Deployment>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default);

    /// <summary>Finished deployments with an abort alarm whose alarms are not deleted yet, oldest first.</summary>
    Task<IReadOnlyList<Deployment>> ListAlarmsLeftAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Deployments with an id at or above <paramref name="firstId"/>, oldest first (the deployment notifier's read).</summary>
    Task<IReadOnlyList<Deployment>> ListFromAsync(long firstId, int limit, CancellationToken cancellationToken = default);
}
