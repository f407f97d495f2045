using Dashboard.Core.Metrics;

namespace Dashboard.Integration.Tests;

internal static class SeriesAssert
{
    /// <summary>Same times and bit-identical values, each time once: nothing lost, nothing duplicated, nothing invented.</summary>
    public static void SamePoints(SeriesKey key, IReadOnlyList<MetricPoint> expected, IReadOnlyList<MetricPoint> actual)
    {
        for (var i = 1; i < actual.Count; i++)
        {
            Assert.True(actual[i].Time > actual[i - 1].Time, $"{key}: stored times not strictly increasing at {Show(actual[i].Time)} (a duplicate?)");
        }
        var stored = actual.ToDictionary(p => p.Time, p => p.Value);
        var missing = expected.Where(p => !stored.ContainsKey(p.Time)).Select(p => Show(p.Time)).ToList();
        var wanted = expected.ToDictionary(p => p.Time, p => p.Value);
        var extra = actual.Where(p => !wanted.ContainsKey(p.Time)).Select(p => Show(p.Time)).ToList();
        var different = expected.Where(p => stored.TryGetValue(p.Time, out var v) && BitConverter.DoubleToInt64Bits(v) != BitConverter.DoubleToInt64Bits(p.Value))
            .Select(p => $"{Show(p.Time)}: expected {p.Value:R}, stored {stored[p.Time]:R}").ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && different.Count == 0,
            $"{key}: {expected.Count} expected, {actual.Count} stored; missing {missing.Count} [{string.Join(", ", missing.Take(5))}], " +
            $"unexpected {extra.Count} [{string.Join(", ", extra.Take(5))}], different {different.Count} [{string.Join("; ", different.Take(5))}]");
    }

    /// <summary>Two reads of the whole store are identical, series by series.</summary>
    public static void SameStore(IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> expected,
        IReadOnlyDictionary<SeriesKey, IReadOnlyList<MetricPoint>> actual)
    {
        Assert.Equal(expected.Keys.Order(ByName).ToList(), actual.Keys.Order(ByName).ToList());
        foreach (var (key, points) in expected)
        {
            SamePoints(key, points, actual[key]);
        }
    }

    private static readonly Comparer<SeriesKey> ByName = Comparer<SeriesKey>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));

    private static string Show(long time) => DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
