using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core;
using Dashboard.Core.CloudWatch;

namespace Dashboard.Aws.Tests;

public sealed class RetryTests : IAsyncLifetime
{
    private const string EmptyMetrics = """{"Metrics":[]}""";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListMetrics_ThrottledThen503ThenOk_SucceedsOnThirdAttemptAndCounts()
    {
        _server.Enqueue(
            ScriptedReply.Error(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""",
                ("x-amzn-query-error", "Throttling;Sender")),
            ScriptedReply.Error(503, """{"__type":"ServiceUnavailable","message":"busy"}"""),
            ScriptedReply.Ok(EmptyMetrics));
        using var host = new AwsTestHost(_server);

        var reply = await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);

        Assert.Empty(reply.Metrics);
        Assert.Equal(3, _server.Requests.Count);
        var stats = host.Stats.Get("CloudWatch", "ListMetrics")!;
        Assert.Equal((1, 2, 1, 0), (stats.Calls, stats.Retries, stats.Throttles, stats.Failures));
    }

    [Fact]
    public async Task ListMetrics_ValidationException_NotRetried()
    {
        _server.Enqueue(ScriptedReply.Error(400, """{"__type":"ValidationException","message":"bad namespace"}"""),
            ScriptedReply.Ok(EmptyMetrics));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct));

        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Single(_server.Requests);
        var stats = host.Stats.Get("CloudWatch", "ListMetrics")!;
        Assert.Equal((1, 0, 1), (stats.Calls, stats.Retries, stats.Failures));
        Assert.Equal("ValidationException", stats.LastErrorCode);
    }

    [Fact]
    public async Task ListMetrics_ThrottledOnEveryAttempt_FailsAfterMaxAttempts()
    {
        var throttled = ScriptedReply.Error(429, """{"__type":"TooManyRequestsException","message":"slow down"}""");
        _server.Enqueue(throttled, throttled, throttled);
        using var host = new AwsTestHost(_server, options => options.MaxAttempts = 2);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct));

        Assert.Equal("TooManyRequestsException", error.ErrorCode);
        Assert.Equal(2, _server.Requests.Count);
        var stats = host.Stats.Get("CloudWatch", "ListMetrics")!;
        Assert.Equal((1, 1, 2, 1), (stats.Calls, stats.Retries, stats.Throttles, stats.Failures));
    }

    [Fact]
    public async Task ListMetrics_Throttled_WaitsOnInjectedClockBeforeRetrying()
    {
        _server.Enqueue(ScriptedReply.Error(400, """{"__type":"Throttling","message":"Rate exceeded"}"""),
            ScriptedReply.Ok(EmptyMetrics));
        var time = new RecordingTimeProvider();
        // Jitter pinned at its maximum: the first throttling retry waits exactly the 1 s base.
        using var host = new AwsTestHost(_server, timeProvider: time, retryPolicy: new AwsRetryPolicy { Jitter = () => 1.0 });

        var call = host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        time.Fake.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50, Ct);

        Assert.False(call.IsCompleted);
        Assert.Single(_server.Requests);

        time.Fake.Advance(TimeSpan.FromMilliseconds(1));
        await call;
        Assert.Equal(2, _server.Requests.Count);
    }

    [Theory]
    [InlineData("Throttling", 400, RetryKind.Throttling)]
    [InlineData("ThrottlingException", 400, RetryKind.Throttling)]
    [InlineData("LimitExceededException", 400, RetryKind.Throttling)]
    [InlineData("PriorRequestNotComplete", 400, RetryKind.Throttling)]
    [InlineData("Http429", 429, RetryKind.Throttling)]
    [InlineData("RequestTimeout", 0, RetryKind.Transient)]
    [InlineData("RequestTimeoutException", 408, RetryKind.Transient)]
    [InlineData("NetworkError", 0, RetryKind.Transient)]
    [InlineData("InternalFailure", 500, RetryKind.Transient)]
    [InlineData("Http502", 502, RetryKind.Transient)]
    [InlineData("ServiceUnavailable", 503, RetryKind.Transient)]
    [InlineData("Http504", 504, RetryKind.Transient)]
    [InlineData("ValidationException", 400, RetryKind.None)]
    [InlineData("LimitExceeded", 400, RetryKind.None)]
    [InlineData("ResourceLimitExceeded", 400, RetryKind.None)]
    [InlineData("InvalidParameterValue", 400, RetryKind.None)]
    [InlineData("AccessDenied", 403, RetryKind.None)]
    [InlineData("ResourceNotFound", 404, RetryKind.None)]
    [InlineData("MalformedResponse", 200, RetryKind.None)]
    [InlineData("ValidationException", 500, RetryKind.None)]
    public void Classify_ErrorCodeAndStatus_MatchesStandardMode(string code, int status, RetryKind expected) =>
        Assert.Equal(expected, AwsRetryPolicy.Classify(code, status));

    [Theory]
    [InlineData(RetryKind.Throttling, 0, 1000)]
    [InlineData(RetryKind.Throttling, 1, 2000)]
    [InlineData(RetryKind.Throttling, 4, 16000)]
    [InlineData(RetryKind.Throttling, 5, 20000)]
    [InlineData(RetryKind.Throttling, 60, 20000)]
    [InlineData(RetryKind.Transient, 0, 250)]
    [InlineData(RetryKind.Transient, 2, 1000)]
    public void DelayFor_MaximumJitter_IsExponentialAndCapped(RetryKind kind, int retryIndex, double expectedMs)
    {
        var policy = new AwsRetryPolicy { Jitter = () => 1.0 };

        Assert.Equal(expectedMs, policy.DelayFor(kind, retryIndex).TotalMilliseconds, 3);
    }

    [Fact]
    public void DelayFor_HalfJitter_ScalesTheCeiling()
    {
        var policy = new AwsRetryPolicy { Jitter = () => 0.5 };

        Assert.Equal(TimeSpan.FromSeconds(2), policy.DelayFor(RetryKind.Throttling, 2));
    }
}
