using System.Globalization;
using Dashboard.Core.Alarms;

namespace Dashboard.Core.Alarms.Editing;

/// <summary>
/// A threshold read off the watched series' own history: its p99.5 (p0.5 for a "below" alarm) over the last
/// <see cref="Days"/> days plus a <see cref="MarginPercent"/> % margin, rounded outwards to two significant digits,
/// so the alarm stays quiet on everything but the worst half-percent of ordinary periods.
/// </summary>
/// <param name="Percentile">"p99.5" or "p0.5".</param>
/// <param name="PercentileValue">That percentile of the datapoints, in the unit they were given in.</param>
/// <param name="Threshold">The percentile with the margin, rounded.</param>
/// <param name="Datapoints">How many datapoints it was read from.</param>
public sealed record ThresholdSuggestion(string Percentile, double PercentileValue, double Threshold, int Datapoints)
{
    public const int Days = 14;
    public const int MarginPercent = 10;

    /// <summary>Fewer datapoints than an hour's worth of minutes say too little about the series.</summary>
    public const int MinDatapoints = 60;

    private const double High = 99.5;

    /// <summary>The suggestion for an alarm that compares with <paramref name="comparison"/>; null when there is too little history.</summary>
    public static ThresholdSuggestion? From(IEnumerable<double> values, ComparisonOperator comparison)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length < MinDatapoints)
        {
            return null;
        }
        var below = comparison is ComparisonOperator.LessThanThreshold or ComparisonOperator.LessThanOrEqualToThreshold;
        var percentile = below ? 100 - High : High;
        var value = Quantile(sorted, percentile / 100);
        var margin = Math.Abs(value) * MarginPercent / 100;
        var threshold = below ? Round(value - margin, up: false) : Round(value + margin, up: true);
        return new("p" + percentile.ToString(CultureInfo.InvariantCulture), value, threshold, sorted.Length);
    }

    /// <summary>Linear interpolation between the closest ranks (NumPy's default).</summary>
    internal static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        var position = q * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    /// <summary>Two significant digits, rounded away from the data (up for "above" alarms, down for "below" ones).</summary>
    internal static double Round(double value, bool up)
    {
        if (value == 0)
        {
            return 0;
        }
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value))) - 1;
        var step = Math.Pow(10, exponent);
        var steps = up ? Math.Ceiling(value / step - 1e-9) : Math.Floor(value / step + 1e-9);
        var rounded = steps * step;
        return exponent < 0 ? Math.Round(rounded, Math.Min(15, -exponent)) : rounded;
    }
}
