using System.Text;
using System.Text.Json;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.Capture;

/// <summary>
/// Reads a JSON input (an object of named features, an array of them, an array of values, or JSON Lines of those) into an
/// hour in one pass: values are held until the whole input has proved well-formed, then added, so a record that breaks half
/// way never reaches a summary. One instance per file, reused record after record.
/// </summary>
internal sealed class CaptureJson
{
    private readonly List<Pending> _pending = [];
    private readonly List<string> _long = [];
    private byte[] _bytes = new byte[4096];
    private int _used;

    private enum Kind : byte
    {
        Number,
        Category,
        LongCategory,
        True,
        False,
        Missing,
    }

    /// <param name="NameLength">-1: a value by position in an array of values (column <paramref name="Position"/>).</param>
    private readonly record struct Pending(int NameStart, int NameLength, int Position, Kind Kind, double Number, int ValueStart, int ValueLength);

    /// <summary>False (and nothing added) when any of its lines is not one well-formed JSON object or array.</summary>
    public bool Read(CaptureHour summary, ReadOnlySpan<byte> data)
    {
        // Unescaped names and values are never longer than the input they come from.
        if (_bytes.Length < data.Length)
        {
            _bytes = new byte[Math.Max(data.Length, _bytes.Length * 2)];
        }
        _pending.Clear();
        _long.Clear();
        _used = 0;
        var (lines, records) = (0, 0);
        try
        {
            foreach (var range in data.Split((byte)'\n'))
            {
                var line = data[range];
                if (line.Trim(" \t\r"u8).IsEmpty)
                {
                    continue;
                }
                lines++;
                if (!ReadLine(line, ref records))
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        if (lines == 0)
        {
            return false;
        }
        Commit(summary, records);
        return true;
    }

    private bool ReadLine(ReadOnlySpan<byte> line, ref int records)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return false;
        }
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            records++;
            ReadObject(ref reader);
        }
        else if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            // An array of instances (read up to the first element that is not one).
            while (reader.TokenType == JsonTokenType.StartObject)
            {
                records++;
                ReadObject(ref reader);
                reader.Read();
            }
        }
        else
        {
            // An array of values: one instance, its columns by position.
            records++;
            for (var i = 0; reader.TokenType != JsonTokenType.EndArray; i++)
            {
                Hold(ref reader, -1, -1, i);
                if (!reader.Read())
                {
                    return false;
                }
            }
        }
        // The rest of the line must still be well-formed JSON, and nothing may follow the one value (the reader throws).
        while (reader.Read())
        {
        }
        return true;
    }

    private void ReadObject(ref Utf8JsonReader reader)
    {
        for (var position = 0; reader.Read() && reader.TokenType == JsonTokenType.PropertyName; position++)
        {
            var (start, length) = Copy(ref reader);
            reader.Read();
            Hold(ref reader, start, length, position);
        }
    }

    private void Hold(ref Utf8JsonReader reader, int nameStart, int nameLength, int position)
    {
        var (kind, number, valueStart, valueLength) = (Kind.Missing, 0.0, 0, 0);
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                (kind, number) = (Kind.Number, reader.TryGetDouble(out var value) ? value : double.NaN);
                break;
            case JsonTokenType.String when reader.ValueSpan.Length <= CategoryCounts.MaxLength:
                kind = Kind.Category;
                (valueStart, valueLength) = Copy(ref reader);
                break;
            case JsonTokenType.String:
                (kind, valueStart) = (Kind.LongCategory, _long.Count);
                _long.Add(reader.GetString()!);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                kind = reader.TokenType == JsonTokenType.True ? Kind.True : Kind.False;
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                // A nested value is not a feature this reader summarises: it counts as missing.
                reader.Skip();
                break;
        }
        _pending.Add(new Pending(nameStart, nameLength, position, kind, number, valueStart, valueLength));
    }

    private (int Start, int Length) Copy(ref Utf8JsonReader reader)
    {
        var start = _used;
        int length;
        if (reader.ValueIsEscaped)
        {
            length = reader.CopyString(_bytes.AsSpan(start));
        }
        else
        {
            reader.ValueSpan.CopyTo(_bytes.AsSpan(start));
            length = reader.ValueSpan.Length;
        }
        _used += length;
        return (start, length);
    }

    private void Commit(CaptureHour summary, int records)
    {
        summary.Records += records;
        Span<char> chars = stackalloc char[CategoryCounts.MaxLength];
        foreach (var p in _pending)
        {
            var feature = p.NameLength < 0 ? summary.Column(p.Position) : summary.Input(_bytes.AsSpan(p.NameStart, p.NameLength), p.Position);
            switch (p.Kind)
            {
                case Kind.Number:
                    feature.AddNumber(p.Number);
                    break;
                case Kind.Category:
                    feature.AddCategory(chars[..Encoding.UTF8.GetChars(_bytes.AsSpan(p.ValueStart, p.ValueLength), chars)]);
                    break;
                case Kind.LongCategory:
                    feature.AddCategory(_long[p.ValueStart]);
                    break;
                case Kind.True or Kind.False:
                    feature.AddCategory(p.Kind == Kind.True ? "true" : "false");
                    break;
                default:
                    feature.AddMissing();
                    break;
            }
        }
    }
}
