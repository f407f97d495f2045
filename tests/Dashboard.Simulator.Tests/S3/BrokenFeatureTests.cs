using System.Text.Json;
using Dashboard.Core.Metrics;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// credit-risk's <c>channel</c> breaks: a category that never existed (<c>partner_api</c>) from 30 h before the anchor
/// at a growing share, then 40 % of the records without it from 8 h before; Model Monitor's reports and metric say so.
/// </summary>
public sealed class BrokenFeatureTests
{
    private static readonly TestBucket Bucket = TestBucket.Create();

    private static List<Dictionary<string, JsonElement>> Inputs(int fromHoursAgo, int toHoursAgo) =>
        [.. Bucket.Capture(TestBucket.CreditCapture, TestClock.Anchor.AddHours(-fromHoursAgo), TestClock.Anchor.AddHours(-toHoursAgo))
            .Select(l => l.JsonFeatures)];

    private static double Share(List<Dictionary<string, JsonElement>> inputs, Func<Dictionary<string, JsonElement>, bool> test) =>
        inputs.Count(test) / (double)inputs.Count;

    private static bool IsPartner(Dictionary<string, JsonElement> input) =>
        input.TryGetValue("channel", out var channel) && channel.ValueKind == JsonValueKind.String && channel.GetString() == "partner_api";

    private static bool IsMissing(Dictionary<string, JsonElement> input) =>
        !input.TryGetValue("channel", out var channel) || channel.ValueKind == JsonValueKind.Null;

    [Fact]
    public void Channel_BeforeTheBreak_OnlyTheBaselineCategories()
    {
        var inputs = Inputs(34, 31);

        Assert.All(inputs, i => Assert.Contains(i["channel"].GetString(), new[] { "branch", "web", "mobile" }));
    }

    [Fact]
    public void Channel_From30HoursAgo_NewCategoryAtAGrowingShare()
    {
        var early = Share(Inputs(30, 27), IsPartner);
        var later = Share(Inputs(13, 10), IsPartner);

        Assert.InRange(early, 0.01, 0.1);
        Assert.InRange(later, 0.15, 0.35);
        Assert.All(Inputs(13, 10), i => Assert.False(IsMissing(i)));
    }

    [Fact]
    public void Channel_From8HoursAgo_FortyPercentMissingAsNullOrAbsent()
    {
        var inputs = Inputs(7, 1);

        Assert.InRange(Share(inputs, IsMissing), 0.36, 0.44);
        Assert.InRange(Share(inputs, i => !i.ContainsKey("channel")), 0.17, 0.23);
        Assert.InRange(Share(inputs, i => i.TryGetValue("channel", out var c) && c.ValueKind == JsonValueKind.Null), 0.17, 0.23);
        Assert.InRange(Share(inputs, IsPartner), 0.15, 0.3);
        Assert.All(inputs, i => Assert.Contains(i["employment_type"].GetString(), new[] { "salaried", "self_employed", "retired", "student" }));
    }

    [Fact]
    public void OtherEndpoints_Recently_CategoriesInTheirDomainsNothingMissing()
    {
        var churn = Bucket.Capture("datacapture/churn-prod/churn-prod/AllTraffic/", TestClock.Anchor.AddHours(-3), TestClock.Anchor);
        var pricing = Bucket.Capture("datacapture/pricing-ab/pricing-ab/VariantB/", TestClock.Anchor.AddHours(-3), TestClock.Anchor);

        Assert.All(churn, l => Assert.Contains(l.CsvFields[3], new[] { "month_to_month", "one_year", "two_year" }));
        Assert.All(pricing, l => Assert.Contains(l.JsonFeatures["customer_tier"].GetString(), new[] { "standard", "plus", "premium" }));
        Assert.All(pricing, l => Assert.Equal(5, l.JsonFeatures.Count));
    }

    [Fact]
    public void ModelMonitor_Reports_FlagTheBrokenChannelOnlyOnceBroken()
    {
        const string reports = "model-monitor/reports/credit-risk/credit-risk-data-quality/";
        Dictionary<string, string[]> Violations(DateTimeOffset execution) => JsonDocument
            .Parse(Bucket.Read(reports + TestBucket.HourPath(execution) + "/constraint_violations.json")).RootElement
            .GetProperty("violations").EnumerateArray()
            .GroupBy(v => v.GetProperty("feature_name").GetString()!)
            .ToDictionary(g => g.Key, g => g.Select(v => v.GetProperty("constraint_check_type").GetString()!).Order().ToArray());

        var now = Violations(TestClock.Anchor);
        var twoDaysAgo = Violations(TestClock.Anchor.AddDays(-2));

        Assert.Equal(["baseline_drift_check", "categorical_values_check", "completeness_check"], now["channel"]);
        Assert.False(now.ContainsKey("employment_type"));
        Assert.False(twoDaysAgo.ContainsKey("channel"));
        var channel = JsonDocument.Parse(Bucket.Read(reports + TestBucket.HourPath(TestClock.Anchor) + "/statistics.json")).RootElement
            .GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "channel").GetProperty("string_statistics");
        var common = channel.GetProperty("common");
        var missing = common.GetProperty("num_missing").GetInt32();
        Assert.InRange(missing / (double)(missing + common.GetProperty("num_present").GetInt32()), 0.39, 0.41);
        Assert.Contains(channel.GetProperty("distribution").GetProperty("categorical").GetProperty("buckets").EnumerateArray(),
            b => b.GetProperty("value").GetString() == "partner_api");
    }

    [Fact]
    public void ModelMonitor_ChannelDriftMetric_CrossesTheThresholdAfterTheBreak()
    {
        double? Drift(DateTimeOffset at) =>
            Bucket.Scenario.GetValue("credit-risk", null, SageMakerMetrics.DriftPrefix + "channel", "Average", 3600, at);

        Assert.True(Drift(TestClock.Anchor.AddDays(-2)) < 0.05);
        Assert.True(Drift(TestClock.Anchor.AddHours(-12)) > 0.1);
        Assert.True(Drift(TestClock.Anchor) > 0.3);
    }
}
