using Dashboard.Core.Fleet;
using Dashboard.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Fleet;

/// <summary>The last fleet snapshot. A fleet is at most a few thousand rows, so EF Core is plenty fast here.</summary>
public sealed class FleetStore(IDbContextFactory<DashboardDbContext> contexts) : IFleetStore
{
    public async Task SaveAsync(IReadOnlyList<EndpointState> endpoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var duplicate = endpoints.GroupBy(e => e.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Endpoint '{duplicate.Key}' is listed more than once.", nameof(endpoints));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Endpoints.Include(e => e.Variants).ToDictionaryAsync(e => e.Name, StringComparer.Ordinal, cancellationToken);

        foreach (var state in endpoints)
        {
            if (stored.Remove(state.Name, out var row))
            {
                FleetMapping.CopyTo(state, row);
            }
            else
            {
                var added = new StoredEndpoint { Name = state.Name, Arn = state.Arn, Status = state.Status };
                FleetMapping.CopyTo(state, added);
                db.Endpoints.Add(added);
            }
        }
        // Whatever is left was not in the snapshot: the endpoint is gone from SageMaker.
        db.Endpoints.RemoveRange(stored.Values);

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EndpointState>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Endpoints.AsNoTracking().Include(e => e.Variants).OrderBy(e => e.Name).ToListAsync(cancellationToken);
        return rows.Select(FleetMapping.ToState).ToList();
    }

    public async Task<EndpointState?> FindAsync(string endpointName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpointName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Endpoints.AsNoTracking().Include(e => e.Variants)
            .FirstOrDefaultAsync(e => e.Name == endpointName, cancellationToken);
        return row is null ? null : FleetMapping.ToState(row);
    }
}
