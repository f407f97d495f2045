using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// The input distribution of a monitored feature: normal around a baseline mean, shifted by the drift the scenario's
/// metric reports. Model Monitor's distance is the largest gap between the two CDFs; for a mean shift of δ standard
/// deviations that is 2Φ(δ/2) − 1, so δ = 2·Φ⁻¹((1 + d) / 2) for the distance d above the feature's usual noise.
/// </summary>
internal sealed record S3FeatureModel(string Name, double Mean, double StdDev, double Min, bool Integral)
{
    private static readonly Dictionary<string, S3FeatureModel> Known = new(StringComparer.Ordinal)
    {
        ["income"] = new("income", 62_000, 18_000, 12_000, true),
        ["debt_to_income"] = new("debt_to_income", 0.32, 0.09, 0, false),
        ["credit_utilization"] = new("credit_utilization", 0.35, 0.15, 0, false),
        ["age"] = new("age", 41, 11, 18, true),
        ["tenure_months"] = new("tenure_months", 28, 16, 0, true),
        ["monthly_charges"] = new("monthly_charges", 68, 24, 18, false),
        ["support_calls"] = new("support_calls", 1.6, 1.2, 0, true),
        ["contract_type"] = new("contract_type", 1, 0.8, 0, true),
        ["amount"] = new("amount", 86, 60, 1, false),
        ["merchant_category"] = new("merchant_category", 12, 6, 0, true),
        ["hour_of_day"] = new("hour_of_day", 14, 5, 0, true),
    };

    public string InferredType => Integral ? "Integral" : "Fractional";

    public static S3FeatureModel For(string name) => Known.GetValueOrDefault(name) ?? new S3FeatureModel(name, 0, 1, double.MinValue, false);

    /// <summary>The features of an endpoint's inputs: its monitor's, or four anonymous ones.</summary>
    public static IReadOnlyList<S3FeatureModel> Of(EndpointProfile endpoint) =>
        endpoint.Monitor is { } monitor
            ? monitor.Features.Select(f => For(f.Name)).ToList()
            : Enumerable.Range(1, 4).Select(i => For("feature_" + i)).ToList();

    /// <summary>The mean shift, in standard deviations, that a drift distance above the baseline noise stands for.</summary>
    public static double ShiftFor(double? drift, double baseline)
    {
        var excess = Math.Clamp((drift ?? baseline) - baseline, 0, 0.95);
        return excess == 0 ? 0 : 2 * NormalQuantile.Z((1 + excess) / 2);
    }

    public double ShiftedMean(double shift) => Mean + shift * StdDev;

    /// <summary>A value of the (shifted) distribution from a standard normal draw, clamped and rounded as captured.</summary>
    public double Value(double shift, double z)
    {
        var value = Math.Max(Min, ShiftedMean(shift) + z * StdDev);
        return Integral ? Math.Round(value) : Math.Round(value, 4);
    }

    /// <summary>Φ, the standard normal CDF (Abramowitz &amp; Stegun 7.1.26 for erf, error below 1.5e-7).</summary>
    public static double Cdf(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x) / Math.Sqrt(2));
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
            * Math.Exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
