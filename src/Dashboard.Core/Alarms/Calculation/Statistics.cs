using System.Globalization;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Alarms.Calculation;

public enum StatisticKind
{
    Average,
    Sum,
    Minimum,
    Maximum,
    SampleCount,
    Percentile,
}

/// <summary>A parsed CloudWatch statistic; <see cref="Percentile"/> is set (0 &lt; p &lt; 100) for pNN / pNN.NN.</summary>
public readonly record struct Statistic(StatisticKind Kind, double? Percentile = null)
{
    /// <summary>The wire name: "Average" … "SampleCount", or "p99" / "p99.9" for percentiles.</summary>
    public override string ToString() => Kind == StatisticKind.Percentile
        ? "p" + Percentile!.Value.ToString("0.##", CultureInfo.InvariantCulture)
        : Kind.ToString();
}

/// <summary>
/// CloudWatch's statistic strings: the five simple statistics (Statistic) and percentiles pNN or pNN.NN
/// (ExtendedStatistic; at most two decimals, 0 &lt; p &lt; 100). Other extended statistics (tm99, wm, …) are not collected
/// by the dashboard and are refused.
/// </summary>
public static class Statistics
{
    public static bool TryParse(string? text, out Statistic statistic)
    {
        statistic = default;
        switch (text)
        {
            case "Average": statistic = new(StatisticKind.Average); return true;
            case "Sum": statistic = new(StatisticKind.Sum); return true;
            case "Minimum": statistic = new(StatisticKind.Minimum); return true;
            case "Maximum": statistic = new(StatisticKind.Maximum); return true;
            case "SampleCount": statistic = new(StatisticKind.SampleCount); return true;
        }
        if (ParsePercentile(text) is { } p)
        {
            statistic = new(StatisticKind.Percentile, p);
            return true;
        }
        return false;
    }

    public static Statistic? Parse(string? text) => TryParse(text, out var s) ? s : null;

    /// <summary>The percentile (e.g. 99 for "p99"), or null when <paramref name="text"/> is not a valid percentile.</summary>
    public static double? ParsePercentile(string? text)
    {
        if (text is null || text.Length < 2 || text[0] != 'p')
            return null;
        var digits = text.AsSpan(1);
        var dot = digits.IndexOf('.');
        var whole = dot < 0 ? digits : digits[..dot];
        var fraction = dot < 0 ? [] : digits[(dot + 1)..];
        if (whole.Length is < 1 or > 2 || (dot >= 0 && fraction.Length is < 1 or > 2))
            return null;
        foreach (var c in whole)
            if (!char.IsAsciiDigit(c)) return null;
        foreach (var c in fraction)
            if (!char.IsAsciiDigit(c)) return null;
        var value = double.Parse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return value is > 0 and < 100 ? value : null;
    }

    /// <summary>Null when valid, otherwise a message for the user.</summary>
    public static string? Validate(string? text) => TryParse(text, out _)
        ? null
        : $"'{text}' is not a CloudWatch statistic: use Average, Sum, Minimum, Maximum, SampleCount or a percentile "
          + "pNN / pNN.NN between 0 and 100 (for example p99 or p99.9).";

    /// <summary>
    /// Below this many samples a percentile counts as low-sample for EvaluateLowSampleCountPercentile: 10 / (1 − p) for
    /// p ≥ 0.5 and 10 / p below 0.5 (user guide, "Percentile-based CloudWatch alarms and low data samples"): 1000 for p99.
    /// </summary>
    public static double LowSampleThreshold(double percentile)
    {
        // In percent units so that p99 gives exactly 1000 (0.01 is not exact in binary).
        return percentile >= 50 ? 1000 / (100 - percentile) : 1000 / percentile;
    }
}
