using System.Text.Json;

namespace Dashboard.Web.Components.Audit;

/// <summary>A one-line summary of what changed between two JSON documents, and the documents made readable.</summary>
public static class AuditDiff
{
    private const int MaxChanges = 3;
    private const int MaxValueLength = 40;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>"threshold: 200 → 250; period: 60 → 300" for objects; "created" / "removed"; otherwise the two values.</summary>
    public static string Summarize(string? before, string? after)
    {
        if (before is null && after is null)
        {
            return "";
        }
        if (before is null)
        {
            return "created";
        }
        if (after is null)
        {
            return "removed";
        }
        if (TryParseObject(before, out var old) && TryParseObject(after, out var @new))
        {
            var changes = old.Keys.Union(@new.Keys, StringComparer.Ordinal)
                .Where(key => !Equals(old.GetValueOrDefault(key), @new.GetValueOrDefault(key)))
                .Select(key => $"{key}: {Short(old.GetValueOrDefault(key))} → {Short(@new.GetValueOrDefault(key))}")
                .ToList();
            return changes.Count switch
            {
                0 => "no change",
                <= MaxChanges => string.Join("; ", changes),
                _ => string.Join("; ", changes.Take(MaxChanges)) + $"; +{changes.Count - MaxChanges} more",
            };
        }
        return $"{Short(before)} → {Short(after)}";
    }

    /// <summary>Indented JSON, or the text as it is when it is not JSON.</summary>
    public static string Pretty(string? json)
    {
        if (json is null)
        {
            return "(none)";
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }

    // Raw JSON text of each top-level property: equal text means equal value for what features write.
    private static bool TryParseObject(string json, out Dictionary<string, string> properties)
    {
        properties = [];
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                properties[property.Name] = property.Value.GetRawText();
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Short(string? value) => value switch
    {
        null => "∅",
        { Length: > MaxValueLength } => value[..(MaxValueLength - 1)] + "…",
        _ => value,
    };
}
