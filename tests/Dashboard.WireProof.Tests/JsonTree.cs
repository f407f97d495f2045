using System.Text.Json;

namespace Dashboard.WireProof.Tests;

/// <summary>Compares two JSON documents as trees: member order is ignored, numbers are compared by value.</summary>
public static class JsonTree
{
    public static IReadOnlyList<string> Differences(JsonElement sdk, JsonElement ours)
    {
        var differences = new List<string>();
        Compare("$", sdk, ours, differences);
        return differences;
    }

    private static void Compare(string path, JsonElement sdk, JsonElement ours, List<string> differences)
    {
        if (sdk.ValueKind != ours.ValueKind && !(IsBoolean(sdk) && IsBoolean(ours)))
        {
            differences.Add($"{path}: SDK sends {sdk.GetRawText()}, we send {ours.GetRawText()}");
            return;
        }
        switch (sdk.ValueKind)
        {
            case JsonValueKind.Object:
                var sdkMembers = sdk.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var ourMembers = ours.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                foreach (var (name, value) in sdkMembers)
                {
                    if (ourMembers.TryGetValue(name, out var other))
                    {
                        Compare($"{path}.{name}", value, other, differences);
                    }
                    else
                    {
                        differences.Add($"{path}.{name}: only the SDK sends it ({value.GetRawText()})");
                    }
                }
                foreach (var (name, value) in ourMembers.Where(m => !sdkMembers.ContainsKey(m.Key)))
                {
                    differences.Add($"{path}.{name}: only we send it ({value.GetRawText()})");
                }
                break;
            case JsonValueKind.Array:
                var sdkItems = sdk.EnumerateArray().ToList();
                var ourItems = ours.EnumerateArray().ToList();
                if (sdkItems.Count != ourItems.Count)
                {
                    differences.Add($"{path}: SDK sends {sdkItems.Count} items, we send {ourItems.Count}");
                }
                for (var i = 0; i < Math.Min(sdkItems.Count, ourItems.Count); i++)
                {
                    Compare($"{path}[{i}]", sdkItems[i], ourItems[i], differences);
                }
                break;
            case JsonValueKind.Number:
                if (sdk.GetDecimal() != ours.GetDecimal())
                {
                    differences.Add($"{path}: SDK sends {sdk.GetRawText()}, we send {ours.GetRawText()}");
                }
                break;
            case JsonValueKind.String:
                if (!string.Equals(sdk.GetString(), ours.GetString(), StringComparison.Ordinal))
                {
                    differences.Add($"{path}: SDK sends {sdk.GetRawText()}, we send {ours.GetRawText()}");
                }
                break;
            case JsonValueKind.True or JsonValueKind.False:
                if (sdk.GetBoolean() != ours.GetBoolean())
                {
                    differences.Add($"{path}: SDK sends {sdk.GetRawText()}, we send {ours.GetRawText()}");
                }
                break;
        }
    }

    private static bool IsBoolean(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

}
