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
            var hour = HourOf(record.InferenceTime) ?? fallbackHour;
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
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true }).FromText(text);
        var rows = new List<string?[]>();
        foreach (var row in reader)
        {
            var values = new string?[row.ColCount];
            for (var i = 0; i < row.ColCount; i++)
            {
                var span = row[i].Span;
                values[i] = span.IsEmpty ? null : span.ToString();
            }
            rows.Add(values);
        }
        // A request's rows follow each other; a row whose column count differs from the file's usual one is not counted.
        var expected = rows.GroupBy(r => r.Length).OrderByDescending(g => g.Count()).First().Key;
        var next = 0;
        foreach (var (line, record, hour, count) in records)
        {
            var mine = rows.Skip(next).Take(count).ToList();
            next += count;
            var bad = mine.FirstOrDefault(r => r.Length != expected);
            if (bad is not null)
            {
                file.Skip(line, $"{bad.Length} CSV fields where the file's records have {expected}");
                continue;
            }
            var summary = file.Hour(hour);
            foreach (var values in mine)
            {
                summary.Records++;
                for (var i = 0; i < values.Length; i++)
                {
                    AddValue(summary.Input(ColumnName(i)), values[i]);
                }
            }
            AddOutput(file, record, hour);
        }
    }

    private static bool ReadJsonInput(CaptureFileSummary file, CaptureLine record, DateTimeOffset hour, string text)
    {
        var instances = new List<JsonElement>();
        try
        {
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Array && root.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object))
                {
                    instances.AddRange(root.EnumerateArray().Select(e => e.Clone()));
                }
                else if (root.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    instances.Add(root.Clone());
                }
                else
                {
                    return false;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        if (instances.Count == 0)
        {
            return false;
        }
        var summary = file.Hour(hour);
        foreach (var instance in instances)
        {
            summary.Records++;
            if (instance.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in instance.EnumerateObject())
                {
                    AddJson(summary.Input(property.Name), property.Value);
                }
            }
            else
            {
                var i = 0;
                foreach (var value in instance.EnumerateArray())
                {
                    AddJson(summary.Input(ColumnName(i++)), value);
                }
            }
        }
        AddOutput(file, record, hour);
        return true;
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

    private static void AddJson(FeatureSummary feature, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                feature.AddNumber(value.TryGetDouble(out var number) ? number : double.NaN);
                break;
            case JsonValueKind.String:
                feature.AddCategory(value.GetString()!);
                break;
            case JsonValueKind.True or JsonValueKind.False:
                feature.AddCategory(value.GetRawText());
                break;
            default:
                feature.AddMissing();
                break;
        }
    }

    /// <summary>A CSV field: a number when it reads as one, empty as missing, else a category.</summary>
    private static void AddValue(FeatureSummary feature, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            feature.AddMissing();
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            feature.AddNumber(number);
        }
        else
        {
            feature.AddCategory(value.Trim());
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

    private static DateTimeOffset? HourOf(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? new DateTimeOffset(parsed.Year, parsed.Month, parsed.Day, parsed.Hour, 0, 0, TimeSpan.Zero)
            : null;

    private static string Cut(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
