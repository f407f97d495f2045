using System.Globalization;
using System.Text;
using System.Text.Json;
using Dashboard.Core.Drift.Summaries;
using nietras.SeparatedValues;

namespace Dashboard.Core.Drift.Capture;

/// <summary>
/// Reads one data-capture file (JSON Lines, one captured request a line) into hourly feature summaries and predictions.
/// Inputs are CSV (columns named <c>_c0</c>, <c>_c1</c>… as Model Monitor names headerless columns) or JSON (a flat object
/// of named features, an array of them, or JSON Lines), base64-encoded or not. A line that cannot be read is skipped and
/// reported by number; it never reaches a summary. CSV inputs of a file are parsed together by Sep, the fastest CSV reader
/// in the registry.
/// </summary>
public static class CaptureFileReader
{
    public const string PredictionFeature = "prediction";

    private static readonly string[] ScoreNames = ["score", "probability", "prediction", "predicted_label", "predictions", "label"];

    /// <param name="fallbackHour">The hour of the file's folder, for records without a readable inference time.</param>
    public static CaptureFileSummary Read(ReadOnlySpan<byte> content, DateTimeOffset fallbackHour)
    {
        var file = new CaptureFileSummary();
        var csvRecords = new List<(int Line, CaptureLine Record, DateTimeOffset Hour, int Rows)>();
        var csv = new StringBuilder();
        var lineNumber = 0;
        var hours = new HourCache();
        while (!content.IsEmpty)
        {
            lineNumber++;
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            content = end < 0 ? [] : content[(end + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }
            CaptureLine record;
            try
            {
                record = CaptureLine.Read(line);
            }
            catch (JsonException)
            {
                file.Skip(lineNumber, "not a JSON capture record");
                continue;
            }
            var hour = hours.Of(record.InferenceTime) ?? fallbackHour;
            if (record.Input is null)
            {
                AddOutput(file, record, hour);
                file.Hour(hour).Records++;
                continue;
            }
            var (format, text, problem) = Decode(record.Input);
            if (problem is not null)
            {
                file.Skip(lineNumber, problem);
                continue;
            }
            if (format == Format.Csv)
            {
                var rows = CountRows(text!);
                csv.Append(text!.TrimEnd('\n', '\r')).Append('\n');
                csvRecords.Add((lineNumber, record, hour, rows));
                continue;
            }
            if (!ReadJsonInput(file, record, hour, text!))
            {
                file.Skip(lineNumber, "the input is not a JSON object, array or JSON Lines");
            }
        }
        ReadCsvInputs(file, csvRecords, csv.ToString());
        file.Problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return file;
    }

    private enum Format
    {
        Csv,
        Json,
    }

    private static (Format Format, string? Text, string? Problem) Decode(CapturedPayload payload)
    {
        var data = payload.Data ?? "";
        switch (payload.Encoding?.ToUpperInvariant())
        {
            case "CSV":
                return (Format.Csv, data, null);
            case "JSON":
                return (Format.Json, data, null);
            case "BASE64":
                string text;
                try
                {
                    text = Encoding.UTF8.GetString(Convert.FromBase64String(data));
                }
                catch (FormatException)
                {
                    return (Format.Csv, null, "the BASE64 data is not valid base64");
                }
                var type = payload.ContentType ?? "";
                return type.Contains("csv", StringComparison.OrdinalIgnoreCase) ? (Format.Csv, text, null)
                    : type.Contains("json", StringComparison.OrdinalIgnoreCase) ? (Format.Json, text, null)
                    : (Format.Csv, null, $"content type '{Cut(type)}' cannot be read (only CSV and JSON)");
            default:
                return (Format.Csv, null, $"unknown encoding '{Cut(payload.Encoding ?? "")}'");
        }
    }

    private static void ReadCsvInputs(CaptureFileSummary file, List<(int Line, CaptureLine Record, DateTimeOffset Hour, int Rows)> records, string text)
    {
        if (records.Count == 0)
        {
            return;
        }
        // First pass: each row's column count, so a record with a row of the wrong width is left out before anything is added.
        var widths = new List<int>();
        using (var counter = CsvReader(text))
        {
            foreach (var row in counter)
            {
                widths.Add(row.ColCount);
            }
        }
        if (widths.Count != records.Sum(r => r.Rows))
        {
            // A quoted line break made rows and records disagree: read each record on its own.
            foreach (var record in records)
            {
                var own = Decode(record.Record.Input!).Text ?? "";
                var rows = 0;
                using (var reader = CsvReader(own))
                {
                    foreach (var _ in reader)
                    {
                        rows++;
                    }
                }
                ReadCsvInputs(file, [record with { Rows = rows }], own);
            }
            return;
        }
        var expected = widths.GroupBy(w => w).OrderByDescending(g => g.Count()).First().Key;
        var owner = new int[widths.Count];
        var bad = new int?[records.Count];
        for (int r = 0, row = 0; r < records.Count; r++)
        {
            for (var k = 0; k < records[r].Rows; k++, row++)
            {
                owner[row] = r;
                bad[r] ??= widths[row] != expected ? widths[row] : null;
            }
        }
        using (var reader = CsvReader(text))
        {
            foreach (var row in reader)
            {
                var r = owner[row.RowIndex];
                if (bad[r] is not null)
                {
                    continue;
                }
                var summary = file.Hour(records[r].Hour);
                summary.Records++;
                for (var i = 0; i < row.ColCount; i++)
                {
                    AddValue(summary.Input(ColumnName(i)), row[i].Span);
                }
            }
        }
        for (var r = 0; r < records.Count; r++)
        {
            if (bad[r] is { } width)
            {
                file.Skip(records[r].Line, $"{width} CSV fields where the file's records have {expected}");
            }
            else
            {
                AddOutput(file, records[r].Record, records[r].Hour);
            }
        }
    }

    private static SepReader CsvReader(string text) => Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromText(text);

    private static bool ReadJsonInput(CaptureFileSummary file, CaptureLine record, DateTimeOffset hour, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new List<(int Start, int Length)>();
        for (int at = 0, end; at < bytes.Length; at = end + 1)
        {
            end = Array.IndexOf(bytes, (byte)'\n', at);
            end = end < 0 ? bytes.Length : end;
            if (!bytes.AsSpan(at, end - at).Trim(" \t\r"u8).IsEmpty)
            {
                lines.Add((at, end - at));
            }
        }
        // Checked whole before anything is added, so a record that breaks half way never reaches a summary.
        if (lines.Count == 0 || !lines.All(l => IsInstance(bytes.AsSpan(l.Start, l.Length))))
        {
            return false;
        }
        var summary = file.Hour(hour);
        foreach (var (start, length) in lines)
        {
            var reader = new Utf8JsonReader(bytes.AsSpan(start, length));
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                summary.Records++;
                ReadObject(ref reader, summary);
                continue;
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
                continue;
            }
            // An array of values: one instance, its columns by position.
            summary.Records++;
            for (var i = 0; reader.TokenType != JsonTokenType.EndArray; i++, reader.Read())
            {
                AddJson(summary.Input(ColumnName(i)), ref reader);
            }
        }
        AddOutput(file, record, hour);
        return true;
    }

    /// <summary>Whether the line is one well-formed JSON object or array.</summary>
    internal static bool IsInstance(ReadOnlySpan<byte> line)
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
        Span<char> name = stackalloc char[128];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var feature = reader.ValueSpan.Length <= name.Length / 3
                ? summary.Input(name[..reader.CopyString(name)])
                : summary.Input(reader.GetString()!);
            reader.Read();
            AddJson(feature, ref reader);
        }
    }

    internal static void AddJson(FeatureSummary feature, ref Utf8JsonReader reader)
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

    /// <summary>The prediction: a CSV output's first field, or a JSON output's number (or its score-like member).</summary>
    private static void AddOutput(CaptureFileSummary file, CaptureLine record, DateTimeOffset hour)
    {
        if (record.Output is null)
        {
            return;
        }
        var (format, text, problem) = Decode(record.Output);
        if (problem is not null || string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        string? value;
        if (format == Format.Csv)
        {
            var firstLine = text.AsSpan().TrimStart();
            var cut = firstLine.IndexOfAny(',', '\n');
            value = (cut < 0 ? firstLine : firstLine[..cut]).Trim().Trim('"').ToString();
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(text.Split('\n', 2)[0]);
                value = Scalar(document.RootElement);
            }
            catch (JsonException)
            {
                return;
            }
        }
        var output = file.Hour(hour).Output;
        AddValue(output, value);
        if (record.JoinId is { } id && value is not null)
        {
            var score = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : (double?)null;
            file.Predictions.Add(new CapturedPrediction(id, hour, score, score is null ? value : null));
        }
    }

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

    /// <summary>A CSV field: a number when it reads as one, empty as missing, else a category.</summary>
    internal static void AddValue(FeatureSummary feature, ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty)
        {
            feature.AddMissing();
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            feature.AddNumber(number);
        }
        else
        {
            feature.AddCategory(value.Trim('"'));
        }
    }

    private static readonly string[] Columns = Enumerable.Range(0, 64).Select(i => "_c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string ColumnName(int index) => index < Columns.Length ? Columns[index] : "_c" + index.ToString(CultureInfo.InvariantCulture);

    private static int CountRows(string text)
    {
        var rows = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            rows += line.IsWhiteSpace() ? 0 : 1;
        }
        return Math.Max(rows, 1);
    }

    /// <summary>Records of a file share a few hours: a time whose first 13 characters match the last one's has its hour.</summary>
    private sealed class HourCache
    {
        private string? _prefix;
        private DateTimeOffset? _hour;

        public DateTimeOffset? Of(string? time)
        {
            if (time is null)
            {
                return null;
            }
            if (_prefix is not null && time.Length > 13 && time.AsSpan(0, 13).SequenceEqual(_prefix) && time.EndsWith('Z'))
            {
                return _hour;
            }
            if (!DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return null;
            }
            _hour = new DateTimeOffset(parsed.Year, parsed.Month, parsed.Day, parsed.Hour, 0, 0, TimeSpan.Zero);
            _prefix = time.EndsWith('Z') && time.Length > 13 ? time[..13] : null;
            return _hour;
        }
    }

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
