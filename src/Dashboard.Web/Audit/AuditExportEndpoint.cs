using System.Text;
using Dashboard.Core.Audit;
using Dashboard.Web.Navigation;

namespace Dashboard.Web.Audit;

/// <summary><c>GET /audit.csv</c>: the Audit page's filtered records as a download, streamed row by row.</summary>
public static class AuditExportEndpoint
{
    public static IEndpointConventionBuilder MapAuditExport(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/audit.csv", (HttpContext http, IAuditQueries audit, TimeProvider time,
                string? who, string? action, string? endpoint, string? q, string? from, string? to) =>
            {
                if (DashboardUrls.TimeFilterError(from, to) is { } error)
                {
                    return Results.Text(error, "text/plain", Encoding.UTF8, StatusCodes.Status400BadRequest);
                }
                var filter = DashboardUrls.ParseAuditFilter(who, action, endpoint, q, from, to);
                var cancellation = http.RequestAborted;
                return Results.Stream(async body =>
                {
                    await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                    await AuditCsv.WriteAsync(writer, audit.StreamAsync(filter, cancellation), cancellation);
                }, "text/csv; charset=utf-8", AuditCsv.FileName(time.GetUtcNow()));
            })
            .RequireAuthorization()
            .WithName("AuditCsv");
}
