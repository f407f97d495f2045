using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dashboard.Simulator.Wire;

/// <summary>Writes an AWS JSON error reply; shared by the dispatcher, the SigV4 verifier and the fault injector.</summary>
public static class AwsErrorWriter
{
    public const string QueryErrorHeader = "x-amzn-query-error";

    public static async Task WriteAsync(HttpContext context, AwsService? service, AwsErrorException error)
    {
        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = (service ?? AwsService.CloudWatch).ContentType;
        if (service?.QueryCompatible == true)
        {
            // awsQuery-compatible JSON clients prefer this header's code to __type.
            response.Headers[QueryErrorHeader] = $"{error.QueryCode};{(error.SenderFault ? "Sender" : "Receiver")}";
        }
        // Relaxed escaping keeps the quotes in AWS's messages readable ("Could not find endpoint \"arn:…\".").
        await using var writer = new Utf8JsonWriter(response.Body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteString("__type", error.Code);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
