using Dashboard.Core.Fleet;
using Dashboard.Web.Components.Charts;

namespace Dashboard.Web.Endpoints;

/// <summary>
/// Which variants and latency percentiles the endpoint page draws. Several variants times three percentiles is a tangle of
/// lines; one percentile across variants compares A with B. A series is drawn unless its name carries a hidden variant
/// (multi-variant names start with the variant) or a hidden percentile; the outlier markers are always drawn.
/// </summary>
public sealed record SeriesFilter(IReadOnlySet<string> HiddenVariants, IReadOnlySet<string> HiddenPercentiles)
{
    public static readonly IReadOnlyList<string> Percentiles = ["p50", "p90", "p99"];

    public static SeriesFilter All { get; } = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>An A/B endpoint starts on p90 only: one line per variant on the latency charts.</summary>
    public static SeriesFilter For(EndpointState endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.Variants.Count > 1 ? new(new HashSet<string>(), new HashSet<string> { "p50", "p99" }) : All;
    }

    public bool Shows(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Kind == ChartSeriesKind.Outliers)
        {
            return true;
        }
        var words = series.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return !(words.Length > 0 && HiddenVariants.Contains(words[0])) && !words.Any(HiddenPercentiles.Contains);
    }

    public ChartModel Apply(ChartModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model with { Series = model.Series.Where(Shows).ToList() };
    }

    public SeriesFilter ToggleVariant(string variant) => this with { HiddenVariants = Toggle(HiddenVariants, variant) };

    public SeriesFilter TogglePercentile(string percentile) => this with { HiddenPercentiles = Toggle(HiddenPercentiles, percentile) };

    private static HashSet<string> Toggle(IReadOnlySet<string> set, string item)
    {
        var next = new HashSet<string>(set, StringComparer.Ordinal);
        if (!next.Remove(item))
        {
            next.Add(item);
        }
        return next;
    }
}
