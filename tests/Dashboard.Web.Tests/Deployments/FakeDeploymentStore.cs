using Dashboard.Core.Deployments;
using Dashboard.Core.Security;

namespace Dashboard.Web.Tests.Deployments;

/// <summary>Deployments in a list, newest first; enough for the pages that read them.</summary>
internal sealed class FakeDeploymentStore : IDeploymentStore
{
    public List<Deployment> Items { get; } = [];

    public Task<Deployment> AddAsync(Deployment deployment, string action, Actor actor, CancellationToken cancellationToken = default)
    {
        var stored = deployment with { Id = Items.Count + 1 };
        Items.Add(stored);
        return Task.FromResult(stored);
    }

    public Task<Deployment> MoveAsync(Deployment next, DeploymentStatus from, string? action, Actor actor, CancellationToken cancellationToken = default)
    {
        var index = Items.FindIndex(d => d.Id == next.Id && d.Status == from);
        if (index < 0)
        {
            throw new DeploymentConflictException($"Deployment #{next.Id} is not {from}.");
        }
        Items[index] = next;
        return Task.FromResult(next);
    }

    public Task<Deployment?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        Task.FromResult(Items.FirstOrDefault(d => d.Id == id));

    public Task<IReadOnlyList<Deployment>> ListAsync(IReadOnlyCollection<DeploymentStatus> statuses, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Deployment>>(Items.Where(d => statuses.Count == 0 || statuses.Contains(d.Status)).OrderByDescending(d => d.Id).Take(limit).ToList());

    public Task<IReadOnlyList<Deployment>> ListAsync(string endpoint, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Deployment>>(Items.Where(d => d.Endpoint == endpoint).OrderByDescending(d => d.Id).Take(limit).ToList());
}
