using Microsoft.Extensions.Hosting;

namespace Dashboard.Core.Workers;

/// <summary>
/// A worker that must not run in two replicas at once (it calls AWS, sends webhooks or moves stored state on): started
/// by <see cref="WorkerLease"/> when this process gains the lease and stopped when it loses it, instead of by the host.
/// </summary>
public sealed record LeaseGatedWorker(string Name, IHostedService Service);
