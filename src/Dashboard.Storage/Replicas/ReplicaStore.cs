using Dashboard.Core.Replicas;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Storage.Replicas;

/// <summary>The replicas' heartbeat rows. Each replica writes only its own row, but for the claim, which also clears the others' marks.</summary>
public sealed class ReplicaStore(IDbContextFactory<DashboardDbContext> contexts) : IReplicaStore, IDisposable
{
    private readonly SemaphoreSlim _ownRow = new(1, 1);

    public void Dispose() => _ownRow.Dispose();

    public Task BeatAsync(ReplicaIdentity replica, DateTimeOffset seenAt, CancellationToken cancellationToken = default) =>
        WriteOwnAsync(replica, seenAt, holdsLeaseSince: null, claim: false, cancellationToken);

    public async Task ClaimLeaseAsync(ReplicaIdentity replica, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replica);
        await WriteOwnAsync(replica, since, since, claim: true, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Replicas.Where(r => r.Id != replica.Id && r.HoldsLeaseSince != null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HoldsLeaseSince, (long?)null), cancellationToken);
    }

    public async Task ReleaseLeaseAsync(ReplicaIdentity replica, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replica);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Replicas.Where(r => r.Id == replica.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HoldsLeaseSince, (long?)null), cancellationToken);
    }

    public async Task<IReadOnlyList<Replica>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Replicas.AsNoTracking().ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.HoldsLeaseSince is not null).ThenByDescending(r => r.SeenAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new Replica(r.Id, r.Host, FromUnix(r.StartedAt), FromUnix(r.SeenAt),
                r.HoldsLeaseSince is { } since ? FromUnix(since) : null))
            .ToList();
    }

    public async Task<int> ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var cutoff = before.ToUnixTimeSeconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Replicas.Where(r => r.SeenAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task WriteOwnAsync(ReplicaIdentity replica, DateTimeOffset seenAt, DateTimeOffset? holdsLeaseSince, bool claim,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replica);
        var seen = seenAt.ToUnixTimeSeconds();
        var since = holdsLeaseSince?.ToUnixTimeSeconds();
        // Only this process writes its own row, but the heartbeat and the claim could both find it missing and both
        // insert it (a refused insert is logged as an error by EF Core): one at a time.
        await _ownRow.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var updated = claim
                ? await db.Replicas.Where(r => r.Id == replica.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.SeenAt, seen).SetProperty(r => r.HoldsLeaseSince, since), cancellationToken)
                : await db.Replicas.Where(r => r.Id == replica.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.SeenAt, seen), cancellationToken);
            if (updated > 0)
            {
                return;
            }
            db.Replicas.Add(new StoredReplica
            {
                Id = replica.Id,
                Host = replica.Host,
                StartedAt = replica.StartedAt.ToUnixTimeSeconds(),
                SeenAt = seen,
                HoldsLeaseSince = since,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _ownRow.Release();
        }
    }

    private static DateTimeOffset FromUnix(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}
