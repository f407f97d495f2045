using System.Text.Json;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.DataSets;

/// <summary>
/// One JSON value into a feature summary, for the baseline data set read once on request (capture, read all day long,
/// holds its values in bytes instead: <see cref="Capture.CaptureFileReader"/>).
/// </summary>
internal static class JsonValues
{
    /// <summary>Whether the line is one well-formed JSON object or array.</summary>
    public static bool IsInstance(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return false;
            }
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static void Add(FeatureSummary feature, ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                feature.AddNumber(reader.TryGetDouble(out var number) ? number : double.NaN);
                break;
            case JsonTokenType.String:
                feature.AddCategory(reader.GetString()!);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                feature.AddCategory(reader.TokenType == JsonTokenType.True ? "true" : "false");
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                // A nested value is not a feature this reader summarises: it counts as missing.
                reader.Skip();
                feature.AddMissing();
                break;
            default:
                feature.AddMissing();
                break;
        }
    }
}
