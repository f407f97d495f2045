using Dashboard.Core.Replicas;
using Dashboard.Core.Workers;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Web.Hosting;

/// <summary>
/// The workers that must run in one replica only, registered the one way: <see cref="AddLeaseWorker{TWorker}"/> instead of
/// AddHostedService, so <see cref="WorkerLease"/> starts them when this replica gains the worker lease and stops them when
/// it loses it.
/// </summary>
public static class WorkerLeaseServices
{
    /// <summary>Registers <typeparamref name="TWorker"/> as a singleton (others may inject it) run under the worker lease.</summary>
    public static IServiceCollection AddLeaseWorker<TWorker>(this IServiceCollection services)
        where TWorker : class, IHostedService
    {
        services.TryAddSingleton<TWorker>();
        services.AddSingleton(provider => new LeaseGatedWorker(typeof(TWorker).Name, provider.GetRequiredService<TWorker>()));
        return services;
    }

    /// <summary>The lease itself, its state for pages and health checks, this replica's identity and heartbeat.</summary>
    public static IServiceCollection AddWorkerLease(this IServiceCollection services)
    {
        services.AddSingleton<ReplicaIdentity>();
        services.AddSingleton<WorkerLease>();
        services.AddSingleton<IWorkerLeaseState>(provider => provider.GetRequiredService<WorkerLease>());
        services.AddHostedService(provider => provider.GetRequiredService<WorkerLease>());
        services.AddHostedService<ReplicaHeartbeat>();
        return services;
    }
}
