using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting.Telemetry;

public enum OtlpTransport
{
    /// <summary>OTLP over gRPC, a collector's port 4317.</summary>
    Grpc,

    /// <summary>OTLP over HTTP with protobuf bodies, a collector's port 4318 (the signal paths are appended).</summary>
    HttpProtobuf,
}

/// <summary>
/// Configuration section "Telemetry": where the dashboard's own metrics and traces go, and how it logs. Unset, nothing
/// is exported and no OpenTelemetry SDK runs; the instruments (Dashboard.Core.Telemetry) then cost next to nothing.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>An OTLP collector (e.g. http://otel-collector:4317); metrics and traces are pushed there. Unset: no OTLP export.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How OTLP is spoken to <see cref="OtlpEndpoint"/>.</summary>
    public OtlpTransport OtlpProtocol { get; set; } = OtlpTransport.Grpc;

    /// <summary>Serve the metrics in Prometheus text format at /metrics for a scraper (anonymous, like the probes).</summary>
    public bool Prometheus { get; set; }

    /// <summary>One JSON object per log line on the console (for a log shipper) instead of the readable text lines.</summary>
    public bool JsonConsoleLogs { get; set; }

    /// <summary>The service.name resource attribute the exported metrics and traces carry.</summary>
    public string ServiceName { get; set; } = "sagemaker-dashboard";

    public bool ExportsMetricsOrTraces => OtlpEndpoint is not null || Prometheus;
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.OtlpEndpoint is { } endpoint
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0))
        {
            errors.Add($"{TelemetryOptions.Section}:OtlpEndpoint must be an http:// or https:// address without credentials, e.g. http://otel-collector:4317.");
        }
        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            errors.Add($"{TelemetryOptions.Section}:ServiceName must not be empty.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
