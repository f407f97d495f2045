using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Drift.Distances;

public enum DriftMethod
{
    Wasserstein,
    KolmogorovSmirnov,
    PopulationStability,
    JensenShannon,
    LInfinity,
}

/// <summary>
/// How a feature's drift is scored and the score above which it counts as drifted; <paramref name="SetBy"/> and
/// <paramref name="SetAt"/> say who chose it for this feature (both null: the default).
/// </summary>
public sealed record DriftSetting(DriftMethod Method, double Threshold, string? SetBy = null, DateTimeOffset? SetAt = null)
{
    public bool IsDefault => SetBy is null;
}

/// <summary>
/// Scores a feature's current summary against its baseline. Defaults follow Evidently for large samples (numbers:
/// Wasserstein normalised by the baseline's standard deviation, 0.1; categories: Jensen–Shannon, 0.1) and, where the
/// baseline is Model Monitor's, Model Monitor itself (L∞ between the CDFs or category shares, at its comparison threshold).
/// </summary>
public static class DriftMethods
{
    public const double DefaultThreshold = 0.1;

    public static DriftSetting Default(FeatureType type, double? modelMonitorThreshold = null) =>
        modelMonitorThreshold is { } threshold
            ? new DriftSetting(type == FeatureType.Numeric ? DriftMethod.KolmogorovSmirnov : DriftMethod.LInfinity, threshold)
            : new DriftSetting(type == FeatureType.Numeric ? DriftMethod.Wasserstein : DriftMethod.JensenShannon, DefaultThreshold);

    /// <summary>The thresholds a method's scores can meaningfully cross: above 0, and at most the largest score it gives (or a generous cap).</summary>
    public static (double Min, double Max) Bounds(DriftMethod method) => method switch
    {
        DriftMethod.KolmogorovSmirnov or DriftMethod.LInfinity => (0.001, 1),
        // The Jensen–Shannon distance in natural log is at most √ln 2 ≈ 0.833.
        DriftMethod.JensenShannon => (0.001, 0.83),
        // Wasserstein in standard deviations and PSI are unbounded; 0.25 and 0.2 are already large shifts.
        _ => (0.001, 5),
    };

    /// <summary>The methods that apply to the type, the default first.</summary>
    public static IReadOnlyList<DriftMethod> For(FeatureType type) => type == FeatureType.Numeric
        ? [DriftMethod.Wasserstein, DriftMethod.KolmogorovSmirnov, DriftMethod.PopulationStability]
        : [DriftMethod.JensenShannon, DriftMethod.LInfinity, DriftMethod.PopulationStability];

    /// <summary>Why the method and threshold cannot be a feature's setting (the message names the bounds), or null.</summary>
    public static string? Validate(FeatureType type, DriftMethod method, double threshold)
    {
        if (!Enum.IsDefined(method) || !Fits(method, type))
        {
            return $"{Name(method)} does not apply to a {(type == FeatureType.Numeric ? "numeric" : "categorical")} feature: choose "
                + string.Join(", ", For(type).Select(Name)) + ".";
        }
        var (min, max) = Bounds(method);
        return double.IsFinite(threshold) && threshold >= min && threshold <= max ? null
            : $"A {Name(method)} threshold must be between {min.ToString(System.Globalization.CultureInfo.InvariantCulture)} and {max.ToString(System.Globalization.CultureInfo.InvariantCulture)}.";
    }

    /// <summary>Whether the method applies to the type (PSI applies to both).</summary>
    public static bool Fits(DriftMethod method, FeatureType type) => method switch
    {
        DriftMethod.Wasserstein or DriftMethod.KolmogorovSmirnov => type == FeatureType.Numeric,
        DriftMethod.JensenShannon or DriftMethod.LInfinity => type == FeatureType.Categorical,
        _ => true,
    };

    public static string Name(DriftMethod method) => method switch
    {
        DriftMethod.Wasserstein => "Wasserstein (normed)",
        DriftMethod.KolmogorovSmirnov => "Kolmogorov–Smirnov",
        DriftMethod.PopulationStability => "PSI",
        DriftMethod.JensenShannon => "Jensen–Shannon",
        _ => "L∞",
    };

    public static string Describe(DriftMethod method) => method switch
    {
        DriftMethod.Wasserstein => "the work to move the baseline's distribution onto today's, in baseline standard deviations",
        DriftMethod.KolmogorovSmirnov => "the largest gap between the two cumulative distributions (Model Monitor's numerical distance)",
        DriftMethod.PopulationStability => "Σ (now − then) · ln(now / then) over the baseline's deciles or categories",
        DriftMethod.JensenShannon => "the square root of the Jensen–Shannon divergence of the category shares (natural log)",
        _ => "the largest change in any category's share (Model Monitor's categorical distance)",
    };

    /// <summary>The score, or null when either side has no values of the feature's type.</summary>
    public static double? Score(DriftMethod method, FeatureSummary baseline, FeatureSummary current)
    {
        if (baseline.Type == FeatureType.Numeric && method is not DriftMethod.JensenShannon and not DriftMethod.LInfinity)
        {
            if (baseline.Numbers.Count == 0 || current.Numbers.Count == 0)
            {
                return null;
            }
            var before = NumericDistribution.Of(baseline.Numbers);
            var now = NumericDistribution.Of(current.Numbers);
            return method switch
            {
                DriftMethod.KolmogorovSmirnov => DriftDistances.KolmogorovSmirnov(before, now),
                DriftMethod.PopulationStability => DriftDistances.PopulationStability(before, now),
                _ => DriftDistances.WassersteinNormed(before, now, baseline.StdDev),
            };
        }
        if (baseline.Categories.Total == 0 || current.Categories.Total == 0)
        {
            return null;
        }
        var then = Shares(baseline.Categories);
        var today = Shares(current.Categories);
        return method switch
        {
            DriftMethod.JensenShannon => DriftDistances.JensenShannon(then, today),
            DriftMethod.PopulationStability => DriftDistances.PopulationStability(then, today),
            _ => DriftDistances.LInfinity(then, today),
        };
    }

    /// <summary>
    /// The share of the current values the baseline never saw: numbers outside its [min, max], categories it did not have.
    /// </summary>
    public static double OutOfDomain(FeatureSummary baseline, FeatureSummary current)
    {
        if (baseline.Type == FeatureType.Numeric)
        {
            if (current.Numbers.Count == 0 || baseline.Numbers.Count == 0)
            {
                return 0;
            }
            // A bucket's representative is within 1 % of its members; allow that much past the baseline's bounds.
            var low = baseline.Min - Math.Abs(baseline.Min) * NumericSketch.RelativeAccuracy;
            var high = baseline.Max + Math.Abs(baseline.Max) * NumericSketch.RelativeAccuracy;
            var outside = current.Numbers.Buckets().Where(b => b.Value < low || b.Value > high).Sum(b => b.Count);
            return (double)outside / current.Numbers.Count;
        }
        if (current.Categories.Total == 0)
        {
            return 0;
        }
        var unseen = current.Categories.Counts.Where(c => !baseline.Categories.Counts.ContainsKey(c.Key)).Sum(c => c.Value);
        return (double)unseen / current.Categories.Total;
    }

    private static Dictionary<string, double> Shares(CategoryCounts counts) =>
        counts.Counts.ToDictionary(c => c.Key, c => (double)c.Value, StringComparer.Ordinal);
}
