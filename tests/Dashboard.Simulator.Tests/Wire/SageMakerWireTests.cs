using System.Net;
using System.Text.Json;

namespace Dashboard.Simulator.Tests.Wire;

public sealed class SageMakerWireTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private SimulatorHost Host => fixture.Host;

    private static DateTimeOffset Epoch(JsonElement e) => DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(e.GetDouble() * 1000));

    [Fact]
    public async Task ListEndpoints_PagedByThree_EveryEndpointOnceNewestFirst()
    {
        var names = new List<string>();
        var created = new List<DateTimeOffset>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Host.SageMakerAsync("ListEndpoints", token is null ? new { MaxResults = 3 } : new { MaxResults = 3, NextToken = token });
            foreach (var endpoint in page.GetProperty("Endpoints").EnumerateArray())
            {
                names.Add(endpoint.GetProperty("EndpointName").GetString()!);
                created.Add(Epoch(endpoint.GetProperty("CreationTime")));
                Assert.StartsWith("arn:aws:sagemaker:us-east-1:123456789012:endpoint/", endpoint.GetProperty("EndpointArn").GetString());
            }
            token = page.TryGetProperty("NextToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(4, pages);
        Assert.Equal(10, names.Count);
        Assert.Equal(10, names.Distinct().Count());
        Assert.Equal(created.OrderDescending(), created);
    }

    [Fact]
    public async Task ListEndpoints_DefaultMaxResults_TenWithoutToken()
    {
        var page = await Host.SageMakerAsync("ListEndpoints", new { });

        Assert.Equal(10, page.GetProperty("Endpoints").GetArrayLength());
        Assert.False(page.TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task ListEndpoints_SortByNameAscending_Alphabetical()
    {
        var page = await Host.SageMakerAsync("ListEndpoints", new { SortBy = "Name", SortOrder = "Ascending", MaxResults = 100 });
        var names = page.GetProperty("Endpoints").EnumerateArray().Select(e => e.GetProperty("EndpointName").GetString()!).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task ListEndpoints_NameContainsAndStatusEquals_Filter()
    {
        var byName = await Host.SageMakerAsync("ListEndpoints", new { NameContains = "RISK" });
        var updating = await Host.SageMakerAsync("ListEndpoints", new { StatusEquals = "Updating" });

        Assert.Equal(["credit-risk"], byName.GetProperty("Endpoints").EnumerateArray().Select(e => e.GetProperty("EndpointName").GetString()));
        Assert.Equal(["image-moderation"], updating.GetProperty("Endpoints").EnumerateArray().Select(e => e.GetProperty("EndpointName").GetString()));
    }

    [Theory]
    [InlineData("{\"MaxResults\":0}")]
    [InlineData("{\"MaxResults\":101}")]
    [InlineData("{\"SortBy\":\"Size\"}")]
    [InlineData("{\"NextToken\":\"not-a-token\"}")]
    public async Task ListEndpoints_InvalidInput_ValidationException(string body)
    {
        var response = await Host.PostAsync("SageMaker.ListEndpoints", body);
        var error = await SimulatorHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", error.GetProperty("__type").GetString());
        Assert.False(response.Headers.Contains("x-amzn-query-error"));
    }

    [Fact]
    public async Task DescribeEndpoint_AbTest_TwoVariantsWithWeights()
    {
        var endpoint = await Host.SageMakerAsync("DescribeEndpoint", new { EndpointName = "pricing-ab" });
        var variants = endpoint.GetProperty("ProductionVariants").EnumerateArray().ToList();

        Assert.Equal("InService", endpoint.GetProperty("EndpointStatus").GetString());
        Assert.Equal("pricing-ab-config-v2", endpoint.GetProperty("EndpointConfigName").GetString());
        Assert.Equal(["VariantA", "VariantB"], variants.Select(v => v.GetProperty("VariantName").GetString()));
        Assert.Equal([0.8, 0.2], variants.Select(v => v.GetProperty("CurrentWeight").GetDouble()));
        Assert.All(variants, v => Assert.Equal(v.GetProperty("CurrentInstanceCount").GetInt32(), v.GetProperty("DesiredInstanceCount").GetInt32()));
        Assert.Equal(25, endpoint.GetProperty("DataCaptureConfig").GetProperty("CurrentSamplingPercentage").GetInt32());
    }

    [Fact]
    public async Task DescribeEndpoint_Updating_DesiredDiffersFromCurrent()
    {
        var endpoint = await Host.SageMakerAsync("DescribeEndpoint", new { EndpointName = "image-moderation" });
        var v1 = endpoint.GetProperty("ProductionVariants")[0];

        Assert.Equal("Updating", endpoint.GetProperty("EndpointStatus").GetString());
        Assert.NotEqual(v1.GetProperty("CurrentWeight").GetDouble(), v1.GetProperty("DesiredWeight").GetDouble());
        Assert.NotEqual(v1.GetProperty("CurrentInstanceCount").GetInt32(), v1.GetProperty("DesiredInstanceCount").GetInt32());
        Assert.Equal("Updating", v1.GetProperty("VariantStatus")[0].GetProperty("Status").GetString());
    }

    [Fact]
    public async Task DescribeEndpoint_CaptureEnabled_ReportsDataCaptureConfig()
    {
        var endpoint = await Host.SageMakerAsync("DescribeEndpoint", new { EndpointName = "credit-risk" });
        var capture = endpoint.GetProperty("DataCaptureConfig");

        Assert.True(capture.GetProperty("EnableCapture").GetBoolean());
        Assert.Equal("Started", capture.GetProperty("CaptureStatus").GetString());
        Assert.Equal(50, capture.GetProperty("CurrentSamplingPercentage").GetInt32());
        Assert.StartsWith("s3://", capture.GetProperty("DestinationS3Uri").GetString());
    }

    [Fact]
    public async Task DescribeEndpoint_FraudDetector_InstanceCountAtNow()
    {
        var endpoint = await Host.SageMakerAsync("DescribeEndpoint", new { EndpointName = "fraud-detector" });
        var scenario = Host.App.Services.GetService(typeof(Simulator.Scenario.FleetScenario)) as Simulator.Scenario.FleetScenario;

        Assert.Equal(scenario!.InstanceCount("fraud-detector", "AllTraffic", TestClock.Now),
            endpoint.GetProperty("ProductionVariants")[0].GetProperty("CurrentInstanceCount").GetInt32());
    }

    [Fact]
    public async Task DescribeEndpoint_Unknown_ValidationExceptionWithLowerCasedArn()
    {
        var response = await Host.PostAsync("SageMaker.DescribeEndpoint", "{\"EndpointName\":\"Missing-EP\"}");
        var error = await SimulatorHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("ValidationException", error.GetProperty("__type").GetString());
        Assert.Equal("Could not find endpoint \"arn:aws:sagemaker:us-east-1:123456789012:endpoint/missing-ep\".",
            error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task ListTags_KnownEndpoint_EnvAndTeamTags()
    {
        var reply = await Host.SageMakerAsync("ListTags", new { ResourceArn = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/fraud-detector" });
        var tags = reply.GetProperty("Tags").EnumerateArray().ToDictionary(t => t.GetProperty("Key").GetString()!, t => t.GetProperty("Value").GetString());

        Assert.Equal("prod", tags["env"]);
        Assert.Equal("risk", tags["team"]);
    }

    [Fact]
    public async Task ListTags_UnknownResource_ValidationException()
    {
        var response = await Host.PostAsync("SageMaker.ListTags", "{\"ResourceArn\":\"arn:aws:sagemaker:us-east-1:123456789012:endpoint/nope\"}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("ValidationException", (await SimulatorHost.ReadJsonAsync(response)).GetProperty("__type").GetString());
    }

    [Fact]
    public async Task DescribeEndpointConfig_Recsys_InstanceTypeAndWeights()
    {
        var config = await Host.SageMakerAsync("DescribeEndpointConfig", new { EndpointConfigName = "recsys-ranker-config-v3" });
        var variant = config.GetProperty("ProductionVariants")[0];

        Assert.Equal("arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/recsys-ranker-config-v3",
            config.GetProperty("EndpointConfigArn").GetString());
        Assert.Equal("ml.g5.2xlarge", variant.GetProperty("InstanceType").GetString());
        Assert.Equal(2, variant.GetProperty("InitialInstanceCount").GetInt32());
        Assert.Equal(1.0, variant.GetProperty("InitialVariantWeight").GetDouble());
        Assert.Equal("recsys-two-tower-v3", variant.GetProperty("ModelName").GetString());
    }

    [Fact]
    public async Task DescribeEndpointConfig_Unknown_ValidationException()
    {
        var response = await Host.PostAsync("SageMaker.DescribeEndpointConfig", "{\"EndpointConfigName\":\"nope\"}");
        var error = await SimulatorHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Could not find endpoint configuration \"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/nope\".",
            error.GetProperty("message").GetString());
    }
}
