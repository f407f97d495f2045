using System.Text.Json.Serialization;
using System.Text.Json;

namespace Dashboard.Core.Alarms;

/// <summary>How definitions and evaluations are stored and exported: readable JSON with enum names, nulls omitted.</summary>
public static class AlarmJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored {typeof(T).Name} is null.");
}
