using System.Globalization;
using Dashboard.Core.Workers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Hosting.Health;

/// <summary>
/// Readiness: some replica holds the worker lease, so collectors, alarms and deliveries run somewhere. A replica that
/// does not hold it is still ready to serve pages.
/// </summary>
public sealed class WorkerLeaseHealthCheck(IWorkerLeaseState lease) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = lease.Since is { } at ? " since " + at.ToString("u", CultureInfo.InvariantCulture) : "";
        var result = lease switch
        {
            { HeldHere: true } => HealthCheckResult.Healthy($"This replica ({lease.Holder}) holds the worker lease{since}."),
            { Holder: { } holder } => HealthCheckResult.Healthy($"Replica {holder} holds the worker lease{since}."),
            _ => new HealthCheckResult(context.Registration.FailureStatus, "No replica is known to hold the worker lease."),
        };
        return Task.FromResult(result);
    }
}
