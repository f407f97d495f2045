using Dashboard.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Hosting.Health;

/// <summary>
/// Readiness: the database answers. Opens a context the way every store does and asks the provider whether it can
/// connect, so it holds for any provider. The description never carries the connection string or the provider's
/// message (which may name hosts and users): only the provider and, on failure, the kind of error.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<DashboardDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        string provider = "database";
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            provider = ProviderName(db.Database.ProviderName);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"The {provider} database answers.")
                : new HealthCheckResult(context.Registration.FailureStatus, $"The {provider} database cannot be reached.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The {provider} database cannot be reached ({ex.GetType().Name}).");
        }
    }

    /// <summary>"Microsoft.EntityFrameworkCore.Sqlite" → "Sqlite"; "Npgsql.EntityFrameworkCore.PostgreSQL" → "PostgreSQL".</summary>
    private static string ProviderName(string? provider) => provider?.Split('.')[^1] ?? "database";
}
