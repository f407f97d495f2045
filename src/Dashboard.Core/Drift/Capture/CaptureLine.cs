using System.Text.Json;

namespace Dashboard.Core.Drift.Capture;

/// <summary>One side of a captured request as SageMaker writes it: the payload, its content type and its encoding.</summary>
public sealed record CapturedPayload(string? ContentType, string? Encoding, string? Data);

/// <summary>
/// The parts of one data-capture line the drift reader uses (AWS's format: <c>captureData.endpointInput/endpointOutput</c>
/// with <c>observedContentType</c>, <c>data</c> and <c>encoding</c>; <c>eventMetadata.eventId/inferenceId/inferenceTime</c>),
/// read with a forward-only reader so a file of thousands of lines is not built into documents.
/// </summary>
public sealed record CaptureLine(CapturedPayload? Input, CapturedPayload? Output, string? EventId, string? InferenceId, string? InferenceTime)
{
    /// <summary>The id ground truth is joined on: the caller's inference id when it passed one, else SageMaker's event id.</summary>
    public string? JoinId => InferenceId ?? EventId;

    /// <exception cref="JsonException">The line is not a JSON object.</exception>
    public static CaptureLine Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        Span<Part> path = stackalloc Part[8];
        string?[] input = new string?[3];
        string?[] output = new string?[3];
        string? eventId = null, inferenceId = null, inferenceTime = null;
        var sawInput = false;
        var sawOutput = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A capture line must be a JSON object.");
        }
        while (reader.Read())
        {
            var depth = reader.CurrentDepth;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                if (depth < path.Length)
                {
                    path[depth] = Name(ref reader);
                }
                continue;
            }
            if (reader.TokenType is JsonTokenType.StartObject && depth == 2 && path[1] == Part.CaptureData)
            {
                sawInput |= path[2] == Part.EndpointInput;
                sawOutput |= path[2] == Part.EndpointOutput;
            }
            if (reader.TokenType != JsonTokenType.String)
            {
                continue;
            }
            if (depth == 3 && path[1] == Part.CaptureData && path[3] is Part.ContentType or Part.Encoding or Part.Data)
            {
                var target = path[2] == Part.EndpointInput ? input : path[2] == Part.EndpointOutput ? output : null;
                if (target is not null)
                {
                    target[path[3] - Part.ContentType] = reader.GetString();
                }
            }
            else if (depth == 2 && path[1] == Part.EventMetadata)
            {
                switch (path[2])
                {
                    case Part.EventId: eventId = reader.GetString(); break;
                    case Part.InferenceId: inferenceId = reader.GetString(); break;
                    case Part.InferenceTime: inferenceTime = reader.GetString(); break;
                }
            }
        }
        return new CaptureLine(sawInput ? new CapturedPayload(input[0], input[1], input[2]) : null,
            sawOutput ? new CapturedPayload(output[0], output[1], output[2]) : null, eventId, inferenceId, inferenceTime);
    }

    private static Part Name(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("captureData"u8) ? Part.CaptureData
        : reader.ValueTextEquals("endpointInput"u8) ? Part.EndpointInput
        : reader.ValueTextEquals("endpointOutput"u8) ? Part.EndpointOutput
        : reader.ValueTextEquals("eventMetadata"u8) ? Part.EventMetadata
        : reader.ValueTextEquals("observedContentType"u8) ? Part.ContentType
        : reader.ValueTextEquals("encoding"u8) ? Part.Encoding
        : reader.ValueTextEquals("data"u8) ? Part.Data
        : reader.ValueTextEquals("eventId"u8) ? Part.EventId
        : reader.ValueTextEquals("inferenceId"u8) ? Part.InferenceId
        : reader.ValueTextEquals("inferenceTime"u8) ? Part.InferenceTime
        : Part.Other;

    // ContentType, Encoding and Data are consecutive: their offset from ContentType indexes a payload's parts.
    private enum Part : byte
    {
        Other,
        CaptureData,
        EndpointInput,
        EndpointOutput,
        EventMetadata,
        ContentType,
        Encoding,
        Data,
        EventId,
        InferenceId,
        InferenceTime,
    }
}
