using System.Collections;
using System.Reflection;
using Dashboard.Core.Metrics;
using Dashboard.Web.Components.Charts;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Web.Tests.Charts;

/// <summary>
/// Counts the chart and metric points a component keeps reachable from its own fields: through our types, collections,
/// tuples and child components it holds, but not through injected services (shared by every circuit), delegates or
/// framework internals. What an idle circuit costs the server grows with this number.
/// </summary>
internal static class HeldPoints
{
    public static int In(object root) => Walk(root, new HashSet<object>(ReferenceEqualityComparer.Instance));

    private static int Walk(object? value, HashSet<object> seen)
    {
        switch (value)
        {
            case null or string or Delegate or Type:
                return 0;
            case ChartPoint or MetricPoint:
                return 1;
        }
        var type = value.GetType();
        if (!type.IsValueType && !seen.Add(value))
        {
            return 0;
        }
        if (value is ICollection collection)
        {
            var count = 0;
            foreach (var item in collection)
            {
                count += Walk(item, seen);
            }
            return count;
        }
        return IsOurs(type) || IsPair(type) ? Fields(type).Sum(f => Walk(f.GetValue(value), seen)) : 0;
    }

    private static bool IsOurs(Type type) => type.Assembly.GetName().Name?.StartsWith("Dashboard.", StringComparison.Ordinal) == true;

    private static bool IsPair(Type type) => type.IsGenericType
        && (type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) || type.FullName!.StartsWith("System.ValueTuple`", StringComparison.Ordinal)
            || type.FullName!.StartsWith("System.Tuple`", StringComparison.Ordinal));

    private static IEnumerable<FieldInfo> Fields(Type type)
    {
        for (var t = type; t is not null && t != typeof(ComponentBase) && t != typeof(object); t = t.BaseType)
        {
            var injected = t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(p => p.IsDefined(typeof(InjectAttribute)))
                .Select(p => $"<{p.Name}>k__BackingField")
                .ToHashSet(StringComparer.Ordinal);
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!injected.Contains(field.Name))
                {
                    yield return field;
                }
            }
        }
    }
}
