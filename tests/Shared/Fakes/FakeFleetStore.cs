using Dashboard.Core.Fleet;
using Dashboard.Core.Storage;

namespace Dashboard.Tests.Shared;

/// <summary>The stored fleet in memory; remembers every save.</summary>
internal sealed class FakeFleetStore : IFleetStore
{
    public List<IReadOnlyList<EndpointState>> Saves { get; } = [];

    public IReadOnlyList<EndpointState> Stored { get; set; } = [];

    public Task SaveAsync(IReadOnlyList<EndpointState> endpoints, CancellationToken cancellationToken = default)
    {
        Saves.Add(endpoints);
        Stored = endpoints;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EndpointState>> ListAsync(CancellationToken cancellationToken = default) => Task.FromResult(Stored);

    public Task<EndpointState?> FindAsync(string endpointName, CancellationToken cancellationToken = default) =>
        Task.FromResult(Stored.FirstOrDefault(e => e.Name == endpointName));
}
