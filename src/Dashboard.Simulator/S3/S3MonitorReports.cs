using System.Globalization;
using System.Text.Json.Nodes;
using Dashboard.Core.Metrics;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.S3;

/// <summary>
/// A data-quality schedule's files (§4.3–4.5 of the wire reference): per hourly execution <c>statistics.json</c> of the
/// hour's captured inputs and <c>constraint_violations.json</c> (a <c>baseline_drift_check</c> for every feature whose
/// drift metric exceeds <see cref="ComparisonThreshold"/>), and the baseline's <c>statistics.json</c> and <c>constraints.json</c>.
/// </summary>
internal sealed class S3MonitorReports(FleetScenario scenario, EndpointProfile endpoint, DriftMonitor monitor)
{
    /// <summary>Model Monitor's default comparison_threshold.</summary>
    public const double ComparisonThreshold = 0.1;

    private const int BaselineItems = 5_000;
    private const int Buckets = 10;

    private readonly IReadOnlyList<S3FeatureModel> _features = monitor.Features.Select(f => S3FeatureModel.For(f.Name)).ToList();

    /// <summary>The first feature's drift metric at the hour: null when no execution ran then.</summary>
    public double? DriftAt(DateTimeOffset hour) =>
        monitor.Features.Count == 0 ? null : S3Catalog.Drift(scenario, endpoint.Name, monitor.Features[0].Name, hour);

    public byte[] Statistics(DateTimeOffset execution)
    {
        var items = CapturedItems(execution);
        var features = new JsonArray();
        for (var i = 0; i < _features.Count; i++)
        {
            var drift = S3Catalog.Drift(scenario, endpoint.Name, _features[i].Name, execution);
            features.Add(FeatureStatistics(_features[i], S3FeatureModel.ShiftFor(drift, monitor.Features[i].Baseline), items));
        }
        return Document(items, features);
    }

    public byte[] Violations(DateTimeOffset execution)
    {
        var violations = new JsonArray();
        foreach (var feature in monitor.Features)
        {
            if (S3Catalog.Drift(scenario, endpoint.Name, feature.Name, execution) is { } drift && drift > ComparisonThreshold)
            {
                violations.Add(new JsonObject
                {
                    ["feature_name"] = feature.Name,
                    ["constraint_check_type"] = "baseline_drift_check",
                    ["description"] = string.Create(CultureInfo.InvariantCulture,
                        $"Numerical distance: {drift} exceeds numerical threshold: {ComparisonThreshold}"),
                });
            }
        }
        return S3CaptureData.Json(new JsonObject { ["violations"] = violations });
    }

    public byte[] BaselineStatistics() =>
        Document(BaselineItems, new JsonArray(_features.Select(f => (JsonNode)FeatureStatistics(f, 0, BaselineItems)).ToArray()));

    public byte[] BaselineConstraints()
    {
        var features = new JsonArray();
        foreach (var feature in _features)
        {
            features.Add(new JsonObject
            {
                ["name"] = feature.Name,
                ["inferred_type"] = feature.InferredType,
                ["completeness"] = 1.0,
                ["num_constraints"] = new JsonObject { ["is_non_negative"] = feature.Min >= 0 },
            });
        }
        return S3CaptureData.Json(new JsonObject
        {
            ["version"] = 0,
            ["features"] = features,
            ["monitoring_config"] = new JsonObject
            {
                ["evaluate_constraints"] = "Enabled",
                ["emit_metrics"] = "Enabled",
                ["datatype_check_threshold"] = 0.1,
                ["domain_content_threshold"] = 0.1,
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

    /// <summary>Requests captured in the hour the execution analyses: the endpoint's invocations × its sampling percentage.</summary>
    private int CapturedItems(DateTimeOffset execution)
    {
        var invocations = endpoint.Variants.Sum(v =>
            scenario.GetValue(endpoint.Name, v.Name, SageMakerMetrics.Invocations, "Sum", 3600, execution.AddHours(-1)) ?? 0);
        return (int)Math.Round(invocations * (endpoint.DataCaptureSamplingPercent ?? 100) / 100.0);
    }

    private static byte[] Document(int items, JsonArray features) => S3CaptureData.Json(new JsonObject
    {
        ["version"] = 0,
        ["dataset"] = new JsonObject { ["item_count"] = items },
        ["features"] = features,
    });

    /// <summary>Numerical statistics of the normal distribution itself (mean ± 3σ, ten equal-width KLL buckets).</summary>
    private static JsonObject FeatureStatistics(S3FeatureModel feature, double shift, int items)
    {
        var mean = feature.ShiftedMean(shift);
        var min = Math.Max(feature.Min, mean - 3 * feature.StdDev);
        var max = mean + 3 * feature.StdDev;
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
    private static double Share(S3FeatureModel feature, double mean, double min, double max, double x)
    {
        double Phi(double v) => S3FeatureModel.Cdf((v - mean) / feature.StdDev);
        return (Phi(x) - Phi(min)) / (Phi(max) - Phi(min));
    }
}
