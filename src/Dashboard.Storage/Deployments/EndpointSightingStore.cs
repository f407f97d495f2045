using Dashboard.Core.Deployments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Storage.Deployments;

/// <summary>The last sighting of one endpoint; times in Unix seconds.</summary>
public sealed class StoredEndpointSighting
{
    public required string Endpoint { get; set; }
    public string? ConfigName { get; set; }
    public long LastModifiedAt { get; set; }
    public long SeenAt { get; set; }
}

internal sealed class StoredEndpointSightingConfiguration : IEntityTypeConfiguration<StoredEndpointSighting>
{
    public void Configure(EntityTypeBuilder<StoredEndpointSighting> builder)
    {
        builder.ToTable("EndpointSightings");
        builder.HasKey(s => s.Endpoint);
    }
}

/// <summary>Endpoint sightings in SQLite: a row per endpoint, written only when what is seen changes.</summary>
public sealed class EndpointSightingStore(IDbContextFactory<DashboardDbContext> contexts) : IEndpointSightingStore
{
    public async Task<IReadOnlyDictionary<string, EndpointSighting>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.EndpointSightings.AsNoTracking().ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Endpoint, r => new EndpointSighting(r.Endpoint, r.ConfigName,
            DateTimeOffset.FromUnixTimeSeconds(r.LastModifiedAt), DateTimeOffset.FromUnixTimeSeconds(r.SeenAt)), StringComparer.Ordinal);
    }

    public async Task SaveAsync(IReadOnlyList<EndpointSighting> sightings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        if (sightings.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = sightings.Select(s => s.Endpoint).ToList();
        var rows = await db.EndpointSightings.Where(r => names.Contains(r.Endpoint)).ToDictionaryAsync(r => r.Endpoint, StringComparer.Ordinal, cancellationToken);
        foreach (var sighting in sightings)
        {
            if (!rows.TryGetValue(sighting.Endpoint, out var row))
            {
                row = new StoredEndpointSighting { Endpoint = sighting.Endpoint };
                db.EndpointSightings.Add(row);
                rows[sighting.Endpoint] = row;
            }
            row.ConfigName = sighting.ConfigName;
            row.LastModifiedAt = sighting.LastModifiedAt.ToUnixTimeSeconds();
            row.SeenAt = sighting.SeenAt.ToUnixTimeSeconds();
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
