using System.Globalization;

namespace Dashboard.Core.Comparison;

/// <summary>How comparison numbers are written, the same in the summary line, on the page and in the canary's reasons.</summary>
public static class ComparisonText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A rate (a fraction) in percent with two significant digits or so: "6.1 %", "0.05 %", "0 %".</summary>
    public static string Percent(double? fraction)
    {
        if (fraction is not { } value || !double.IsFinite(value))
        {
            return "–";
        }
        var percent = value * 100;
        var format = percent == 0 || percent >= 10 ? "0" : percent >= 1 ? "0.#" : percent >= 0.1 ? "0.##" : "0.###";
        return percent.ToString(format, Invariant) + " %";
    }

    public static string PValue(double p) => !double.IsFinite(p) ? "p –" : p < 0.001 ? "p < 0.001" : "p = " + p.ToString("0.###", Invariant);

    public static string Milliseconds(double? ms) => ms is { } value && double.IsFinite(value) ? value.ToString("#,0.#", Invariant) + " ms" : "–";

    public static string Count(long count) => count.ToString("#,0", Invariant);

    /// <summary>"5XX rate … : worse; p90 latency … : slower": the checks that failed, each with its numbers.</summary>
    public static string Worse(string errors, bool errorsFailed, string latency, bool latencyFailed) =>
        string.Join("; ", new[] { errorsFailed ? errors + ": worse" : null, latencyFailed ? latency + ": slower" : null }.OfType<string>());

    /// <summary>"about 1,200 more requests per variant and 3 more minutes with traffic": what a verdict still waits for.</summary>
    public static string Needed(long moreRequests, int moreMinutes) =>
        string.Join(" and ", new[]
        {
            moreRequests > 0 ? $"about {Count(moreRequests)} more requests per variant" : null,
            moreMinutes > 0 ? $"{moreMinutes} more minutes with traffic" : null,
        }.OfType<string>());
}
