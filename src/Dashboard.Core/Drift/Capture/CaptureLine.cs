using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Dashboard.Core.Drift.Capture;

/// <summary>How a payload's data is written: SageMaker's <c>encoding</c> field.</summary>
internal enum PayloadEncoding : byte
{
    Csv,
    Json,
    Base64,
    Unknown,
}

/// <summary>Where one side of a captured request lies in <see cref="CaptureLine"/>'s buffer: content type, encoding, data.</summary>
internal struct CapturedPayload
{
    public (int Start, int Length) ContentType;
    public (int Start, int Length) Encoding;
    public (int Start, int Length) Data;
    public bool Present;
}

/// <summary>
/// The parts of one data-capture line the drift reader uses (AWS's format: <c>captureData.endpointInput/endpointOutput</c>
/// with <c>observedContentType</c>, <c>data</c> and <c>encoding</c>; <c>eventMetadata.eventId/inferenceId/inferenceTime</c>),
/// read with a forward-only reader into one reused buffer: a line costs no allocation but its join id.
/// </summary>
internal sealed class CaptureLine
{
    private byte[] _buffer = new byte[4096];
    private int _used;
    private (int Start, int Length) _eventId;
    private (int Start, int Length) _inferenceId;
    private (int Start, int Length) _inferenceTime;

    public CapturedPayload Input;
    public CapturedPayload Output;

    /// <summary>A part's bytes (empty when the line did not have it; a length of -1 says so).</summary>
    public ReadOnlySpan<byte> Bytes((int Start, int Length) part) => part.Length < 0 ? [] : _buffer.AsSpan(part.Start, part.Length);

    /// <summary>The inference time as written, empty when there is none.</summary>
    public ReadOnlySpan<byte> InferenceTime => Bytes(_inferenceTime);

    /// <summary>The id ground truth is joined on: the caller's inference id when it passed one, else SageMaker's event id.</summary>
    public string? JoinId() =>
        _inferenceId.Length >= 0 ? Encoding.UTF8.GetString(Bytes(_inferenceId)) : _eventId.Length >= 0 ? Encoding.UTF8.GetString(Bytes(_eventId)) : null;

    public PayloadEncoding EncodingOf(in CapturedPayload payload)
    {
        var encoding = Bytes(payload.Encoding);
        return payload.Encoding.Length < 0 ? PayloadEncoding.Unknown
            : Ascii.EqualsIgnoreCase(encoding, "CSV"u8) ? PayloadEncoding.Csv
            : Ascii.EqualsIgnoreCase(encoding, "JSON"u8) ? PayloadEncoding.Json
            : Ascii.EqualsIgnoreCase(encoding, "BASE64"u8) ? PayloadEncoding.Base64
            : PayloadEncoding.Unknown;
    }

    /// <summary>
    /// The payload's format and its data as UTF-8 (base64 decoded into <paramref name="decoded"/>, grown when too small), or
    /// why it cannot be read; a BASE64 payload's format is its content type's.
    /// </summary>
    public (PayloadEncoding Format, string? Problem) Decode(in CapturedPayload payload, ref byte[] decoded, out ReadOnlySpan<byte> data)
    {
        data = Bytes(payload.Data);
        switch (EncodingOf(payload))
        {
            case PayloadEncoding.Csv:
                return (PayloadEncoding.Csv, null);
            case PayloadEncoding.Json:
                return (PayloadEncoding.Json, null);
            case PayloadEncoding.Base64:
                if (decoded.Length < Base64.GetMaxDecodedFromUtf8Length(data.Length))
                {
                    ArrayPool<byte>.Shared.Return(decoded);
                    decoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(data.Length));
                }
                if (Base64.DecodeFromUtf8(data, decoded, out _, out var written) != OperationStatus.Done)
                {
                    data = [];
                    return (PayloadEncoding.Csv, "the BASE64 data is not valid base64");
                }
                data = decoded.AsSpan(0, written);
                var type = Bytes(payload.ContentType);
                return Contains(type, "csv"u8) ? (PayloadEncoding.Csv, null)
                    : Contains(type, "json"u8) ? (PayloadEncoding.Json, null)
                    : (PayloadEncoding.Csv, $"content type '{Cut(System.Text.Encoding.UTF8.GetString(type))}' cannot be read (only CSV and JSON)");
            default:
                return (PayloadEncoding.Csv, $"unknown encoding '{Cut(System.Text.Encoding.UTF8.GetString(Bytes(payload.Encoding)))}'");
        }
    }

    private static bool Contains(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCase)
    {
        for (var i = 0; i + lowerCase.Length <= text.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(text.Slice(i, lowerCase.Length), lowerCase))
            {
                return true;
            }
        }
        return false;
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>Reads a line, replacing what the previous one left.</summary>
    /// <exception cref="JsonException">The line is not a JSON object.</exception>
    public void Read(ReadOnlySpan<byte> line)
    {
        // Unescaped text is never longer than its escaped form: the line's length bounds everything copied out of it.
        if (_buffer.Length < line.Length)
        {
            _buffer = new byte[Math.Max(line.Length, _buffer.Length * 2)];
        }
        _used = 0;
        Input = Output = default;
        Input.ContentType = Input.Encoding = Input.Data = (0, -1);
        Output.ContentType = Output.Encoding = Output.Data = (0, -1);
        _eventId = _inferenceId = _inferenceTime = (0, -1);
        var reader = new Utf8JsonReader(line);
        Span<Part> path = stackalloc Part[8];
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
                    path[depth] = depth <= 3 ? Name(ref reader) : Part.Other;
                }
                continue;
            }
            if (reader.TokenType is JsonTokenType.StartObject && depth == 2 && path[1] == Part.CaptureData)
            {
                Input.Present |= path[2] == Part.EndpointInput;
                Output.Present |= path[2] == Part.EndpointOutput;
            }
            if (reader.TokenType != JsonTokenType.String)
            {
                continue;
            }
            if (depth == 3 && path[1] == Part.CaptureData && path[3] is Part.ContentType or Part.Encoding or Part.Data
                && path[2] is Part.EndpointInput or Part.EndpointOutput)
            {
                ref var payload = ref path[2] == Part.EndpointInput ? ref Input : ref Output;
                var text = Copy(ref reader);
                if (path[3] == Part.ContentType)
                {
                    payload.ContentType = text;
                }
                else if (path[3] == Part.Encoding)
                {
                    payload.Encoding = text;
                }
                else
                {
                    payload.Data = text;
                }
            }
            else if (depth == 2 && path[1] == Part.EventMetadata)
            {
                switch (path[2])
                {
                    case Part.EventId: _eventId = Copy(ref reader); break;
                    case Part.InferenceId: _inferenceId = Copy(ref reader); break;
                    case Part.InferenceTime: _inferenceTime = Copy(ref reader); break;
                }
            }
        }
    }

    private (int Start, int Length) Copy(ref Utf8JsonReader reader)
    {
        var start = _used;
        var length = reader.ValueIsEscaped ? reader.CopyString(_buffer.AsSpan(start)) : Copied(reader.ValueSpan, start);
        _used += length;
        return (start, length);
    }

    private int Copied(ReadOnlySpan<byte> value, int start)
    {
        value.CopyTo(_buffer.AsSpan(start));
        return value.Length;
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
