namespace Dashboard.Core.Input;

/// <summary>A number as typed: its value, or (with <see cref="Value"/> null) the message to show at the field.</summary>
public readonly record struct ParsedNumber(double? Value, string? Error)
{
    public bool IsValid => Error is null;

    public static ParsedNumber Valid(double value) => new(value, null);

    public static ParsedNumber Invalid(string error) => new(null, error);
}
