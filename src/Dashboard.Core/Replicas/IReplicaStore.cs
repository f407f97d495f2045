namespace Dashboard.Core.Replicas;

/// <summary>The replicas' heartbeat rows, shared through the database so every replica sees the others.</summary>
public interface IReplicaStore
{
    /// <summary>Writes this replica's row (inserted the first time) as seen at <paramref name="seenAt"/>; leaves its lease mark alone.</summary>
    Task BeatAsync(ReplicaIdentity replica, DateTimeOffset seenAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks <paramref name="replica"/> (its row written if missing) as the lease holder since <paramref name="since"/>
    /// and every other row as not: a holder that died cannot clear its own mark.
    /// </summary>
    Task ClaimLeaseAsync(ReplicaIdentity replica, DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Clears the holder mark of <paramref name="replica"/> (it gave the lease up or lost it).</summary>
    Task ReleaseLeaseAsync(ReplicaIdentity replica, CancellationToken cancellationToken = default);

    /// <summary>Every replica row, the holder first, then the most recently seen.</summary>
    Task<IReadOnlyList<Replica>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes rows not seen since <paramref name="before"/>; returns how many.</summary>
    Task<int> ForgetAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
