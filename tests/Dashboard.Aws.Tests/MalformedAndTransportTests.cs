using System.Net;
using System.Net.Sockets;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.Tests;

public sealed class MalformedAndTransportTests : IAsyncLifetime
{
    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static GetMetricDataRequest AnyQuery() => new(
        [new MetricDataQuery("m1", Expression: "SEARCH('x', 'Average', 60)")],
        DateTimeOffset.FromUnixTimeSeconds(1767225600), DateTimeOffset.FromUnixTimeSeconds(1767229200));

    [Fact]
    public async Task GetMetricData_OkReplyNotJson_ThrowsMalformedResponseWithExcerptOnly()
    {
        _server.Enqueue(ScriptedReply.Ok("<html><body>Gateway says hello</body></html>"));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.CloudWatch.GetMetricDataAsync(AnyQuery(), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal("req-ok", error.RequestId);
        Assert.Contains("Gateway says hello", error.Message);
        Assert.DoesNotContain("AWS4-HMAC-SHA256", error.ToString());
        Assert.DoesNotContain(AwsTestHost.SecretAccessKey, error.ToString());
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetMetricData_ReplyWithoutMetricDataResults_ThrowsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"Messages":[]}"""));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.CloudWatch.GetMetricDataAsync(AnyQuery(), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Contains("MetricDataResults", error.Message);
    }

    [Fact]
    public async Task GetMetricData_TimestampsAndValuesDiffer_ThrowsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"MetricDataResults":[{"Id":"m1","StatusCode":"Complete","Timestamps":[1,2],"Values":[1]}]}"""));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.CloudWatch.GetMetricDataAsync(AnyQuery(), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
    }

    [Fact]
    public async Task GetMetricData_LongMalformedBody_ExcerptIsShort()
    {
        _server.Enqueue(ScriptedReply.Ok("{" + new string('x', 10_000)));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.CloudWatch.GetMetricDataAsync(AnyQuery(), Ct));

        Assert.True(error.Message.Length < 400, error.Message);
    }

    [Fact]
    public async Task DescribeEndpoint_ReplyWithoutArn_ThrowsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"EndpointName":"ep1","EndpointStatus":"InService","CreationTime":1,"LastModifiedTime":1}""",
            "application/x-amz-json-1.1"));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest("ep1"), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
        Assert.Contains("EndpointArn", error.Message);
    }

    [Fact]
    public async Task ListEndpoints_WrongMemberType_ThrowsMalformedResponse()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"Endpoints":"none"}""", "application/x-amz-json-1.1"));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.SageMaker.ListEndpointsAsync(new ListEndpointsRequest(), Ct));

        Assert.Equal(AwsErrorCodes.MalformedResponse, error.ErrorCode);
    }

    [Fact]
    public async Task ListMetrics_ReplySlowerThanRequestTimeout_ThrowsRequestTimeoutAfterRetries()
    {
        var slow = new ScriptedReply(200, """{"Metrics":[]}""", Delay: TimeSpan.FromSeconds(20));
        _server.Enqueue(slow, slow);
        using var host = new AwsTestHost(_server, options =>
        {
            // Long enough that a loaded machine still delivers each attempt to the server before it times out.
            options.RequestTimeout = TimeSpan.FromSeconds(2);
            options.MaxAttempts = 2;
        });

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct));

        Assert.Equal(AwsErrorCodes.RequestTimeout, error.ErrorCode);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Equal(2, _server.Requests.Count);
        Assert.Equal(1, host.Stats.Get("CloudWatch", "ListMetrics")!.Retries);
    }

    [Fact]
    public async Task ListMetrics_NothingListening_ThrowsNetworkErrorAfterRetries()
    {
        using var host = new AwsTestHost(_server, options => options.CloudWatchServiceUrl = $"http://127.0.0.1:{UnusedPort()}/");

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct));

        Assert.Equal(AwsErrorCodes.NetworkError, error.ErrorCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(2, host.Stats.Get("CloudWatch", "ListMetrics")!.Retries);
    }

    [Fact]
    public async Task ListMetrics_CallerCancels_PropagatesCancellationUnwrapped()
    {
        _server.Enqueue(new ScriptedReply(200, """{"Metrics":[]}""", Delay: TimeSpan.FromSeconds(20)));
        using var host = new AwsTestHost(_server);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), cancel.Token));

        Assert.Single(_server.Requests);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
