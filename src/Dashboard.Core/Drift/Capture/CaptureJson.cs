using System.Text.Json;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.Capture;

/// <summary>A JSON input (an object of named features, an array of them, an array of values, or JSON Lines of those) read into an hour.</summary>
internal static class CaptureJson
{
    /// <summary>False (and nothing added) when any of its lines is not one well-formed JSON object or array.</summary>
    public static bool Read(CaptureHour summary, ReadOnlySpan<byte> data)
    {
        // Checked whole before anything is added, so a record that breaks half way never reaches a summary.
        var lines = 0;
        foreach (var range in data.Split((byte)'\n'))
        {
            var line = data[range];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }
            if (!IsInstance(line))
            {
                return false;
            }
            lines++;
        }
        if (lines == 0)
        {
            return false;
        }
        foreach (var range in data.Split((byte)'\n'))
        {
            var line = data[range];
            if (!line.Trim(" \t\r"u8).IsEmpty)
            {
                ReadLine(summary, line);
            }
        }
        return true;
    }

    private static void ReadLine(CaptureHour summary, ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            summary.Records++;
            ReadObject(ref reader, summary);
            return;
        }
        reader.Read();
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            // An array of instances.
            while (reader.TokenType == JsonTokenType.StartObject)
            {
                summary.Records++;
                ReadObject(ref reader, summary);
                reader.Read();
            }
            return;
        }
        // An array of values: one instance, its columns by position.
        summary.Records++;
        for (var i = 0; reader.TokenType != JsonTokenType.EndArray; i++, reader.Read())
        {
            Add(summary.Column(i), ref reader);
        }
    }

    /// <summary>Whether the line is one well-formed JSON object or array.</summary>
    private static bool IsInstance(ReadOnlySpan<byte> line)
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

    private static void ReadObject(ref Utf8JsonReader reader, CaptureHour summary)
    {
        Span<byte> unescaped = stackalloc byte[128];
        for (var position = 0; reader.Read() && reader.TokenType == JsonTokenType.PropertyName; position++)
        {
            var feature = !reader.ValueIsEscaped ? summary.Input(reader.ValueSpan, position)
                : reader.ValueSpan.Length <= unescaped.Length ? summary.Input(unescaped[..reader.CopyString(unescaped)], position)
                : summary.Input(reader.GetString()!);
            reader.Read();
            Add(feature, ref reader);
        }
    }

    private static void Add(FeatureSummary feature, ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                feature.AddNumber(reader.TryGetDouble(out var number) ? number : double.NaN);
                break;
            case JsonTokenType.String:
                Span<char> value = stackalloc char[CategoryCounts.MaxLength * 2];
                if (reader.ValueSpan.Length <= CategoryCounts.MaxLength)
                {
                    feature.AddCategory(value[..reader.CopyString(value)]);
                }
                else
                {
                    feature.AddCategory(reader.GetString()!);
                }
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
