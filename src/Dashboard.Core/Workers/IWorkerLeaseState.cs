namespace Dashboard.Core.Workers;

/// <summary>
/// Which process runs the workers that must not run twice (collectors, alarm evaluation, deliveries). Readiness and the
/// Connection page read it; with several replicas on one database the lease implementation answers, and a single
/// process holds it from its start (<see cref="SingleProcessLease"/>).
/// </summary>
public interface IWorkerLeaseState
{
    /// <summary>This process holds the lease and runs those workers.</summary>
    bool HeldHere { get; }

    /// <summary>The holder's name (a replica's host name); null while no replica holds it or it is not known.</summary>
    string? Holder { get; }

    /// <summary>Since when the current holder holds it; null with <see cref="Holder"/>.</summary>
    DateTimeOffset? Since { get; }
}

/// <summary>One process and its own database: the lease is held here, from the moment the process started.</summary>
public sealed class SingleProcessLease(TimeProvider timeProvider) : IWorkerLeaseState
{
    public bool HeldHere => true;

    public string? Holder { get; } = Environment.MachineName;

    public DateTimeOffset? Since { get; } = timeProvider.GetUtcNow();
}
