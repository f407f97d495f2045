using System.Globalization;
using System.Text.Json;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>The data sets the models were trained on, for a baseline: CSV with a header row, or JSON Lines.</summary>
public sealed class TrainingDatasetTests
{
    private static readonly TestBucket Bucket = TestBucket.Create();

    [Fact]
    public void CreditRisk_Csv_HeaderThenThreeThousandRowsOfTheTrainingDistribution()
    {
        var lines = CaptureLine.Lines(Bucket.Read("datasets/credit-risk/train.csv"));

        Assert.Equal("income,debt_to_income,credit_utilization,age,employment_type,channel,label", lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(3_000, rows.Count);
        Assert.All(rows, r => Assert.Equal(7, r.Length));
        Assert.All(rows, r => Assert.Contains(r[5], new[] { "branch", "web", "mobile" }));
        Assert.All(rows, r => Assert.Contains(r[6], new[] { "0", "1" }));
        Assert.InRange(rows.Count(r => r[6] == "1") / 3_000.0, 0.25, 0.4);
        // Before the drift: debt-to-income around its baseline mean of 0.32.
        Assert.InRange(rows.Average(r => double.Parse(r[1], CultureInfo.InvariantCulture)), 0.31, 0.33);
    }

    [Fact]
    public void ChurnProd_Csv_ColumnsOfItsCaptureThenLabel()
    {
        var lines = CaptureLine.Lines(Bucket.Read("datasets/churn-prod/train.csv"));

        Assert.Equal("tenure_months,monthly_charges,support_calls,contract_type,label", lines[0]);
        Assert.Equal(3_001, lines.Length);
    }

    [Fact]
    public void PricingAb_JsonLines_FeaturesAndANumericLabel()
    {
        var rows = CaptureLine.Lines(Bucket.Read("datasets/pricing-ab/train.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(3_000, rows.Count);
        Assert.All(rows, r => Assert.Equal(["list_price", "competitor_price", "inventory_days", "region", "customer_tier", "label"],
            r.EnumerateObject().Select(p => p.Name)));
        Assert.InRange(rows.Average(r => r.GetProperty("label").GetDouble()), 40, 48);
    }

    [Fact]
    public void Datasets_Listed_OnlyForTheThreeEndpointsAndOlderThanThem()
    {
        var files = Bucket.List("datasets/");

        Assert.Equal(["datasets/churn-prod/train.csv", "datasets/credit-risk/train.csv", "datasets/pricing-ab/train.jsonl"], files.Select(f => f.Key));
        Assert.All(files, f => Assert.True(f.LastModified < Bucket.Scenario.FindEndpoint(f.Key.Split('/')[1])!.CreationTime));
    }
}
