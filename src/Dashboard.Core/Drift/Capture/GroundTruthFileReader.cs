using System.Text;
using System.Text.Json;

namespace Dashboard.Core.Drift.Capture;

/// <summary>A label as the ground-truth file gave it, for the prediction with <see cref="JoinId"/>.</summary>
public sealed record GroundTruthLabel(string JoinId, string Value);

/// <summary>
/// Reads a ground-truth file in SageMaker's format, one label a line:
/// <c>{"groundTruthData":{"data":"1","encoding":"CSV"},"eventMetadata":{"eventId":"…"},"eventVersion":"0"}</c>.
/// A line without a label or an id is skipped and reported by number.
/// </summary>
public static class GroundTruthFileReader
{
    public static (IReadOnlyList<GroundTruthLabel> Labels, int Skipped, IReadOnlyList<CaptureProblem> Problems) Read(ReadOnlySpan<byte> content)
    {
        var labels = new List<GroundTruthLabel>();
        var problems = new List<CaptureProblem>();
        var skipped = 0;
        var number = 0;
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var label = Parse(line, out var problem);
            if (label is not null)
            {
                labels.Add(label);
                continue;
            }
            skipped++;
            if (problems.Count < CaptureFileSummary.MaxListedProblems)
            {
                problems.Add(new CaptureProblem(number, problem!));
            }
        }
        return (labels, skipped, problems);
    }

    private static GroundTruthLabel? Parse(string line, out string? problem)
    {
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("groundTruthData", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("data", out var value) || value.ValueKind != JsonValueKind.String)
            {
                problem = "no groundTruthData.data";
                return null;
            }
            if (!root.TryGetProperty("eventMetadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
                || !metadata.TryGetProperty("eventId", out var id) || id.ValueKind != JsonValueKind.String)
            {
                problem = "no eventMetadata.eventId";
                return null;
            }
            var text = value.GetString()!;
            if (data.TryGetProperty("encoding", out var encoding) && encoding.ValueKind == JsonValueKind.String
                && string.Equals(encoding.GetString(), "BASE64", StringComparison.OrdinalIgnoreCase))
            {
                text = Encoding.UTF8.GetString(Convert.FromBase64String(text));
            }
            return new GroundTruthLabel(id.GetString()!, text.Trim().Split(',', 2)[0].Trim());
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            problem = "not a JSON ground-truth record";
            return null;
        }
    }
}
