using System.Text.Json;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>What SageMaker says about the capture the bucket holds: content types captured as they are, and the tags
/// that point the dashboard at an endpoint's ground truth and retraining pipeline.</summary>
public sealed class CaptureConfigWireTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    private async Task<Dictionary<string, string>> TagsAsync(string endpoint) =>
        (await Host.SageMakerAsync("ListTags", new { ResourceArn = $"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{endpoint}" }))
        .GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString()!);

    private async Task<JsonElement> CaptureConfigAsync(string config) =>
        (await Host.SageMakerAsync("DescribeEndpointConfig", new { EndpointConfigName = config })).GetProperty("DataCaptureConfig");

    [Fact]
    public async Task DescribeEndpointConfig_FraudDetector_CsvNotAmongTheCapturedContentTypes()
    {
        var fraud = (await CaptureConfigAsync("fraud-detector-config-v12")).GetProperty("CaptureContentTypeHeader");
        var churn = (await CaptureConfigAsync("churn-prod-config-v7")).GetProperty("CaptureContentTypeHeader");

        Assert.False(fraud.TryGetProperty("CsvContentTypes", out _));
        Assert.Equal(["application/json"], fraud.GetProperty("JsonContentTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["text/csv"], churn.GetProperty("CsvContentTypes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task DescribeEndpointConfig_PricingAb_CapturesIntoTheBucket()
    {
        var capture = await CaptureConfigAsync("pricing-ab-config-v2");

        Assert.Equal("s3://sagemaker-us-east-1-123456789012/datacapture/pricing-ab", capture.GetProperty("DestinationS3Uri").GetString());
        Assert.Equal(25, capture.GetProperty("InitialSamplingPercentage").GetInt32());
    }

    [Fact]
    public async Task ListTags_EndpointsWithGroundTruth_SayWhereAndWhatKind()
    {
        var credit = await TagsAsync("credit-risk");
        var pricing = await TagsAsync("pricing-ab");
        var churn = await TagsAsync("churn-prod");

        Assert.Equal("s3://sagemaker-us-east-1-123456789012/ground-truth/credit-risk/", credit["dashboard:ground-truth-s3-uri"]);
        Assert.Equal("BinaryClassification", credit["dashboard:problem-type"]);
        Assert.Equal("credit-risk-retrain", credit["dashboard:retraining-pipeline"]);
        Assert.Equal("s3://sagemaker-us-east-1-123456789012/ground-truth/pricing-ab/", pricing["dashboard:ground-truth-s3-uri"]);
        Assert.Equal("Regression", pricing["dashboard:problem-type"]);
        Assert.False(pricing.ContainsKey("dashboard:retraining-pipeline"));
        Assert.Equal(["env", "team"], churn.Keys.Order());
    }
}
