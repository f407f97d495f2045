using System.Text.Json;

namespace Dashboard.Web.Audit;

/// <summary>A one-line summary of what changed between two JSON documents, and the documents made readable.</summary>
public static class AuditDiff
{
    private const int MaxChanges = 3;
    private const int MaxValueLength = 40;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// "threshold: 200 → 250; period: 60 → 300" for objects; the first fields of an object with nothing before it
    /// (a creation, or a sign-in's details); "removed"; otherwise the two values.
    /// </summary>
    public static string Summarize(string? before, string? after)
    {
        if (after is null)
        {
            return before is null ? "" : "removed";
        }
        if (before is null)
        {
            return TryParseObject(after, out var created)
                ? Join(created.Select(p => $"{p.Key}: {Short(p.Value)}").ToList(), "created")
                : Short(after);
        }
        if (TryParseObject(before, out var old) && TryParseObject(after, out var @new))
        {
            var changes = old.Keys.Union(@new.Keys, StringComparer.Ordinal)
                .Where(key => !Equals(old.GetValueOrDefault(key), @new.GetValueOrDefault(key)))
                .Select(key => $"{key}: {Short(old.GetValueOrDefault(key))} → {Short(@new.GetValueOrDefault(key))}")
                .ToList();
            return Join(changes, "no change");
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

    private static string Join(List<string> parts, string whenEmpty) => parts.Count switch
    {
        0 => whenEmpty,
        <= MaxChanges => string.Join("; ", parts),
        _ => string.Join("; ", parts.Take(MaxChanges)) + $"; +{parts.Count - MaxChanges} more",
    };

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
