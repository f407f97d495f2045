using System.Reflection;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Checks the whole configuration before anything starts, and reports every wrong key at once: values that do not
/// convert to their type, keys no section knows (usually a typo), and each section's own validation rules.
/// </summary>
public static class ConfigurationCheck
{
    public sealed record Section(string Name, Type OptionsType, Func<object, IEnumerable<string>> Validate);

    public static Section For<TOptions>(string name, IValidateOptions<TOptions>? validator = null) where TOptions : class, new() =>
        new(name, typeof(TOptions), options => validator?.Validate(null, (TOptions)options) is { Failed: true } result
            ? result.Failures ?? []
            : []);

    public static IReadOnlyList<string> Run(IConfiguration configuration, IReadOnlyList<Section> sections)
    {
        var errors = new List<string>();
        foreach (var section in sections)
        {
            var config = configuration.GetSection(section.Name);
            var options = Activator.CreateInstance(section.OptionsType)!;
            var properties = section.OptionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

            foreach (var child in config.GetChildren())
            {
                if (!properties.TryGetValue(child.Key, out var property))
                {
                    errors.Add($"{section.Name}:{child.Key} is not a known setting (known: {string.Join(", ", properties.Keys.Order())}).");
                    continue;
                }
                if (IsList(property.PropertyType) && !string.IsNullOrWhiteSpace(child.Value))
                {
                    // The binder would ignore a single value silently: an allow-list written as one line would allow nothing.
                    var key = $"{section.Name}:{child.Key}";
                    errors.Add($"{key} is a list: give each item its own key, {key}:0, {key}:1, … "
                        + $"(environment variables {key.Replace(":", "__", StringComparison.Ordinal)}__0, …).");
                    continue;
                }
                try
                {
                    var value = child.Get(property.PropertyType);
                    if (value is not null)
                    {
                        property.SetValue(options, value);
                    }
                }
                catch (InvalidOperationException)
                {
                    errors.Add($"{section.Name}:{child.Key} has the value '{Shown(child)}', which is not a valid {Describe(property.PropertyType)}.");
                }
            }
            errors.AddRange(section.Validate(options));
        }
        return errors.Distinct().ToList();
    }

    private static bool IsList(Type type) =>
        type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>));

    // Secrets are never echoed back, even in an error.
    private static string Shown(IConfigurationSection child) =>
        child.Key.Contains("Secret", StringComparison.OrdinalIgnoreCase) || child.Key.Contains("Password", StringComparison.OrdinalIgnoreCase)
            ? "***"
            : child.Value ?? "";

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(TimeSpan) => "time span (hh:mm:ss)",
            _ when type == typeof(int) => "whole number",
            _ when type == typeof(double) => "number",
            _ when type == typeof(bool) => "true/false",
            _ when type == typeof(DateTimeOffset) => "date and time (ISO 8601)",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ => type.Name,
        };
    }
}
