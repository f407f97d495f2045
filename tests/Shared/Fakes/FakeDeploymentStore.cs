using Dashboard.Core.Deployments;
using Dashboard.Core.Security;

namespace Dashboard.Tests.Shared;

/// <summary>Deployments in memory, as a test sets them (<see cref="Put"/>); ids are the tests' own.</summary>
internal sealed class FakeDeploymentStore : IDeploymentStore
{
    private readonly Dictionary<long, Deployment> _deployments = [];

    /// <summary>Stores or replaces the deployment under its id.</summary>
    public void Put(Deployment deployment) => _deployments[deployment.Id] = deployment;

    public Task<Deployment> AddAsync(Deployment deployment, string action, Actor actor, CancellationToken cancellationToken = default)
    {
        var stored = deployment with { Id = _deployments.Count == 0 ? 1 : _deployments.Keys.Max() + 1 };
        Put(stored);
        return Task.FromResult(stored);
    }

    public Task<Deployment> MoveAsync(Deployment next, DeploymentStatus from, string? action, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!_deployments.TryGetValue(next.Id, out var current) || current.Status != from)
        {
            throw new DeploymentConflictException($"Deployment #{next.Id} is not {from}.");
        }
        Put(next);
        return Task.FromResult(next);
    }

    public Task<Deployment?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_deployments.GetValueOrDefault(id));

    public Task<IReadOnlyList<Deployment>> ListAsync(IReadOnlyCollection<DeploymentStatus> statuses, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Deployment>>(_deployments.Values.Where(d => statuses.Count == 0 || statuses.Contains(d.Status))
            .OrderByDescending(d => d.Id).Take(limit).ToList());

    public Task<IReadOnlyList<Deployment>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Deployment>>(_deployments.Values.Where(d => d.Endpoint == endpoint).OrderByDescending(d => d.Id).Take(limit).ToList());

    public Task<IReadOnlyList<Deployment>> ListAlarmsLeftAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Deployment>>(_deployments.Values.Where(d => d.AbortAlarm is not null && d.AlarmsDeletedAt is null && d.IsFinished)
            .OrderBy(d => d.Id).Take(limit).ToList());

    public Task<IReadOnlyList<Deployment>> ListFromAsync(long firstId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Deployment>>(_deployments.Values.Where(d => d.Id >= firstId).OrderBy(d => d.Id).Take(limit).ToList());
}
