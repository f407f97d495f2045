using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// An endpoint's data-capture files (AWS's JSONL format: one captured request per line, CSV input and output). The
/// inputs follow the drift the monitor reports for the execution that analyses the hour (the next top of the hour).
/// </summary>
internal sealed class S3CaptureData(FleetScenario scenario, EndpointProfile endpoint)
{
    private const int MinRecords = 3;
    private const int MaxRecords = 6;

    private readonly ulong _stream = Noise.Mix((ulong)scenario.Seed) ^ Noise.OfName("s3/capture/" + endpoint.Name);
    private readonly IReadOnlyList<S3FeatureModel> _features = S3FeatureModel.Of(endpoint);

    /// <summary>AWS names a capture file after the moment it was opened: <c>mm-ss-fff-{uuid}.jsonl</c>.</summary>
    public string FileName(string variant, DateTimeOffset hour)
    {
        var opened = hour.AddMilliseconds(Math.Floor(Noise.Uniform(Stream(variant), Minute(hour), 0) * 300_000));
        return opened.UtcDateTime.ToString("mm-ss-fff", CultureInfo.InvariantCulture) + "-" + Uuid(Stream(variant), Minute(hour), 1) + ".jsonl";
    }

    public byte[] CaptureFile(string variant, DateTimeOffset hour)
    {
        var stream = Stream(variant);
        var minute = Minute(hour);
        var count = MinRecords + (int)(Noise.Uniform(stream, minute, 2) * (MaxRecords - MinRecords + 1));
        var shifts = _features.Select((f, i) => endpoint.Monitor is { } monitor
            ? S3FeatureModel.ShiftFor(S3Catalog.Drift(scenario, endpoint.Name, f.Name, hour.AddHours(1))
                ?? S3Catalog.Drift(scenario, endpoint.Name, f.Name, hour), monitor.Features[i].Baseline)
            : 0).ToArray();
        var text = new StringBuilder();
        for (var record = 0; record < count; record++)
        {
            var channel = 10 + record * 32;
            var inferred = hour.AddSeconds(Math.Floor((record + Noise.Uniform(stream, minute, channel)) * 3600.0 / count));
            var zs = _features.Select((_, i) => Noise.Gaussian(stream, minute, channel + 2 + i)).ToArray();
            var input = string.Join(',', _features.Select((f, i) => f.Value(shifts[i], zs[i]).ToString(CultureInfo.InvariantCulture)));
            var score = 1 / (1 + Math.Exp(-(zs.Sum() / Math.Sqrt(zs.Length) - 1)));
            var line = new JsonObject
            {
                ["captureData"] = new JsonObject
                {
                    ["endpointInput"] = Section("text/csv", "INPUT", input),
                    ["endpointOutput"] = Section("text/csv; charset=utf-8", "OUTPUT",
                        Math.Round(score, 6).ToString(CultureInfo.InvariantCulture)),
                },
                ["eventMetadata"] = new JsonObject
                {
                    ["eventId"] = Uuid(stream, minute, channel + 1),
                    ["inferenceTime"] = inferred.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                },
                ["eventVersion"] = "0",
            };
            text.Append(line.ToJsonString()).Append('\n');
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static JsonObject Section(string contentType, string mode, string data) => new()
    {
        ["observedContentType"] = contentType,
        ["mode"] = mode,
        ["data"] = data,
        ["encoding"] = "CSV",
    };

    private ulong Stream(string variant) => _stream ^ Noise.OfName(variant);

    private static long Minute(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;

    /// <summary>A version-4-looking UUID from two hashes, so ids are stable across runs.</summary>
    internal static string Uuid(ulong stream, long minute, int channel)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Noise.Hash(stream, minute, channel));
        BitConverter.TryWriteBytes(bytes[8..], Noise.Hash(stream, minute, channel + 1000));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static byte[] Json(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Indented);
}
