using Dashboard.Core.Workers;
using Microsoft.Extensions.Logging;

namespace Dashboard.Core.Replicas;

/// <summary>
/// Every replica's own row in the replicas table, written every 10 s, so the Connection page lists the processes serving
/// users and shows the silent ones as gone; rows gone for a day are deleted. Runs in every replica, holder or not.
/// </summary>
public sealed class ReplicaHeartbeat(IReplicaStore replicas, ReplicaIdentity replica, TimeProvider timeProvider, ILogger<ReplicaHeartbeat> logger)
    : PeriodicWorker(timeProvider, logger)
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

    protected override TimeSpan Interval => Every;

    protected override TimeSpan MaxBackoff => TimeSpan.FromMinutes(1);

    protected override string Work => "Writing this replica's heartbeat";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        await replicas.BeatAsync(replica, now, cancellationToken);
        await replicas.ForgetAsync(now - Replica.ForgottenAfter, cancellationToken);
    }
}
