using System.Text.Json;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.Tests;

public sealed class CloudWatchClientTests : IAsyncLifetime
{
    private const string MetricDataReply = """
        {"MetricDataResults":[{"Id":"m1","Label":"ModelLatency","Timestamps":[1767225660,1767225600.5],
          "Values":[13.5,12.5],"StatusCode":"Complete","FutureMember":{"x":1}}],"Messages":[]}
        """;

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GetMetricDataRequest LatencyRequest() => new(
        [new MetricDataQuery("m1", new MetricStat(
            new Metric("AWS/SageMaker", "ModelLatency", [new Dimension("EndpointName", "ep1"), new Dimension("VariantName", "AllTraffic")]),
            60, "Average"))],
        DateTimeOffset.FromUnixTimeSeconds(1767225600), DateTimeOffset.FromUnixTimeSeconds(1767229200),
        ScanBy: ScanBy.TimestampAscending);

    [Fact]
    public async Task GetMetricData_AnyRequest_SendsAwsJson10Headers()
    {
        _server.Enqueue(ScriptedReply.Ok(MetricDataReply));
        using var host = new AwsTestHost(_server);

        await host.CloudWatch.GetMetricDataAsync(LatencyRequest(), Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("application/x-amz-json-1.0", request.Header("Content-Type"));
        Assert.Equal("GraniteServiceVersion20100801.GetMetricData", request.Header("X-Amz-Target"));
        Assert.Equal("true", request.Header("x-amzn-query-mode"));
        Assert.Equal("attempt=1; max=3", request.Header("amz-sdk-request"));
    }

    [Fact]
    public async Task GetMetricData_AnyRequest_SerializesModelMemberNamesAndEpochSeconds()
    {
        _server.Enqueue(ScriptedReply.Ok(MetricDataReply));
        using var host = new AwsTestHost(_server);

        await host.CloudWatch.GetMetricDataAsync(LatencyRequest(), Ct);

        using var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body);
        var root = body.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("StartTime").ValueKind);
        Assert.Equal(1767225600, root.GetProperty("StartTime").GetInt64());
        Assert.Equal(1767229200, root.GetProperty("EndTime").GetInt64());
        Assert.Equal("TimestampAscending", root.GetProperty("ScanBy").GetString());
        var query = root.GetProperty("MetricDataQueries")[0];
        Assert.Equal("m1", query.GetProperty("Id").GetString());
        var stat = query.GetProperty("MetricStat");
        Assert.Equal(60, stat.GetProperty("Period").GetInt32());
        Assert.Equal("Average", stat.GetProperty("Stat").GetString());
        var metric = stat.GetProperty("Metric");
        Assert.Equal("AWS/SageMaker", metric.GetProperty("Namespace").GetString());
        Assert.Equal("ModelLatency", metric.GetProperty("MetricName").GetString());
        Assert.Equal("EndpointName", metric.GetProperty("Dimensions")[0].GetProperty("Name").GetString());
        Assert.Equal("ep1", metric.GetProperty("Dimensions")[0].GetProperty("Value").GetString());
        // Unset optional members are omitted, not sent as null.
        Assert.False(root.TryGetProperty("NextToken", out _));
        Assert.False(stat.TryGetProperty("Unit", out _));
    }

    [Fact]
    public async Task GetMetricData_CompleteReply_ParsesEpochTimestampsAndValues()
    {
        _server.Enqueue(ScriptedReply.Ok(MetricDataReply));
        using var host = new AwsTestHost(_server);

        var reply = await host.CloudWatch.GetMetricDataAsync(LatencyRequest(), Ct);

        var result = Assert.Single(reply.MetricDataResults);
        Assert.Equal("m1", result.Id);
        Assert.Equal(StatusCodes.Complete, result.StatusCode);
        Assert.Equal([13.5, 12.5], result.Values);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767225660), result.Timestamps[0]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600500), result.Timestamps[1]);
    }

    [Fact]
    public async Task ListMetrics_FilterRequest_SendsTargetAndParsesDimensions()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"Metrics":[{"Namespace":"AWS/SageMaker","MetricName":"Invocations",
              "Dimensions":[{"Name":"EndpointName","Value":"ep1"}]},
             {"Namespace":"AWS/SageMaker","MetricName":"CPUUtilization"}],"NextToken":"t2"}
            """));
        using var host = new AwsTestHost(_server);

        var reply = await host.CloudWatch.ListMetricsAsync(
            new ListMetricsRequest("AWS/SageMaker", Dimensions: [new DimensionFilter("EndpointName", "ep1")]), Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("GraniteServiceVersion20100801.ListMetrics", request.Header("X-Amz-Target"));
        Assert.Equal("""{"Namespace":"AWS/SageMaker","Dimensions":[{"Name":"EndpointName","Value":"ep1"}]}""", request.Body);
        Assert.Equal("t2", reply.NextToken);
        Assert.Equal(2, reply.Metrics.Count);
        Assert.Equal(new Dimension("EndpointName", "ep1"), Assert.Single(reply.Metrics[0].Dimensions));
        Assert.Empty(reply.Metrics[1].Dimensions);
    }

    [Fact]
    public async Task ListMetrics_ReplyWithoutMetrics_ReturnsEmptyList()
    {
        _server.Enqueue(ScriptedReply.Ok("{}"));
        using var host = new AwsTestHost(_server);

        var reply = await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);

        Assert.Empty(reply.Metrics);
        Assert.Equal("{}", Assert.Single(_server.Requests).Body);
    }
}
