using Dashboard.Core.Telemetry;
using Dashboard.Web.Hosting.Health;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dashboard.Web.Hosting.Telemetry;

/// <summary>
/// Wires <see cref="TelemetryOptions"/>: JSON console logs, and an OpenTelemetry SDK only when something is to be
/// exported (OTLP, the Prometheus scrape endpoint), listening to the dashboard's own meter and activity source
/// (<see cref="DashboardTelemetry"/>), ASP.NET Core's and the runtime's.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Where Prometheus scrapes when <see cref="TelemetryOptions.Prometheus"/> is on.</summary>
    public const string ScrapePath = "/metrics";

    /// <summary>Before the app's own services, so the SDK's listener is up before the collectors' first poll.</summary>
    public static void AddDashboardTelemetry(this WebApplicationBuilder builder)
    {
        var options = Read(builder.Configuration);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitTelemetry>());
        if (options.JsonConsoleLogs)
        {
            // Replaces the console's text formatter; the provider stays the same one, so nothing is logged twice.
            builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        }
        if (!options.ExportsMetricsOrTraces)
        {
            return;
        }

        var openTelemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: Environment.MachineName));
        openTelemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(DashboardTelemetry.Name, "System.Runtime").AddAspNetCoreInstrumentation();
            if (options.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }
            if (options.OtlpEndpoint is not null)
            {
                metrics.AddOtlpExporter(otlp => ConfigureOtlp(otlp, options, "metrics"));
            }
        });
        if (options.OtlpEndpoint is not null)
        {
            openTelemetry.WithTracing(tracing => tracing
                .AddSource(DashboardTelemetry.Name)
                // Probes and scrapes every few seconds would drown the traces people look for.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsProbeOrScrape(http.Request.Path))
                .AddOtlpExporter(otlp => ConfigureOtlp(otlp, options, "traces")));
        }
    }

    public static void MapDashboardTelemetry(this WebApplication app)
    {
        if (Read(app.Configuration).Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(ScrapePath).AllowAnonymous();
        }
    }

    private static TelemetryOptions Read(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments(DashboardHealthChecks.LegacyPath) || path.StartsWithSegments(ScrapePath);

    private static void ConfigureOtlp(OtlpExporterOptions otlp, TelemetryOptions options, string signal)
    {
        var endpoint = new Uri(options.OtlpEndpoint!);
        if (options.OtlpProtocol == OtlpTransport.HttpProtobuf)
        {
            // Set in code, the HTTP exporter posts to the address as given: the signal's path is ours to add.
            otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
            otlp.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + "/v1/" + signal);
        }
        else
        {
            otlp.Protocol = OtlpExportProtocol.Grpc;
            otlp.Endpoint = endpoint;
        }
    }
}
