using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Core.Drift.Capture;

/// <summary>
/// A record's prediction, read from its output as soon as the line is (the line's buffer is reused) and added only once its
/// input was: a CSV output's first field, or a JSON output's number (or its score-like member). A number costs no string.
/// </summary>
internal readonly record struct Prediction(Prediction.Kind Found, double Number, string? Text, string? JoinId)
{
    internal enum Kind : byte
    {
        /// <summary>No output, or one that cannot be read: nothing is added.</summary>
        None,

        /// <summary>An output without a value (JSON null): counted as missing.</summary>
        Null,

        /// <summary>A finite number.</summary>
        Number,

        /// <summary>Anything else, as written.</summary>
        Text,
    }

    private static readonly string[] ScoreNames = ["score", "probability", "prediction", "predicted_label", "predictions", "label"];

    public static Prediction Of(CaptureLine line, ref byte[] decoded)
    {
        if (!line.Output.Present)
        {
            return default;
        }
        var (format, problem) = line.Decode(line.Output, ref decoded, out var data);
        if (problem is not null || data.Trim(" \t\r\n\v\f"u8).IsEmpty)
        {
            return default;
        }
        if (format == PayloadEncoding.Csv)
        {
            var first = data.TrimStart(" \t\r\n\v\f"u8);
            var cut = first.IndexOfAny((byte)',', (byte)'\n');
            return Value((cut < 0 ? first : first[..cut]).Trim(" \t\r\n\v\f"u8).Trim((byte)'"'), line);
        }
        var firstLine = data.IndexOf((byte)'\n') is var end and >= 0 ? data[..end] : data;
        try
        {
            var reader = new Utf8JsonReader(firstLine);
            reader.Read();
            Prediction found;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    found = Value(reader.ValueSpan, line);
                    break;
                case JsonTokenType.String:
                    found = FromText(reader.GetString()!, line);
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    found = FromText(reader.TokenType == JsonTokenType.True ? "true" : "false", line);
                    break;
                case JsonTokenType.Null:
                    found = new Prediction(Kind.Null, double.NaN, null, null);
                    break;
                default:
                    // An object or array: rare enough for a document.
                    using (var document = JsonDocument.Parse(firstLine.ToArray()))
                    {
                        return Scalar(document.RootElement) is { } value ? FromText(value, line) : new Prediction(Kind.Null, double.NaN, null, null);
                    }
            }
            // Anything after the value makes the line invalid, as a document would say.
            return reader.Read() ? default : found;
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>Adds the prediction to the hour's output summary and, when the record has a join id, to the predictions awaiting labels.</summary>
    public void AddTo(CaptureFileSummary file, DateTimeOffset hour)
    {
        if (Found == Kind.None)
        {
            return;
        }
        var output = file.Hour(hour).Output;
        switch (Found)
        {
            case Kind.Null:
                output.AddMissing();
                return;
            case Kind.Number:
                output.AddNumber(Number);
                break;
            default:
                CaptureFileReader.AddValue(output, Text);
                break;
        }
        if (JoinId is not null)
        {
            file.Predictions.Add(new CapturedPrediction(JoinId, hour, Found == Kind.Number ? Number : null, Found == Kind.Number ? null : Text));
        }
    }

    private static Prediction Value(ReadOnlySpan<byte> text, CaptureLine line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? new Prediction(Kind.Number, number, null, line.JoinId())
            : FromText(Encoding.UTF8.GetString(text), line);

    private static Prediction FromText(string text, CaptureLine line) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? new Prediction(Kind.Number, number, null, line.JoinId())
            : new Prediction(Kind.Text, double.NaN, text, line.JoinId());

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Array => element.GetArrayLength() > 0 ? Scalar(element[0]) : null,
        JsonValueKind.Object => ScoreNames.Select(n => element.TryGetProperty(n, out var v) ? Scalar(v) : null).FirstOrDefault(v => v is not null)
            ?? element.EnumerateObject().Select(p => Scalar(p.Value)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
