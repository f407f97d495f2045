using System.Text;
using System.Text.Json;
using Dashboard.Core.Drift.Monitor;
using Dashboard.Core.Drift.Summaries;

namespace Dashboard.Core.Tests.Drift;

public sealed class MonitorStatisticsTests
{
    // The shape of Model Monitor's statistics.json (data quality), with ten-bucket KLL distributions and categorical buckets.
    private const string Statistics = """
        {"version":0,"dataset":{"item_count":200},"features":[
          {"name":"tenure_months","inferred_type":"Integral","numerical_statistics":{"common":{"num_present":198,"num_missing":2},
            "mean":28.0,"sum":5544.0,"std_dev":16.0,"min":0.0,"max":90.0,
            "distribution":{"kll":{"buckets":[{"lower_bound":0.0,"upper_bound":45.0,"count":150.0},{"lower_bound":45.0,"upper_bound":90.0,"count":48.0}],
              "sketch":{"parameters":{"c":0.64,"k":2048.0},"data":[[1.0,2.0]]}}}}},
          {"name":"channel","inferred_type":"String","string_statistics":{"common":{"num_present":200,"num_missing":0},"distinct_count":2.0,
            "distribution":{"categorical":{"buckets":[{"value":"web","count":120},{"value":"branch","count":80}]}}}}]}
        """;

    [Fact]
    public void Parse_NumbersKeepTheirMomentsAndBucketCounts_CategoriesTheirCounts()
    {
        var features = MonitorStatistics.Parse(Encoding.UTF8.GetBytes(Statistics));

        Assert.Equal(["tenure_months", "channel"], features.Select(f => f.Name));
        var tenure = features[0].Summary;
        Assert.Equal((200L, 2L, 198L), (tenure.Records, tenure.Missing, tenure.Numbers.Count));
        Assert.Equal((28.0, 16.0, 0.0, 90.0), (tenure.Mean, Math.Round(tenure.StdDev, 9), tenure.Min, tenure.Max));
        Assert.Equal(150, tenure.Numbers.Buckets().Where(b => b.Value < 45).Sum(b => b.Count));
        var channel = features[1].Summary;
        Assert.Equal(FeatureType.Categorical, channel.Type);
        Assert.Equal(120, channel.Categories.Counts["web"]);
    }

    [Fact]
    public void Parse_AnIntegralFeature_SpreadsOnlyOverWholeNumbers()
    {
        var features = MonitorStatistics.Parse("""
            {"features":[{"name":"contract_type","inferred_type":"Integral","numerical_statistics":{"common":{"num_present":100,"num_missing":0},
              "mean":1,"std_dev":0.8,"min":0,"max":2,"distribution":{"kll":{"buckets":[
                {"lower_bound":0.0,"upper_bound":0.2,"count":30},{"lower_bound":0.2,"upper_bound":0.8,"count":0},
                {"lower_bound":0.8,"upper_bound":1.2,"count":40},{"lower_bound":1.8,"upper_bound":2.0,"count":30}]}}}}]}
            """u8);

        var buckets = features[0].Summary.Numbers.Buckets().ToList();

        Assert.Equal([(0.0, 30L), (1.0, 40L), (2.0, 30L)], buckets.Select(b => (Math.Round(b.Value, 1), b.Count)));
    }

    [Fact]
    public void Parse_NotStatistics_Throws() =>
        Assert.ThrowsAny<JsonException>(() => MonitorStatistics.Parse("""{"violations":[]}"""u8));

    [Fact]
    public void Thresholds_ReadTheComparisonThresholds_DefaultingCategoricalToNumeric()
    {
        Assert.Equal((0.2, 0.3), MonitorConstraints.Thresholds("""
            {"version":0,"monitoring_config":{"distribution_constraints":{"comparison_threshold":0.2,"categorical_comparison_threshold":0.3}}}
            """u8));
        Assert.Equal((0.15, 0.15), MonitorConstraints.Thresholds("""{"monitoring_config":{"distribution_constraints":{"comparison_threshold":0.15}}}"""u8));
        Assert.Equal((0.1, 0.1), MonitorConstraints.Thresholds("""{"features":[]}"""u8));
    }
}
