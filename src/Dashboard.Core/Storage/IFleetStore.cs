using Dashboard.Core.Fleet;

namespace Dashboard.Core.Storage;

/// <summary>Endpoint state as last seen by the fleet collector.</summary>
public interface IFleetStore
{
    /// <summary>Replaces the stored fleet with this snapshot (endpoints no longer listed are removed).</summary>
    Task SaveAsync(IReadOnlyList<EndpointState> endpoints, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<EndpointState>> ListAsync(CancellationToken cancellationToken = default);

    Task<EndpointState?> FindAsync(string endpointName, CancellationToken cancellationToken = default);
}
