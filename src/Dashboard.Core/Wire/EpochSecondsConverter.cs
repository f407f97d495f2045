using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.Wire;

/// <summary>AWS JSON protocols send timestamps as epoch seconds (fractional allowed) in both directions.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            // Some tools send ISO-8601; accept it rather than fail the whole call.
            return DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        }
        var seconds = reader.GetDouble();
        return DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var ticks = (value - DateTimeOffset.UnixEpoch).Ticks;
        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            writer.WriteNumberValue(ticks / TimeSpan.TicksPerSecond);
        }
        else
        {
            writer.WriteNumberValue(Math.Round((double)ticks / TimeSpan.TicksPerSecond, 3));
        }
    }
}

/// <summary>Serializer settings shared by the AWS clients and the simulator, so both speak the same JSON.</summary>
public static class AwsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = false,
        Converters = { new EpochSecondsConverter(), new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
