using System.Globalization;
using System.Text.Json;
using Dashboard.Simulator.Scenario;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// Each capture endpoint's files parse as AWS documents data capture, in its own content type and encoding, with the
/// columns of a CSV input in the order of the Model Monitor baseline that names them.
/// </summary>
public sealed class CaptureFormatTests
{
    private static readonly TestBucket Bucket = TestBucket.Create();
    private static readonly DateTimeOffset Hour = TestClock.Anchor.AddHours(-5);

    private static List<CaptureLine> OneHour(string variantPrefix) => Bucket.Capture(variantPrefix, Hour, Hour.AddHours(1));

    private static List<JsonElement> BaselineFeatures(string schedule, string file) =>
        [.. JsonDocument.Parse(Bucket.Read($"model-monitor/baselines/{schedule}/{file}")).RootElement.GetProperty("features").EnumerateArray()];

    private static Dictionary<string, string[]> Domains(string schedule) => BaselineFeatures(schedule, "constraints.json")
        .Where(f => f.GetProperty("inferred_type").GetString() == "String")
        .ToDictionary(f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("string_constraints").GetProperty("domains").EnumerateArray().Select(d => d.GetString()!).ToArray());

    [Fact]
    public void CreditRisk_JsonInputWithInferenceIds_NamedFeaturesAndJsonScore()
    {
        var lines = OneHour(TestBucket.CreditCapture);

        Assert.True(lines.Count > 500, $"{lines.Count} records");
        string[] names = ["income", "debt_to_income", "credit_utilization", "age", "employment_type", "channel"];
        var domains = Domains("credit-risk-data-quality");
        foreach (var line in lines)
        {
            Assert.Equal(("application/json", "JSON"), (line.InputContentType, line.InputEncoding));
            Assert.Equal(("application/json", "JSON"), (line.OutputContentType, line.OutputEncoding));
            var features = line.JsonFeatures;
            Assert.Subset(names.ToHashSet(), features.Keys.ToHashSet());
            Assert.All(names[..5], n => Assert.True(features.ContainsKey(n), n));
            Assert.All(names[..4], n => Assert.Equal(JsonValueKind.Number, features[n].ValueKind));
            Assert.Contains(features["employment_type"].GetString(), domains["employment_type"]);
            Assert.Equal(["score"], JsonDocument.Parse(line.Output).RootElement.EnumerateObject().Select(p => p.Name));
            Assert.InRange(line.Prediction, 0, 1);
            Assert.Matches("^loan-app-[0-9a-f]{16}$", line.InferenceId!);
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", line.EventId);
            Assert.Equal(Hour, SimulatorApp.FloorToHour(line.InferenceTime));
        }
        Assert.Equal(lines.Count, lines.Select(l => l.InferenceId).Distinct().Count());
        Assert.Equal(names, BaselineFeatures("credit-risk-data-quality", "statistics.json").Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(["salaried", "self_employed", "retired", "student"], domains["employment_type"]);
        Assert.Equal(["branch", "web", "mobile"], domains["channel"]);
    }

    [Fact]
    public void ChurnProd_CsvWithoutHeader_ColumnsInTheBaselineOrder()
    {
        var lines = OneHour("datacapture/churn-prod/churn-prod/AllTraffic/");

        var statistics = BaselineFeatures("churn-prod-data-quality", "statistics.json");
        Assert.Equal(["tenure_months", "monthly_charges", "support_calls", "contract_type"], statistics.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(["Integral", "Fractional", "Integral", "String"], statistics.Select(f => f.GetProperty("inferred_type").GetString()));
        Assert.True(statistics[3].TryGetProperty("string_statistics", out _));
        var contracts = Domains("churn-prod-data-quality")["contract_type"];
        Assert.Equal(["month_to_month", "one_year", "two_year"], contracts);
        Assert.True(lines.Count > 500);
        foreach (var line in lines)
        {
            Assert.Equal(("text/csv", "CSV"), (line.InputContentType, line.InputEncoding));
            Assert.Equal(("text/csv; charset=utf-8", "CSV"), (line.OutputContentType, line.OutputEncoding));
            var fields = line.CsvFields;
            Assert.Equal(4, fields.Length);
            Assert.All(fields[..3], f => double.Parse(f, NumberStyles.Float, CultureInfo.InvariantCulture));
            Assert.True(long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out _), fields[0]);
            Assert.Contains(fields[3], contracts);
            Assert.InRange(line.Prediction, 0, 1);
            Assert.Null(line.InferenceId);
        }
    }

    [Fact]
    public void FraudDetector_Base64_DecodesToCsvOfTheBaselineColumns()
    {
        var lines = OneHour("datacapture/fraud-detector/fraud-detector/AllTraffic/");

        Assert.Equal(["amount", "merchant_category", "hour_of_day"],
            BaselineFeatures("fraud-detector-data-quality", "statistics.json").Select(f => f.GetProperty("name").GetString()));
        var merchants = Domains("fraud-detector-data-quality")["merchant_category"];
        Assert.True(lines.Count > 500);
        foreach (var line in lines)
        {
            Assert.Equal(("text/csv", "BASE64"), (line.InputContentType, line.InputEncoding));
            Assert.Equal(("text/csv; charset=utf-8", "BASE64"), (line.OutputContentType, line.OutputEncoding));
            var fields = line.CsvFields;
            Assert.Equal(3, fields.Length);
            Assert.Contains(fields[1], merchants);
            Assert.InRange(int.Parse(fields[2], CultureInfo.InvariantCulture), 0, 23);
            Assert.InRange(line.Prediction, 0, 1);
        }
    }

    [Fact]
    public void PricingAb_TwoVariantsJsonInNumberOut_WithoutModelMonitor()
    {
        var a = OneHour("datacapture/pricing-ab/pricing-ab/VariantA/");
        var b = OneHour("datacapture/pricing-ab/pricing-ab/VariantB/");

        // VariantA takes 80 % of the traffic.
        Assert.InRange((double)a.Count / (a.Count + b.Count), 0.75, 0.85);
        foreach (var line in a.Concat(b))
        {
            Assert.Equal(("application/json", "JSON"), (line.InputContentType, line.InputEncoding));
            Assert.Equal(("text/csv; charset=utf-8", "CSV"), (line.OutputContentType, line.OutputEncoding));
            var features = line.JsonFeatures;
            Assert.Equal(["list_price", "competitor_price", "inventory_days", "region", "customer_tier"], features.Keys);
            Assert.Equal(JsonValueKind.String, features["region"].ValueKind);
            Assert.True(line.Prediction > 1, line.Output);
            Assert.Null(line.InferenceId);
        }
        Assert.Empty(Bucket.List("model-monitor/reports/pricing-ab/"));
        Assert.DoesNotContain(Bucket.Scenario.Series, s => s.EndpointName == "pricing-ab" && s.VariantName is null);
    }

    [Fact]
    public void Profiles_EveryCaptureEndpoint_NumericAndCategoricalFeaturesInTheMonitorsOrder()
    {
        var capturing = Bucket.Scenario.Endpoints.Where(e => e.DataCaptureSamplingPercent is not null).ToList();

        Assert.Equal(["churn-prod", "fraud-detector", "credit-risk", "pricing-ab"], capturing.Select(e => e.Name));
        foreach (var endpoint in capturing)
        {
            var capture = endpoint.Capture!;
            Assert.Contains(capture.Features, f => f is NumericFeature);
            Assert.Contains(capture.Features, f => f is CategoricalFeature);
            Assert.All(capture.Features.OfType<CategoricalFeature>(), f => Assert.Equal(1, f.Categories.Sum(c => c.Share), 9));
            if (endpoint.Monitor is { } monitor)
            {
                Assert.Equal(capture.Features.Select(f => f.Name), monitor.Features.Select(f => f.Name));
            }
        }
    }

    [Fact]
    public void Clones_LargerFleet_CaptureLikeTheirTemplateWithoutItsPipeline()
    {
        var bucket = TestBucket.Create(o => o.FleetSize = 16);
        var clone = bucket.Scenario.FindEndpoint("credit-risk-016")!;

        var lines = bucket.Capture("datacapture/credit-risk-016/credit-risk-016/AllTraffic/", Hour, Hour.AddHours(1));

        Assert.True(lines.Count > 500);
        Assert.All(lines, l => Assert.Equal("JSON", l.InputEncoding));
        Assert.NotEmpty(bucket.List("ground-truth/credit-risk-016/"));
        Assert.Equal(["dashboard:ground-truth-s3-uri", "dashboard:problem-type"],
            Dashboard.Simulator.S3.DashboardTags.For(clone, "bucket").Select(t => t.Key));
        Assert.Contains("dashboard:retraining-pipeline",
            Dashboard.Simulator.S3.DashboardTags.For(bucket.Scenario.FindEndpoint("credit-risk")!, "bucket").Select(t => t.Key));
    }
}
