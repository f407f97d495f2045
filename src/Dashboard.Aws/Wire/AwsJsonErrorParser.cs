using System.Net.Http.Headers;
using System.Text.Json;
using Dashboard.Core;

namespace Dashboard.Aws.Wire;

/// <summary>Turns a non-2xx awsJson reply into an <see cref="AwsServiceException"/>.</summary>
internal static class AwsJsonErrorParser
{
    internal const string RequestIdHeader = "x-amzn-RequestId";
    internal const string QueryErrorHeader = "x-amzn-query-error";
    internal const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static AwsServiceException Parse(AwsServiceDescriptor service, int statusCode, string? reasonPhrase,
        HttpResponseHeaders headers, ReadOnlySpan<byte> body)
    {
        var (bodyCode, bodyMessage, isJson) = ReadBody(body);

        // Query-compatible services put the awsQuery-era code (e.g. "LimitExceeded") in a header; SDKs prefer it.
        string? code = null;
        if (service.QueryCompatible && FirstHeader(headers, QueryErrorHeader) is { } queryError)
        {
            code = SanitizeCode(queryError.Split(';', 2)[0]);
        }
        code ??= SanitizeCode(bodyCode) ?? SanitizeCode(FirstHeader(headers, ErrorTypeHeader)) ?? $"Http{statusCode}";

        var message = bodyMessage;
        if (string.IsNullOrWhiteSpace(message))
        {
            message = !isJson && !body.IsEmpty ? BodyExcerpt.From(body) : reasonPhrase ?? $"HTTP {statusCode}";
        }

        return new AwsServiceException(service.Name, code, message, statusCode, RequestId(headers));
    }

    public static string? RequestId(HttpResponseHeaders headers) =>
        FirstHeader(headers, RequestIdHeader) ?? FirstHeader(headers, "x-amz-request-id");

    /// <summary>Drops a "namespace#" prefix and a ":url" suffix, as botocore and the .NET SDK do.</summary>
    internal static string? SanitizeCode(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }
        var code = raw;
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }
        var colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }
        code = code.Trim();
        return code.Length == 0 ? null : code;
    }

    private static (string? Code, string? Message, bool IsJson) ReadBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null, false);
        }
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null, true);
            }
            var root = document.RootElement;
            return (StringMember(root, "__type") ?? StringMember(root, "code") ?? StringMember(root, "Code"),
                StringMember(root, "message") ?? StringMember(root, "Message"), true);
        }
        catch (JsonException)
        {
            return (null, null, false);
        }
    }

    private static string? StringMember(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? FirstHeader(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) : null;
}
