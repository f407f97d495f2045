namespace Dashboard.Core.Workers;

/// <summary>
/// Who runs the workers that must not run twice (collectors, alarms, deliveries, deployments): the one replica holding
/// the worker lease. Pages and health checks read it; only <see cref="WorkerLease"/> changes it.
/// </summary>
public interface IWorkerLeaseState
{
    /// <summary>This process holds the lease and its leader-only workers run.</summary>
    bool HeldHere { get; }

    /// <summary>The replica id of the holder, as last known here; null while none is known.</summary>
    string? Holder { get; }

    /// <summary>Since when the holder has held the lease; null while none is known.</summary>
    DateTimeOffset? Since { get; }
}
