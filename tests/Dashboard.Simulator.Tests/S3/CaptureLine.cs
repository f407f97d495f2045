using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// One data-capture line read as AWS documents the format: <c>captureData.endpointInput</c> / <c>endpointOutput</c>
/// with <c>observedContentType</c>, <c>mode</c>, <c>data</c> and <c>encoding</c> (CSV and JSON as they are, BASE64
/// decoded here), and <c>eventMetadata</c> (<c>eventId</c>, optional <c>inferenceId</c>, <c>inferenceTime</c>).
/// </summary>
internal sealed record CaptureLine(string InputContentType, string InputEncoding, string Input, string OutputContentType,
    string OutputEncoding, string Output, string EventId, string? InferenceId, DateTimeOffset InferenceTime)
{
    /// <summary>What ground truth joins on: the inference id when there is one, else the event id.</summary>
    public string JoinId => InferenceId ?? EventId;

    public string[] CsvFields => Input.Split(',');

    /// <summary>The features of a JSON input, by name (a missing key is absent, a null one is JSON null).</summary>
    public Dictionary<string, JsonElement> JsonFeatures =>
        JsonDocument.Parse(Input).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());

    /// <summary>The prediction: a CSV number, or the <c>score</c> of a JSON output.</summary>
    public double Prediction => OutputEncoding == "JSON"
        ? JsonDocument.Parse(Output).RootElement.GetProperty("score").GetDouble()
        : double.Parse(Output, CultureInfo.InvariantCulture);

    public static CaptureLine Parse(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        Assert.Equal("0", root.GetProperty("eventVersion").GetString());
        var capture = root.GetProperty("captureData");
        var (inType, inEncoding, input) = Section(capture.GetProperty("endpointInput"), "INPUT");
        var (outType, outEncoding, output) = Section(capture.GetProperty("endpointOutput"), "OUTPUT");
        var metadata = root.GetProperty("eventMetadata");
        var time = metadata.GetProperty("inferenceTime").GetString()!;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", time);
        return new CaptureLine(inType, inEncoding, input, outType, outEncoding, output, metadata.GetProperty("eventId").GetString()!,
            metadata.TryGetProperty("inferenceId", out var id) ? id.GetString() : null,
            DateTimeOffset.Parse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    public static List<CaptureLine> ParseFile(byte[] content) => Lines(content).Select(Parse).ToList();

    public static string[] Lines(byte[] content)
    {
        var text = Encoding.UTF8.GetString(content);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static (string ContentType, string Encoding, string Data) Section(JsonElement section, string mode)
    {
        Assert.Equal(mode, section.GetProperty("mode").GetString());
        var encoding = section.GetProperty("encoding").GetString()!;
        var data = section.GetProperty("data").GetString()!;
        var decoded = encoding switch
        {
            "CSV" or "JSON" => data,
            "BASE64" => Encoding.UTF8.GetString(Convert.FromBase64String(data)),
            _ => throw new InvalidOperationException($"Unknown encoding {encoding}"),
        };
        return (section.GetProperty("observedContentType").GetString()!, encoding, decoded);
    }
}

/// <summary>One ground-truth line: the id it joins on and the label.</summary>
internal sealed record LabelLine(string EventId, string Data)
{
    public static LabelLine Parse(string line)
    {
        var root = JsonDocument.Parse(line).RootElement;
        Assert.Equal(["groundTruthData", "eventMetadata", "eventVersion"], root.EnumerateObject().Select(p => p.Name));
        var data = root.GetProperty("groundTruthData");
        Assert.Equal("CSV", data.GetProperty("encoding").GetString());
        Assert.Equal("0", root.GetProperty("eventVersion").GetString());
        return new LabelLine(root.GetProperty("eventMetadata").GetProperty("eventId").GetString()!, data.GetProperty("data").GetString()!);
    }
}
