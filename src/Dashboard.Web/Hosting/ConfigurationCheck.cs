using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Options;

namespace Dashboard.Web.Hosting;

/// <summary>
/// Checks the whole configuration before anything starts, and reports every wrong key at once: values that do not
/// convert to their type (nested settings and list items included, each by its full key), keys and sections no
/// options class knows (usually a typo), and each section's own validation rules.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>Sections the framework reads (logging, Kestrel's endpoints); not ours to check.</summary>
    private static readonly string[] FrameworkSections = ["Logging", "Kestrel"];

    public sealed record Section(string Name, Type OptionsType, Func<object, IEnumerable<string>> Validate);

    public static Section For<TOptions>(string name, IValidateOptions<TOptions>? validator = null) where TOptions : class, new() =>
        new(name, typeof(TOptions), options => validator?.Validate(null, (TOptions)options) is { Failed: true } result
            ? result.Failures ?? []
            : []);

    public static IReadOnlyList<string> Run(IConfiguration configuration, IReadOnlyList<Section> sections)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = UnknownSections(configuration, sections.Select(s => s.Name).ToList()).ToList();
        foreach (var section in sections)
        {
            var options = Bind(configuration.GetSection(section.Name), section.OptionsType, section.Name, errors);
            errors.AddRange(section.Validate(options));
        }
        return errors.Distinct().ToList();
    }

    /// <summary>
    /// Top-level sections no options class reads. From the file and the command line every one is reported; from the
    /// environment (which holds everything the machine has) only names a letter or two away from a known section.
    /// </summary>
    private static IEnumerable<string> UnknownSections(IConfiguration configuration, IReadOnlyList<string> known)
    {
        if (configuration is not IConfigurationRoot root)
        {
            yield break;
        }
        var reported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var provider in root.Providers)
        {
            var fromEnvironment = provider is EnvironmentVariablesConfigurationProvider;
            foreach (var name in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (known.Concat(FrameworkSections).Contains(name, StringComparer.OrdinalIgnoreCase) || !HasChildren(provider, name))
                {
                    continue;
                }
                var nearest = known.MinBy(k => Distance(k.ToLowerInvariant(), name.ToLowerInvariant()))!;
                var close = Distance(nearest.ToLowerInvariant(), name.ToLowerInvariant()) <= 2;
                if ((close || !fromEnvironment) && reported.Add(name))
                {
                    yield return $"{name} is not a known section{(close ? $" (did you mean {nearest}?)" : "")}; known: {string.Join(", ", known.Order())}.";
                }
            }
        }
    }

    private static bool HasChildren(IConfigurationProvider provider, string name) => provider.GetChildKeys([], name).Any();

    /// <summary>Binds one object key by key, so an error names the key that is wrong rather than its parent.</summary>
    private static object Bind(IConfigurationSection config, Type type, string path, List<string> errors)
    {
        var options = Activator.CreateInstance(type)!;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in config.GetChildren())
        {
            var key = $"{path}:{child.Key}";
            if (!properties.TryGetValue(child.Key, out var property))
            {
                errors.Add($"{key} is not a known setting (known: {string.Join(", ", properties.Keys.Order())}).");
                continue;
            }
            if (Read(child, property.PropertyType, key, errors) is { } value)
            {
                property.SetValue(options, value);
            }
        }
        return options;
    }

    private static object? Read(IConfigurationSection child, Type type, string key, List<string> errors)
    {
        if (ListItemType(type) is { } itemType)
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                // The binder would ignore a single value silently: an allow-list written as one line would allow nothing.
                errors.Add($"{key} is a list: give each item its own key, {key}:0, {key}:1, … "
                    + $"(environment variables {key.Replace(":", "__", StringComparison.Ordinal)}__0, …).");
                return null;
            }
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            foreach (var item in child.GetChildren())
            {
                if (Read(item, itemType, $"{key}:{item.Key}", errors) is { } value)
                {
                    list.Add(value);
                }
            }
            return type.IsArray ? ToArray(list, itemType) : list;
        }
        if (IsGroup(type))
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                errors.Add($"{key} is a group of settings, not a value: set its keys ({key}:…) instead.");
                return null;
            }
            return Bind(child, type, key, errors);
        }
        try
        {
            return child.Get(type);
        }
        catch (InvalidOperationException)
        {
            errors.Add($"{key} has the value '{Shown(child)}', which is not a valid {Describe(type)}.");
            return null;
        }
    }

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
        : null;

    private static Array ToArray(IList list, Type itemType)
    {
        var array = Array.CreateInstance(itemType, list.Count);
        list.CopyTo(array, 0);
        return array;
    }

    /// <summary>A class of settings (Simulator:Faults), as opposed to a value the binder converts from text.</summary>
    private static bool IsGroup(Type type) =>
        type.IsClass && type != typeof(string) && type.GetConstructor(Type.EmptyTypes) is not null;

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

    /// <summary>Levenshtein distance, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.Length];
    }
}
