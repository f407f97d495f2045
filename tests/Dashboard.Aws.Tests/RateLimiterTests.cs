using System.Threading.RateLimiting;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Aws.Tests;

public sealed class RateLimiterTests : IAsyncLifetime
{
    private const string EmptyMetrics = """{"Metrics":[]}""";
    private const string EmptyMetricData = """{"MetricDataResults":[]}""";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AwsTestHost Host(ManualRateLimits limits) =>
        new(_server, configureServices: services => services.AddSingleton(limits.CreateLimiter()));

    private async Task WaitForRequestsAsync(int count)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_server.Requests.Count < count)
        {
            await Task.Delay(5, giveUp.Token);
        }
    }

    [Fact]
    public async Task ListMetrics_BudgetSpent_NextCallWaitsForRefillInsteadOfFailing()
    {
        _server.Enqueue(ScriptedReply.Ok(EmptyMetrics), ScriptedReply.Ok(EmptyMetrics));
        var limits = new ManualRateLimits(budget: 1);
        using var host = Host(limits);

        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);
        var second = host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);
        await limits.WaitForQueuedAsync("CloudWatch", "ListMetrics");

        Assert.False(second.IsCompleted);
        Assert.Single(_server.Requests);

        limits.Refill("CloudWatch", "ListMetrics", TimeSpan.FromMilliseconds(250));
        await second;

        Assert.Equal(2, _server.Requests.Count);
        var stats = host.Stats.Get("CloudWatch", "ListMetrics")!;
        Assert.Equal((2, 0, 1), (stats.Calls, stats.Failures, stats.RateLimitedAttempts));
        Assert.Equal(TimeSpan.FromMilliseconds(250), stats.RateLimitWait);
    }

    [Fact]
    public async Task GetMetricData_OneCallOverTheBudget_WaitsWhileTheOthersGoThrough()
    {
        const int budget = 3;
        for (var i = 0; i <= budget; i++)
        {
            _server.Enqueue(ScriptedReply.Ok(EmptyMetricData));
        }
        var limits = new ManualRateLimits(budget);
        using var host = Host(limits);
        var request = new GetMetricDataRequest([], DateTimeOffset.FromUnixTimeSeconds(1767225600), DateTimeOffset.FromUnixTimeSeconds(1767229200));

        var calls = Enumerable.Range(0, budget + 1).Select(_ => host.CloudWatch.GetMetricDataAsync(request, Ct)).ToList();
        await limits.WaitForQueuedAsync("CloudWatch", "GetMetricData");
        await WaitForRequestsAsync(budget);

        Assert.Equal(budget, _server.Requests.Count);
        // The server has answered the permitted calls; give their replies a moment to reach the callers.
        for (var i = 0; i < 100 && calls.Count(c => c.IsCompleted) < budget; i++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.Equal(1, calls.Count(c => !c.IsCompleted));

        limits.Refill("CloudWatch", "GetMetricData", TimeSpan.FromSeconds(1));
        await Task.WhenAll(calls);

        Assert.Equal(budget + 1, _server.Requests.Count);
        var stats = host.Stats.Get("CloudWatch", "GetMetricData")!;
        Assert.Equal((budget + 1L, 0L, 1L), (stats.Calls, stats.Failures, stats.RateLimitedAttempts));
    }

    [Fact]
    public async Task Retry_AfterThrottling_TakesAPermitLikeAFirstAttempt()
    {
        _server.Enqueue(ScriptedReply.Error(400, """{"__type":"Throttling","message":"Rate exceeded"}"""),
            ScriptedReply.Ok("""{"Endpoints":[]}""", "application/x-amz-json-1.1"));
        var limits = new ManualRateLimits(budget: 1);
        using var host = Host(limits);

        var call = host.SageMaker.ListEndpointsAsync(new ListEndpointsRequest(), Ct);
        await limits.WaitForQueuedAsync("SageMaker", "ListEndpoints");

        Assert.Single(_server.Requests);
        Assert.False(call.IsCompleted);

        limits.Refill("SageMaker", "ListEndpoints", TimeSpan.FromMilliseconds(125));
        await call;

        var stats = host.Stats.Get("SageMaker", "ListEndpoints")!;
        Assert.Equal((1, 1, 1, 0), (stats.Calls, stats.Retries, stats.RateLimitedAttempts, stats.Failures));
    }

    [Fact]
    public async Task WaitingCall_Cancelled_ThrowsCancellationAndSendsNothing()
    {
        _server.Enqueue(ScriptedReply.Ok(EmptyMetrics), ScriptedReply.Ok(EmptyMetrics));
        var limits = new ManualRateLimits(budget: 1);
        using var host = Host(limits);
        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var waiting = host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), cancel.Token);
        await limits.WaitForQueuedAsync("CloudWatch", "ListMetrics");
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Single(_server.Requests);
        Assert.Equal(0, host.Stats.Get("CloudWatch", "ListMetrics")!.Failures);
    }

    [Fact]
    public async Task Operations_EachHaveTheirOwnBucketFromTheTable()
    {
        _server.Enqueue(ScriptedReply.Ok(EmptyMetrics), ScriptedReply.Ok("{}"), ScriptedReply.Ok("{}"));
        var limits = new ManualRateLimits(budget: 1);
        using var host = Host(limits);

        // One permit each: none of these waits, because the buckets are separate.
        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);
        await host.Alarms.DescribeAlarmsAsync(new DescribeAlarmsRequest(), Ct);
        await host.Alarms.DescribeAlarmHistoryAsync(new DescribeAlarmHistoryRequest(), Ct);

        Assert.Equal(
            [("ListMetrics", 20, 5), ("DescribeAlarms", 7, 2), ("DescribeAlarmHistory", 2, 1)],
            limits.Requested.Select(l => (l.Operation, l.PermitsPerSecond, l.Burst)).ToList());
        Assert.All(host.Stats.Snapshot(), s => Assert.Equal(0, s.RateLimitedAttempts));
    }

    [Theory]
    [InlineData("CloudWatch", "GetMetricData", 50, 40, 10)]
    [InlineData("CloudWatch", "ListMetrics", 25, 20, 5)]
    [InlineData("CloudWatch", "DescribeAlarms", 9, 7, 2)]
    [InlineData("CloudWatch", "DescribeAlarmHistory", 3, 2, 1)]
    [InlineData("CloudWatch", "PutMetricAlarm", 3, 2, 1)]
    [InlineData("CloudWatch", "PutCompositeAlarm", 3, 2, 1)]
    [InlineData("CloudWatch", "DeleteAlarms", 3, 2, 1)]
    [InlineData("SageMaker", "ListEndpoints", 10, 8, 2)]
    [InlineData("SageMaker", "DescribeEndpoint", 10, 8, 2)]
    [InlineData("SageMaker", "DescribeEndpointConfig", 10, 8, 2)]
    [InlineData("SageMaker", "SomethingNew", 3, 2, 1)]
    public void For_Operation_IsEightyPercentOfItsQuotaWithTheRestAsBurst(string service, string operation, int quota,
        int permitsPerSecond, int burst)
    {
        var limit = AwsRateLimits.For(service, operation);

        Assert.Equal((quota, permitsPerSecond, burst), (limit.QuotaPerSecond, limit.PermitsPerSecond, limit.Burst));
    }

    [Fact]
    public void Table_EveryRow_SustainedRateAtMostEightyPercentAndBusiestSecondWithinQuota() =>
        Assert.All(AwsRateLimits.All, limit =>
        {
            Assert.True(limit.PermitsPerSecond <= 0.8 * limit.QuotaPerSecond, limit.ToString());
            Assert.True(limit.PermitsPerSecond + limit.Burst <= limit.QuotaPerSecond, limit.ToString());
        });

    [Theory]
    [InlineData("GetMetricData", 10, 100.0)]
    [InlineData("ListMetrics", 5, 100.0)]
    [InlineData("DescribeAlarms", 2, 1000.0 / 7)]
    [InlineData("DescribeAlarmHistory", 1, 500.0)]
    public void CreateTokenBucket_DefaultBucket_StartsFullAndRefillsInRealTimeSteps(string operation, int burst, double periodMs)
    {
        using var bucket = Assert.IsType<TokenBucketRateLimiter>(AwsRateLimits.CreateTokenBucket(AwsRateLimits.For("CloudWatch", operation)));

        Assert.True(bucket.IsAutoReplenishing);
        Assert.Equal(burst, bucket.GetStatistics()!.CurrentAvailablePermits);
        Assert.Equal(periodMs, bucket.ReplenishmentPeriod.TotalMilliseconds, 3);
    }
}
