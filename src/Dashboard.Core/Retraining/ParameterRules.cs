using System.Globalization;
using Dashboard.Core.Alarms.Editing;
using Dashboard.Core.SageMaker;

namespace Dashboard.Core.Retraining;

/// <summary>Checks each parameter value against its definition, as StartPipelineExecution would, before anything is stored.</summary>
public static class ParameterRules
{
    /// <summary>SageMaker's limit on a parameter value.</summary>
    public const int MaxValueLength = 1024;

    public static string Field(string parameter) => $"Parameter.{parameter}";

    /// <summary>What is wrong with <paramref name="value"/> for <paramref name="definition"/>, or null.</summary>
    public static string? Check(PipelineParameterDefinition definition, string? value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return $"Give a value for {definition.Name}.";
        }
        if (text.Length > MaxValueLength)
        {
            return $"Keep {definition.Name} under {MaxValueLength} characters ({text.Length} now).";
        }
        return definition.Type switch
        {
            PipelineParameterTypes.Integer when !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) =>
                $"{definition.Name} is a whole number, such as 6.",
            PipelineParameterTypes.Float when !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) =>
                $"{definition.Name} is a number, such as 0.72.",
            PipelineParameterTypes.Boolean when text is not ("true" or "false") => $"{definition.Name} is true or false.",
            _ when definition.EnumValues is { Count: > 0 } allowed && !allowed.Contains(text, StringComparer.Ordinal) =>
                $"{definition.Name} is one of {string.Join(", ", allowed)}.",
            _ => null,
        };
    }

    /// <summary>Every parameter's error at its field, and an error for names the definition does not have.</summary>
    public static IReadOnlyList<FieldError> CheckAll(IReadOnlyList<PipelineParameterDefinition> definitions, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(values);
        var errors = definitions.Select(d => (d.Name, Error: Check(d, values.GetValueOrDefault(d.Name) ?? d.DefaultValue)))
            .Where(e => e.Error is not null).Select(e => new FieldError(Field(e.Name), e.Error!)).ToList();
        errors.AddRange(values.Keys.Where(k => definitions.All(d => d.Name != k))
            .Select(k => new FieldError(Field(k), $"The pipeline has no parameter named {k}.")));
        return errors;
    }
}
