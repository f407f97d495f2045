using System.Net;
using System.Text.Json;

namespace Dashboard.Simulator.Tests.Wire;

public sealed class ProtocolTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly long Now = TestClock.Now.ToUnixTimeSeconds();

    private SimulatorHost Host => fixture.Host;

    private static string GetMetricData(IEnumerable<object> queries, long? start = null, long? end = null) =>
        JsonSerializer.Serialize(new { MetricDataQueries = queries, StartTime = start ?? Now - 3600, EndTime = end ?? Now });

    private async Task<(HttpResponseMessage Response, JsonElement Error)> CloudWatchErrorAsync(string body)
    {
        var response = await Host.PostAsync(SimulatorHost.CloudWatchPrefix + "GetMetricData", body, "application/x-amz-json-1.0");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (response, await SimulatorHost.ReadJsonAsync(response));
    }

    [Fact]
    public async Task Reply_Success_CarriesRequestIdAndJson10ContentType()
    {
        var response = await Host.PostAsync(SimulatorHost.CloudWatchPrefix + "ListMetrics", "{}", "application/x-amz-json-1.0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-amz-json-1.0", response.Content.Headers.ContentType!.MediaType);
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
    }

    [Fact]
    public async Task Reply_SageMaker_Json11ContentTypeAndFreshRequestIds()
    {
        var first = await Host.PostAsync("SageMaker.ListEndpoints", "{}");
        var second = await Host.PostAsync("SageMaker.ListEndpoints", "{}");

        Assert.Equal("application/x-amz-json-1.1", first.Content.Headers.ContentType!.MediaType);
        Assert.NotEqual(first.Headers.GetValues("x-amzn-RequestId").Single(), second.Headers.GetValues("x-amzn-RequestId").Single());
    }

    [Fact]
    public async Task Post_UnknownTarget_UnknownOperationException()
    {
        var response = await Host.PostAsync("SageMaker.DeleteEverything", "{}");
        var error = await SimulatorHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UnknownOperationException", error.GetProperty("__type").GetString());
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
    }

    [Fact]
    public async Task Post_MalformedJson_SerializationException()
    {
        var response = await Host.PostAsync(SimulatorHost.CloudWatchPrefix + "GetMetricData", "{\"MetricDataQueries\":[", "application/x-amz-json-1.0");
        var error = await SimulatorHost.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SerializationException", error.GetProperty("__type").GetString());
        Assert.Equal("SerializationException;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
    }

    [Fact]
    public async Task GetMetricData_501Queries_InvalidParameterValueWithQueryErrorHeader()
    {
        var queries = Enumerable.Range(0, 501).Select(i => CloudWatchWireTests.Query($"q{i}", "Invocations", "churn-prod"));

        var (response, error) = await CloudWatchErrorAsync(GetMetricData(queries));

        Assert.Equal("InvalidParameterValue", error.GetProperty("__type").GetString());
        Assert.Equal("InvalidParameterValue;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
        Assert.Equal("application/x-amz-json-1.0", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetMetricData_500Queries_Accepted()
    {
        var queries = Enumerable.Range(0, 500).Select(i => CloudWatchWireTests.Query($"q{i}", "Invocations", "churn-prod", stat: "Sum"));

        var reply = await Host.PostAsync(SimulatorHost.CloudWatchPrefix + "GetMetricData", GetMetricData(queries, Now - 600), "application/x-amz-json-1.0");

        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    public async Task GetMetricData_BadId_InvalidParameterValue(string id)
    {
        var (_, error) = await CloudWatchErrorAsync(GetMetricData([CloudWatchWireTests.Query(id, "Invocations", "churn-prod")]));

        Assert.Equal("InvalidParameterValue", error.GetProperty("__type").GetString());
        Assert.Contains(id, error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetMetricData_DuplicateId_InvalidParameterValue()
    {
        var (_, error) = await CloudWatchErrorAsync(GetMetricData(
            [CloudWatchWireTests.Query("m", "Invocations", "churn-prod"), CloudWatchWireTests.Query("m", "ModelLatency", "churn-prod")]));

        Assert.Equal("InvalidParameterValue", error.GetProperty("__type").GetString());
    }

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(0)]
    public async Task GetMetricData_BadPeriod_InvalidParameterValue(int period)
    {
        var (_, error) = await CloudWatchErrorAsync(GetMetricData([CloudWatchWireTests.Query("m", "Invocations", "churn-prod", period: period)]));

        Assert.Equal("InvalidParameterValue", error.GetProperty("__type").GetString());
        Assert.Contains("Period", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetMetricData_StartNotBeforeEnd_InvalidParameterValue()
    {
        var (_, error) = await CloudWatchErrorAsync(GetMetricData([CloudWatchWireTests.Query("m", "Invocations", "churn-prod")], Now, Now));

        Assert.Equal("InvalidParameterValue", error.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task GetMetricData_BadStat_InvalidParameterValue()
    {
        var (_, error) = await CloudWatchErrorAsync(GetMetricData([CloudWatchWireTests.Query("m", "Invocations", "churn-prod", stat: "Median")]));

        Assert.Equal("InvalidParameterValue", error.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task GetMetricData_Expression_NotSupported()
    {
        var (_, error) = await CloudWatchErrorAsync(GetMetricData([new { Id = "e", Expression = "m1 * 2" }]));

        Assert.Equal("InvalidParameterValue", error.GetProperty("__type").GetString());
        Assert.Equal("metric math is not supported by the simulator", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task GetMetricData_ForeignNextToken_InvalidNextToken()
    {
        var body = JsonSerializer.Serialize(new
        {
            MetricDataQueries = new[] { CloudWatchWireTests.Query("m", "Invocations", "churn-prod") },
            StartTime = Now - 3600,
            EndTime = Now,
            NextToken = "eyJGIjoiMDAwMCIsIk5vdyI6MCwiUSI6MCwiSyI6MH0",
        });

        var (response, error) = await CloudWatchErrorAsync(body);

        Assert.Equal("InvalidNextToken", error.GetProperty("__type").GetString());
        Assert.Equal("InvalidNextToken;Sender", response.Headers.GetValues("x-amzn-query-error").Single());
    }

    [Fact]
    public async Task Replies_SameSeedAndAnchor_ByteIdenticalAcrossHosts()
    {
        await using var other = await SimulatorHost.StartAsync();
        var body = GetMetricData(
        [
            CloudWatchWireTests.Query("a", "ModelLatency", "llm-summarizer", stat: "p99", period: 300),
            CloudWatchWireTests.Query("b", "Invocation5XXErrors", "search-embeddings", stat: "Sum"),
        ], Now - 4 * 3600);

        const string describe = "{\"EndpointName\":\"fraud-detector\"}";

        var mine = await SimulatorHost.ReadBytesAsync(Host.PostAsync(SimulatorHost.CloudWatchPrefix + "GetMetricData", body, "application/x-amz-json-1.0"));
        var theirs = await SimulatorHost.ReadBytesAsync(other.PostAsync(SimulatorHost.CloudWatchPrefix + "GetMetricData", body, "application/x-amz-json-1.0"));
        var endpointsMine = await SimulatorHost.ReadBytesAsync(Host.PostAsync("SageMaker.DescribeEndpoint", describe));
        var endpointsTheirs = await SimulatorHost.ReadBytesAsync(other.PostAsync("SageMaker.DescribeEndpoint", describe));

        Assert.Equal(mine, theirs);
        Assert.Equal(endpointsMine, endpointsTheirs);
    }

    [Fact]
    public async Task Build_NoAnchorConfigured_AnchorIsStartFlooredToHour()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Anchor = null);

        var scenario = (Simulator.Scenario.FleetScenario)host.App.Services.GetService(typeof(Simulator.Scenario.FleetScenario))!;

        Assert.Equal(TestClock.Anchor, scenario.Anchor);
    }

    [Fact]
    public void Options_Defaults_AreTheDocumentedOnes()
    {
        var options = new SimulatorOptions();

        Assert.Equal(42, options.Seed);
        Assert.Equal("123456789012", options.AccountId);
        Assert.Equal("us-east-1", options.Region);
        Assert.Equal("AKIDSIMULATOR", options.AccessKeyId);
        Assert.Equal("simulator-secret", options.SecretAccessKey);
        Assert.Null(options.Anchor);
        Assert.Equal(500, options.ListMetricsPageSize);
    }

    [Fact]
    public async Task Build_InvalidAccountId_FailsAtStartNamingTheKey()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SimulatorHost.StartAsync(o => o.AccountId = "abc"));

        Assert.Contains("Simulator:AccountId", error.Message);
    }
}
