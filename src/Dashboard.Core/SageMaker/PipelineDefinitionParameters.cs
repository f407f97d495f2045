using System.Globalization;
using System.Text.Json;

namespace Dashboard.Core.SageMaker;

/// <summary>
/// One entry of a pipeline definition's <c>Parameters</c> list: a name, a type (<see cref="PipelineParameterTypes"/>),
/// the default as the string StartPipelineExecution would send (null: none, so a value is required), and for strings the
/// allowed values when the definition lists them.
/// </summary>
public sealed record PipelineParameterDefinition(string Name, string Type, string? DefaultValue, IReadOnlyList<string>? EnumValues = null);

/// <summary>The parameter types of a pipeline definition (schema version 2020-12-01).</summary>
public static class PipelineParameterTypes
{
    public const string String = "String";
    public const string Integer = "Integer";
    public const string Float = "Float";
    public const string Boolean = "Boolean";
}

/// <summary>Reads the <c>Parameters</c> of DescribePipeline's <c>PipelineDefinition</c> (a JSON document sent as a string).</summary>
public static class PipelineDefinitionParameters
{
    /// <summary>The parameters in definition order; an empty list when the definition has none.</summary>
    /// <exception cref="FormatException">The definition is not JSON, or a parameter has no Name.</exception>
    public static IReadOnlyList<PipelineParameterDefinition> Parse(string definition)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(definition);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The pipeline definition is not JSON: {ex.Message}", ex);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("Parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            var result = new List<PipelineParameterDefinition>();
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = Text(parameter, "Name") ?? throw new FormatException("A pipeline parameter has no Name.");
                // Read a missing Type as a String, the type every value is sent as.
                var type = Text(parameter, "Type") ?? PipelineParameterTypes.String;
                var enumValues = parameter.TryGetProperty("EnumValues", out var values) && values.ValueKind == JsonValueKind.Array
                    ? values.EnumerateArray().Select(AsString).OfType<string>().ToList()
                    : null;
                result.Add(new PipelineParameterDefinition(name, type,
                    parameter.TryGetProperty("DefaultValue", out var value) ? AsString(value) : null, enumValues));
            }
            return result;
        }
    }

    private static string? Text(JsonElement element, string member) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Numbers and booleans as StartPipelineExecution sends them ("6", "0.7", "true").</summary>
    private static string? AsString(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
