using System.Text.Json;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.Monitor;

/// <summary>
/// Model Monitor's statistics.json (a baseline or an execution's) read into feature summaries, in the file's feature
/// order. Numbers come as ten KLL buckets with counts: each bucket's count is spread evenly over points inside it (over
/// the whole numbers inside it for an Integral feature, whose values are whole), so the sketch sees the same shape at the
/// buckets' resolution; mean, standard deviation, min and max are kept exactly.
/// </summary>
public static class MonitorStatistics
{
    private const int PointsPerBucket = 8;

    /// <exception cref="JsonException">Not a statistics.json.</exception>
    public static IReadOnlyList<(string Name, FeatureSummary Summary)> Parse(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        if (!document.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("statistics.json has no features array.");
        }
        var result = new List<(string, FeatureSummary)>();
        foreach (var feature in features.EnumerateArray())
        {
            var name = feature.GetProperty("name").GetString() ?? throw new JsonException("A feature has no name.");
            var summary = new FeatureSummary();
            if (feature.TryGetProperty("numerical_statistics", out var numbers))
            {
                var integral = feature.TryGetProperty("inferred_type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Integral";
                ReadNumbers(numbers, summary, integral);
            }
            else if (feature.TryGetProperty("string_statistics", out var strings))
            {
                ReadStrings(strings, summary);
            }
            result.Add((name, summary));
        }
        return result;
    }

    private static void ReadNumbers(JsonElement numbers, FeatureSummary summary, bool integral)
    {
        var (present, missing) = Common(numbers);
        if (numbers.TryGetProperty("distribution", out var distribution) && distribution.TryGetProperty("kll", out var kll)
            && kll.TryGetProperty("buckets", out var buckets))
        {
            foreach (var bucket in buckets.EnumerateArray())
            {
                var (low, high, count) = (bucket.GetProperty("lower_bound").GetDouble(), bucket.GetProperty("upper_bound").GetDouble(),
                    (long)bucket.GetProperty("count").GetDouble());
                var points = Points(low, high, integral);
                for (var i = 0; i < points.Count; i++)
                {
                    // Shares of the count, the remainder on the first point.
                    summary.Numbers.Add(points[i], count / points.Count + (i == 0 ? count % points.Count : 0));
                }
            }
        }
        var mean = Number(numbers, "mean");
        var std = Number(numbers, "std_dev");
        summary.Restore(present + missing, missing, mean * present, (std * std + mean * mean) * present, Number(numbers, "min"), Number(numbers, "max"));
    }

    /// <summary>Evenly spaced points inside a bucket; for whole-number features the whole numbers in it (its nearest one if none).</summary>
    private static List<double> Points(double low, double high, bool integral)
    {
        if (!integral)
        {
            return Enumerable.Range(0, PointsPerBucket).Select(i => low + (high - low) * (i + 0.5) / PointsPerBucket).ToList();
        }
        var first = Math.Ceiling(low);
        var last = Math.Floor(high);
        if (last < first)
        {
            return [Math.Round((low + high) / 2)];
        }
        var step = Math.Max(1, Math.Ceiling((last - first + 1) / PointsPerBucket));
        var whole = new List<double>();
        for (var value = first; value <= last; value += step)
        {
            whole.Add(value);
        }
        return whole;
    }

    private static void ReadStrings(JsonElement strings, FeatureSummary summary)
    {
        var (present, missing) = Common(strings);
        if (strings.TryGetProperty("distribution", out var distribution) && distribution.TryGetProperty("categorical", out var categorical)
            && categorical.TryGetProperty("buckets", out var buckets))
        {
            foreach (var bucket in buckets.EnumerateArray())
            {
                summary.Categories.Add(bucket.GetProperty("value").ToString(), (long)bucket.GetProperty("count").GetDouble());
            }
        }
        summary.Restore(present + missing, missing, 0, 0, double.PositiveInfinity, double.NegativeInfinity);
    }

    private static (long Present, long Missing) Common(JsonElement statistics) =>
        statistics.TryGetProperty("common", out var common)
            ? ((long)Number(common, "num_present"), (long)Number(common, "num_missing"))
            : (0, 0);

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;
}

/// <summary>The drift thresholds of a constraints.json: its comparison threshold for numbers and its categorical one (defaults 0.1).</summary>
public static class MonitorConstraints
{
    public static (double Numeric, double Categorical) Thresholds(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var numeric = 0.1;
        double? categorical = null;
        if (document.RootElement.TryGetProperty("monitoring_config", out var config)
            && config.TryGetProperty("distribution_constraints", out var distribution))
        {
            if (distribution.TryGetProperty("comparison_threshold", out var threshold) && threshold.ValueKind == JsonValueKind.Number)
            {
                numeric = threshold.GetDouble();
            }
            if (distribution.TryGetProperty("categorical_comparison_threshold", out var other) && other.ValueKind == JsonValueKind.Number)
            {
                categorical = other.GetDouble();
            }
        }
        return (numeric, categorical ?? numeric);
    }
}
