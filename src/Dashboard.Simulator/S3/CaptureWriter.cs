using System.Globalization;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// Writes capture files as SageMaker does (§5 of the wire reference): one JSON object per line with
/// <c>captureData.endpointInput</c> / <c>endpointOutput</c> (<c>observedContentType</c>, <c>mode</c>, <c>data</c>,
/// <c>encoding</c> CSV, JSON or BASE64), <c>eventMetadata</c> (<c>eventId</c>, <c>inferenceId</c> when the caller
/// passed one, <c>inferenceTime</c>) and <c>eventVersion</c> "0". Written by hand as bytes: a simulator serving days
/// of capture builds millions of these lines, and every value written is plain ASCII whose only JSON escape is the
/// quote of an embedded JSON payload.
/// </summary>
internal static class CaptureWriter
{
    public const string Csv = "text/csv";
    public const string CsvOutput = "text/csv; charset=utf-8";
    public const string Json = "application/json";

    /// <param name="malformed">
    /// The bad-input fault: after the first record, a copy of it cut in half (not JSON) and a record whose CSV input
    /// has one field too many.
    /// </param>
    public static byte[] File(CaptureRecords records, CaptureHour hour, CaptureFile file, bool malformed)
    {
        var profile = records.Profile;
        using var text = new AsciiBuffer(file.Records * 420 + 1024);
        using var payload = new AsciiBuffer(256);
        var shifts = records.ShiftsFor(hour.Hour);
        var first = true;
        for (var m = file.FirstMinute; m < file.EndMinute; m++)
        {
            var count = hour.Counts[m];
            if (count == 0)
            {
                continue;
            }
            var minute = hour.FirstMinute + m;
            var models = records.ServingAt(hour.Variant, minute);
            for (var index = 0; index < count; index++)
            {
                var record = records.Make(hour.Stream, minute, index, count, shifts);
                var (model, created) = CaptureRecords.ServedBy(record, models);
                var prediction = records.Outcome.Predict(record, model, created);
                var start = text.Length;
                WriteLine(text, payload, profile, profile.Input, record, extraField: false, prediction, record.EventId, record.InferenceId);
                if (malformed && first)
                {
                    var line = text.Written[start..].ToArray();
                    text.Append(line.AsSpan(0, line.Length / 2)).Append('\n');
                    var extra = CaptureRecords.Uuid(record.Stream, 0, 77);
                    WriteLine(text, payload, profile, CaptureFormat.Csv, record, extraField: true, prediction, extra,
                        profile.InferenceIdPrefix is { } prefix ? prefix + extra.Replace("-", "", StringComparison.Ordinal)[..16] : null);
                }
                first = false;
            }
        }
        return text.ToArray();
    }

    private static void WriteLine(AsciiBuffer text, AsciiBuffer payload, CaptureProfile profile, CaptureFormat input, CapturedRecord record,
        bool extraField, double prediction, string eventId, string? inferenceId)
    {
        text.Append("{\"captureData\":{\"endpointInput\":{\"observedContentType\":\"").Append(input == CaptureFormat.Json ? Json : Csv)
            .Append("\",\"mode\":\"INPUT\",\"data\":\"");
        payload.Clear();
        if (input == CaptureFormat.Json)
        {
            AppendJsonInput(payload, profile, record);
        }
        else
        {
            AppendCsvInput(payload, profile, record);
            if (extraField)
            {
                payload.Append(",1");
            }
        }
        var inputEncoding = AppendData(text, payload, input, profile.Base64);
        text.Append("\",\"encoding\":\"").Append(inputEncoding).Append("\"},\"endpointOutput\":{\"observedContentType\":\"")
            .Append(profile.Output == CaptureFormat.Json ? Json : CsvOutput).Append("\",\"mode\":\"OUTPUT\",\"data\":\"");
        payload.Clear();
        AppendOutput(payload, profile, prediction);
        var outputEncoding = AppendData(text, payload, profile.Output, profile.Base64);
        text.Append("\",\"encoding\":\"").Append(outputEncoding).Append("\"}},\"eventMetadata\":{\"eventId\":\"").Append(eventId);
        if (inferenceId is not null)
        {
            text.Append("\",\"inferenceId\":\"").Append(inferenceId);
        }
        text.Append("\",\"inferenceTime\":\"");
        AppendTime(text, record.Time);
        text.Append("\"},\"eventVersion\":\"0\"}\n");
    }

    /// <summary>The payload as a JSON string's content (quotes escaped), or base64; returns the encoding to name.</summary>
    private static string AppendData(AsciiBuffer text, AsciiBuffer payload, CaptureFormat format, bool base64)
    {
        if (base64)
        {
            text.AppendBase64(payload.Written);
            return "BASE64";
        }
        text.AppendEscaped(payload.Written);
        return format == CaptureFormat.Json ? "JSON" : "CSV";
    }

    /// <summary>The features in profile order, comma-separated, no header; a missing category is an empty field.</summary>
    public static void AppendCsvInput(AsciiBuffer text, CaptureProfile profile, CapturedRecord record)
    {
        for (var i = 0; i < profile.Features.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            if (profile.Features[i] is NumericFeature)
            {
                text.Append(record.Numbers[i]);
            }
            else if (record.Categories[i] is { } category)
            {
                text.Append(category);
            }
        }
    }

    /// <summary>A JSON object of named features; a missing category is null or left out.</summary>
    public static void AppendJsonInput(AsciiBuffer text, CaptureProfile profile, CapturedRecord record)
    {
        text.Append('{');
        var written = 0;
        for (var i = 0; i < profile.Features.Count; i++)
        {
            var feature = profile.Features[i];
            if (feature is CategoricalFeature && record.Categories[i] is null && record.Absent[i])
            {
                continue;
            }
            if (written++ > 0)
            {
                text.Append(',');
            }
            text.Append('"').Append(feature.Name).Append("\":");
            if (feature is NumericFeature)
            {
                text.Append(record.Numbers[i]);
            }
            else if (record.Categories[i] is { } category)
            {
                text.Append('"').Append(category).Append('"');
            }
            else
            {
                text.Append("null");
            }
        }
        text.Append('}');
    }

    /// <summary>A classifier's probability to 4 places (CSV, or <c>{"score":…}</c> in JSON); a regressor's value to 2.</summary>
    public static void AppendOutput(AsciiBuffer text, CaptureProfile profile, double prediction)
    {
        var value = Math.Round(prediction, profile.Outcome.Problem == ProblemType.BinaryClassification ? 4 : 2);
        if (profile.Output == CaptureFormat.Json)
        {
            text.Append("{\"score\":").Append(value).Append('}');
        }
        else
        {
            text.Append(value);
        }
    }

    public static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>, as SageMaker writes inferenceTime.</summary>
    private static void AppendTime(AsciiBuffer text, DateTimeOffset time)
    {
        Span<byte> buffer = stackalloc byte[20];
        time.UtcDateTime.TryFormat(buffer, out _, "s", CultureInfo.InvariantCulture);
        buffer[19] = (byte)'Z';
        text.Append(buffer);
    }
}
