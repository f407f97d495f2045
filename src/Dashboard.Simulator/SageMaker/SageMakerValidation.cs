using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.SageMaker;

/// <summary>SageMaker's model-constraint errors, worded the way the service words them.</summary>
internal static class SageMakerValidation
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
