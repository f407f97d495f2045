using System.Text.Json;
using Dashboard.Core.Workers;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dashboard.Web.Hosting.Health;

/// <summary>
/// The probes: <c>/healthz/live</c> (the process answers; no dependency is asked, so a slow database never gets a
/// replica restarted), <c>/healthz/ready</c> (database reachable, collectors fresh, lease holder known; 503 when not)
/// and <c>/healthz</c>, kept as an alias of live for the container and scripts that use it. All anonymous; the JSON
/// answers carry each check's name, status and a short description, never an exception text or a setting.
/// </summary>
public static class DashboardHealthChecks
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    public const string LegacyPath = "/healthz";

    private const string ReadyTag = "ready";

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };

    public static IServiceCollection AddDashboardHealthChecks(this IServiceCollection services)
    {
        services.TryAddSingleton<CollectorFreshnessHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<CollectorFreshnessHealthCheck>("collectors", tags: [ReadyTag])
            .AddCheck<WorkerLeaseHealthCheck>("lease", tags: [ReadyTag]);
        return services;
    }

    public static void MapDashboardHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        // Started with the app, so "no poll yet" is counted from the start rather than from the first probe.
        endpoints.ServiceProvider.GetRequiredService<CollectorFreshnessHealthCheck>();
        endpoints.ServiceProvider.GetRequiredService<IWorkerLeaseState>();

        endpoints.MapHealthChecks(LegacyPath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync })
            .AllowAnonymous();
    }

    /// <summary><c>{"status":"Healthy","checks":[{"name":"database","status":"Healthy","description":"…","durationMs":1.2}]}</c></summary>
    public static async Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, WriterOptions);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            json.WriteString("description", entry.Description);
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
