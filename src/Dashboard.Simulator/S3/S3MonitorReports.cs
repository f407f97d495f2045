using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// A data-quality schedule's files (§4.3–4.5 of the wire reference), in step with the captured data: per hourly
/// execution <c>statistics.json</c> of the hour it analyses (numbers and, for string features, categories and missing
/// values) and <c>constraint_violations.json</c> (<c>baseline_drift_check</c> for every feature whose drift metric exceeds
/// <see cref="ComparisonThreshold"/>, <c>categorical_values_check</c> and <c>completeness_check</c> for a broken one),
/// and the baseline's <c>statistics.json</c> and <c>constraints.json</c>. Features are in the capture's column order.
/// </summary>
internal sealed class S3MonitorReports(CaptureRecords records, DriftMonitor monitor)
{
    /// <summary>Model Monitor's default comparison_threshold (and domain_content_threshold).</summary>
    public const double ComparisonThreshold = 0.1;

    private const int BaselineItems = 5_000;
    private const int Buckets = 10;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>
    /// The reports of a monitored endpoint for callers outside the bucket (the monitoring schedules): which hours ran and
    /// their violations do not depend on the capture volume; <see cref="Statistics"/>' item counts assume the default one.
    /// </summary>
    public S3MonitorReports(FleetScenario scenario, EndpointProfile endpoint, DriftMonitor monitor)
        : this(new CaptureRecords(scenario, endpoint, new SimulatorOptions().CaptureRecordsPerHour), monitor)
    {
    }

    private readonly (DriftFeature Monitored, CaptureFeature Feature)[] _features = monitor.Features
        .Select(f => (f, records.Profile.Find(f.Name) ?? new NumericFeature(f.Name, 0, 1, double.MinValue, false)))
        .ToArray();

    /// <summary>The first feature's drift metric at the hour: null when no execution ran then.</summary>
    public double? DriftAt(DateTimeOffset hour) => _features.Length == 0 ? null : Drift(_features[0].Monitored.Name, hour);

    public byte[] Statistics(DateTimeOffset execution)
    {
        var items = records.Variants.Sum(v => new CaptureHour(records, v, execution.AddHours(-1)).Records);
        var analysed = execution.AddMinutes(-30);
        var features = new JsonArray();
        foreach (var (monitored, feature) in _features)
        {
            features.Add(feature switch
            {
                NumericFeature numeric => NumericStatistics(numeric,
                    CaptureRecords.ShiftFor(Drift(monitored.Name, execution), monitored.Baseline), items),
                CategoricalFeature categorical => StringStatistics(categorical, analysed, items),
                _ => throw new InvalidOperationException(feature.GetType().Name),
            });
        }
        return Document(items, features);
    }

    public byte[] Violations(DateTimeOffset execution)
    {
        var violations = new JsonArray();
        var analysed = execution.AddMinutes(-30);
        foreach (var (monitored, feature) in _features)
        {
            if (Drift(monitored.Name, execution) is { } drift && drift > ComparisonThreshold)
            {
                var kind = feature is CategoricalFeature ? "Categorical" : "Numerical";
                violations.Add(Violation(feature.Name, "baseline_drift_check",
                    string.Create(CultureInfo.InvariantCulture, $"{kind} distance: {drift} exceeds {kind.ToLowerInvariant()} threshold: {ComparisonThreshold}")));
            }
            if (feature is CategoricalFeature { Break: { } broken })
            {
                var present = 1 - broken.MissingShareAt(analysed);
                var outside = broken.NewShareAt(analysed);
                if (outside > ComparisonThreshold)
                {
                    violations.Add(Violation(feature.Name, "categorical_values_check", string.Create(CultureInfo.InvariantCulture,
                        $"Data domain requirement is not met. Expected: at least {100 * (1 - ComparisonThreshold):0.#}% of values in the baseline domain. Observed: only {100 * (1 - outside):0.##}% of values are in the baseline domain.")));
                }
                if (present < 1 - ComparisonThreshold)
                {
                    violations.Add(Violation(feature.Name, "completeness_check", string.Create(CultureInfo.InvariantCulture,
                        $"Data completeness requirement is not met. Expected completeness: 100.0%. Observed: only {100 * present:0.##}% of data is present.")));
                }
            }
        }
        return Json(new JsonObject { ["violations"] = violations });
    }

    public byte[] BaselineStatistics() => Document(BaselineItems, new JsonArray(_features.Select(f => (JsonNode)(f.Feature switch
    {
        NumericFeature numeric => NumericStatistics(numeric, 0, BaselineItems),
        CategoricalFeature categorical => StringStatistics(categorical, DateTimeOffset.MinValue, BaselineItems),
        _ => throw new InvalidOperationException(f.Feature.GetType().Name),
    })).ToArray()));

    public byte[] BaselineConstraints()
    {
        var features = new JsonArray();
        foreach (var (_, feature) in _features)
        {
            var constraint = new JsonObject
            {
                ["name"] = feature.Name,
                ["inferred_type"] = feature is NumericFeature numeric ? numeric.InferredType : "String",
                ["completeness"] = 1.0,
            };
            if (feature is NumericFeature { Min: var min })
            {
                constraint["num_constraints"] = new JsonObject { ["is_non_negative"] = min >= 0 };
            }
            else if (feature is CategoricalFeature categorical)
            {
                constraint["string_constraints"] = new JsonObject
                {
                    ["domains"] = new JsonArray(categorical.Categories.Select(c => (JsonNode)JsonValue.Create(c.Value)).ToArray()),
                };
            }
            features.Add(constraint);
        }
        return Json(new JsonObject
        {
            ["version"] = 0,
            ["features"] = features,
            ["monitoring_config"] = new JsonObject
            {
                ["evaluate_constraints"] = "Enabled",
                ["emit_metrics"] = "Enabled",
                ["datatype_check_threshold"] = 0.1,
                ["domain_content_threshold"] = ComparisonThreshold,
                ["distribution_constraints"] = new JsonObject
                {
                    ["perform_comparison"] = "Enabled",
                    ["comparison_threshold"] = ComparisonThreshold,
                    ["comparison_method"] = "Simple",
                    ["categorical_comparison_threshold"] = ComparisonThreshold,
                    ["categorical_drift_method"] = "LInfinity",
                },
            },
        });
    }

    private double? Drift(string feature, DateTimeOffset hour) => S3Catalog.Drift(records, feature, hour);

    private static JsonObject Violation(string feature, string check, string description) => new()
    {
        ["feature_name"] = feature,
        ["constraint_check_type"] = check,
        ["description"] = description,
    };

    private static byte[] Document(int items, JsonArray features) => Json(new JsonObject
    {
        ["version"] = 0,
        ["dataset"] = new JsonObject { ["item_count"] = items },
        ["features"] = features,
    });

    private static byte[] Json(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Indented);

    /// <summary>The expected category counts of the hour around <paramref name="at"/>, with the missing values.</summary>
    private static JsonObject StringStatistics(CategoricalFeature feature, DateTimeOffset at, int items)
    {
        var missing = feature.Break?.MissingShareAt(at) ?? 0;
        var outside = feature.Break?.NewShareAt(at) ?? 0;
        var shares = feature.Categories.Select(c => (c.Value, Share: c.Share * (1 - outside))).ToList();
        if (outside > 0)
        {
            shares.Add((feature.Break!.NewCategory, outside));
        }
        var absent = (int)Math.Round(items * missing);
        var buckets = new JsonArray();
        foreach (var (value, share) in shares)
        {
            buckets.Add(new JsonObject { ["value"] = value, ["count"] = (int)Math.Round((items - absent) * share) });
        }
        return new JsonObject
        {
            ["name"] = feature.Name,
            ["inferred_type"] = "String",
            ["string_statistics"] = new JsonObject
            {
                ["common"] = new JsonObject { ["num_present"] = items - absent, ["num_missing"] = absent },
                ["distinct_count"] = shares.Count,
                ["distribution"] = new JsonObject { ["categorical"] = new JsonObject { ["buckets"] = buckets } },
            },
        };
    }

    /// <summary>Numerical statistics of the normal distribution itself (mean ± 3σ, ten equal-width KLL buckets).</summary>
    private static JsonObject NumericStatistics(NumericFeature feature, double shift, int items)
    {
        var mean = feature.Mean + shift * feature.StdDev;
        var min = Math.Max(feature.Min, mean - 3 * feature.StdDev);
        var max = Math.Min(feature.Max, mean + 3 * feature.StdDev);
        var buckets = new JsonArray();
        var width = (max - min) / Buckets;
        var assigned = 0;
        for (var b = 0; b < Buckets; b++)
        {
            var lower = min + b * width;
            var upper = b == Buckets - 1 ? max : lower + width;
            var below = b == Buckets - 1 ? items : (int)Math.Round(items * Share(feature, mean, min, max, upper));
            buckets.Add(new JsonObject
            {
                ["lower_bound"] = Math.Round(lower, 4),
                ["upper_bound"] = Math.Round(upper, 4),
                ["count"] = below - assigned,
            });
            assigned = below;
        }
        return new JsonObject
        {
            ["name"] = feature.Name,
            ["inferred_type"] = feature.InferredType,
            ["numerical_statistics"] = new JsonObject
            {
                ["common"] = new JsonObject { ["num_present"] = items, ["num_missing"] = 0 },
                ["mean"] = Math.Round(mean, 4),
                ["sum"] = Math.Round(mean * items, 4),
                ["std_dev"] = feature.StdDev,
                ["min"] = Math.Round(min, 4),
                ["max"] = Math.Round(max, 4),
                ["distribution"] = new JsonObject { ["kll"] = new JsonObject { ["buckets"] = buckets } },
            },
        };
    }

    /// <summary>The share of the distribution, truncated to [min, max], below <paramref name="x"/>.</summary>
    private static double Share(NumericFeature feature, double mean, double min, double max, double x)
    {
        double Phi(double v) => Cdf((v - mean) / feature.StdDev);
        return (Phi(x) - Phi(min)) / (Phi(max) - Phi(min));
    }

    /// <summary>Φ, the standard normal CDF (Abramowitz &amp; Stegun 7.1.26 for erf, error below 1.5e-7).</summary>
    private static double Cdf(double x)
    {
        var t = 1 / (1 + 0.3275911 * Math.Abs(x) / Math.Sqrt(2));
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
            * Math.Exp(-x * x / 2);
        return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
