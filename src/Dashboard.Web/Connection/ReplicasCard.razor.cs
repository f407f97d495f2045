using Dashboard.Core.Replicas;
using Dashboard.Core.Workers;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Connection;

/// <summary>
/// The dashboard processes on this database, this one marked, and which of them runs the leader-only workers (collectors,
/// alarms, deliveries) and since when. On SQLite there is one replica and it holds the lease.
/// </summary>
public partial class ReplicasCard
{
    private IReadOnlyList<Replica> _replicas = [];
    private DateTimeOffset _now;

    [Inject] private IReplicaStore Replicas { get; set; } = default!;
    [Inject] private IWorkerLeaseState Lease { get; set; } = default!;
    [Inject] private ReplicaIdentity Identity { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private string LeaseText => Lease.HeldHere
        ? $"This replica holds the worker lease since {Format(Lease.Since)} and runs the collectors, alarms and deliveries."
        : Lease.Holder is { } holder
            ? $"Replica {holder} holds the worker lease since {Format(Lease.Since)}; this one serves pages only."
            : "No replica holds the worker lease at the moment; one takes it over within 30 s.";

    protected override async Task OnInitializedAsync()
    {
        _now = Time.GetUtcNow();
        var stored = await Replicas.ListAsync();
        // The heartbeat may not have written this replica's row yet: it is listed all the same.
        _replicas = stored.Any(r => r.Id == Identity.Id) ? stored
            : [new Replica(Identity.Id, Identity.Host, Identity.StartedAt, _now, Lease.HeldHere ? Lease.Since : null), .. stored];
    }

    private static string Format(DateTimeOffset? time) => time?.UtcDateTime.ToString("d MMM HH:mm:ss 'UTC'") ?? "—";
}
