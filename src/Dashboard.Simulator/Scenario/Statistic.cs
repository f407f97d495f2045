using System.Globalization;

namespace Dashboard.Simulator.Scenario;

public enum StatisticKind
{
    SampleCount,
    Average,
    Sum,
    Minimum,
    Maximum,
    Percentile,
}

/// <summary>A CloudWatch statistic the simulator can answer: the five basic ones and pNN / pNN.NN.</summary>
public readonly record struct Statistic(StatisticKind Kind, double Percentile = 0)
{
    public static readonly Statistic SampleCount = new(StatisticKind.SampleCount);
    public static readonly Statistic Average = new(StatisticKind.Average);
    public static readonly Statistic Sum = new(StatisticKind.Sum);
    public static readonly Statistic Minimum = new(StatisticKind.Minimum);
    public static readonly Statistic Maximum = new(StatisticKind.Maximum);

    public static Statistic P(double percentile) => new(StatisticKind.Percentile, percentile);

    /// <summary>The quantile (0–1) of a percentile statistic.</summary>
    public double Quantile => Percentile / 100.0;

    public static bool TryParse(string? text, out Statistic statistic)
    {
        statistic = default;
        switch (text)
        {
            case "SampleCount": statistic = SampleCount; return true;
            case "Average": statistic = Average; return true;
            case "Sum": statistic = Sum; return true;
            case "Minimum": statistic = Minimum; return true;
            case "Maximum": statistic = Maximum; return true;
        }
        if (text is null || text.Length < 2 || text.Length > 7 || text[0] != 'p')
        {
            return false;
        }
        // CloudWatch's grammar: p, one to three integer digits (up to 100), optionally '.' and one or two decimals.
        var body = text.AsSpan(1);
        var dot = body.IndexOf('.');
        var integer = dot < 0 ? body : body[..dot];
        var fraction = dot < 0 ? [] : body[(dot + 1)..];
        if (integer.Length is 0 or > 3 || !IsDigits(integer) || (dot >= 0 && (fraction.Length is 0 or > 2 || !IsDigits(fraction))))
        {
            return false;
        }
        var value = double.Parse(body, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (value > 100)
        {
            return false;
        }
        statistic = P(value);
        return true;
    }

    public static Statistic Parse(string text) =>
        TryParse(text, out var statistic) ? statistic : throw new FormatException($"'{text}' is not a supported statistic.");

    public override string ToString() => Kind == StatisticKind.Percentile
        ? "p" + Percentile.ToString("0.##", CultureInfo.InvariantCulture)
        : Kind.ToString();

    private static bool IsDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
