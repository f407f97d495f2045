using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.SageMaker;

/// <summary>SageMaker's model-constraint errors, worded the way the service words them.</summary>
internal static partial class SageMakerValidation
{
    public static AwsErrorException Error(string message) => new("ValidationException", message);

    public static AwsErrorException Constraint(object? value, string member, string constraint) =>
        Error($"1 validation error detected: Value {(value is null ? "null" : $"'{value}'")} at '{member}' failed to satisfy constraint: {constraint}");

    public static void RequireOneOf(string? value, string member, params string[] allowed)
    {
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw Constraint(value, member, $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }
    }

    /// <summary>A SageMaker resource name: letters, digits and single or repeated hyphens inside, at most 63 characters.</summary>
    public static string RequirePatternName(string? value, string member)
    {
        RequireName(value, member);
        if (!ResourceName().IsMatch(value!))
        {
            throw Constraint(value, member, "Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
        }
        return value!;
    }

    /// <summary>An int member's range, worded as the model constraint that fails.</summary>
    public static void Range(int? value, string member, int min, int max)
    {
        if (value < min)
        {
            throw Constraint(value, member, $"Member must have value greater than or equal to {min}");
        }
        if (value > max)
        {
            throw Constraint(value, member, $"Member must have value less than or equal to {max}");
        }
    }

    /// <summary>A NameContains filter: letters, digits and hyphens, 1–63 characters.</summary>
    public static void NameContains(string? contains)
    {
        if (contains is not null && (contains.Length is 0 or > 63 || !contains.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw Constraint(contains, "nameContains", "Member must satisfy regular expression pattern: [a-zA-Z0-9-]+");
        }
    }

    public static void Length(int count, string member, int min, int max, string shown)
    {
        if (count < min)
        {
            throw Constraint(shown, member, $"Member must have length greater than or equal to {min}");
        }
        if (count > max)
        {
            throw Constraint(shown, member, $"Member must have length less than or equal to {max}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$")]
    private static partial System.Text.RegularExpressions.Regex ResourceName();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}$")]
    private static partial System.Text.RegularExpressions.Regex PipelineName();

    [System.Text.RegularExpressions.GeneratedRegex("^arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:pipeline/.*/execution/.*$")]
    private static partial System.Text.RegularExpressions.Regex PipelineExecutionArn();

    public static bool IsPipelineName(string value) => PipelineName().IsMatch(value);

    public static bool IsPipelineExecutionArn(string value) => value.Length <= 2048 && PipelineExecutionArn().IsMatch(value);

    public static string RequireName(string? value, string member)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Constraint(value, member, "Member must not be null");
        }
        if (value.Length > 63)
        {
            throw Constraint(value, member, "Member must have length less than or equal to 63");
        }
        return value;
    }
}
