namespace Dashboard.Core.Deployments;

/// <summary>
/// What the dashboard last saw of an endpoint: the config it served and when SageMaker last modified it, as of
/// <paramref name="SeenAt"/>. Kept across restarts, so an update that started and finished while the dashboard was
/// stopped is still noticed when it starts again.
/// </summary>
public sealed record EndpointSighting(string Endpoint, string? ConfigName, DateTimeOffset LastModifiedAt, DateTimeOffset SeenAt);

/// <summary>The last sighting of each endpoint.</summary>
public interface IEndpointSightingStore
{
    Task<IReadOnlyDictionary<string, EndpointSighting>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores these sightings in place of the endpoints' earlier ones.</summary>
    Task SaveAsync(IReadOnlyList<EndpointSighting> sightings, CancellationToken cancellationToken = default);
}
