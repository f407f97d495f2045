using System.Net;
using System.Text.Json;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.Tests.Wire;

namespace Dashboard.Simulator.Tests.Faults;

/// <summary>Each fault kind over HTTP: the documented reply, the count, and the fake clock deciding time.</summary>
public sealed class FaultInjectionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<SimulatorHost> StartAsync(FaultOptions faults) =>
        await SimulatorHost.StartAsync(o => o.Faults = faults);

    [Fact]
    public async Task Throttle_RateOne_SageMakerThrottlingException()
    {
        await using var host = await StartAsync(new FaultOptions { ThrottleRate = 1 });

        var message = await SimulatorHost.AssertErrorAsync(await host.ListEndpointsAsync(), HttpStatusCode.BadRequest, "ThrottlingException");

        Assert.Equal("Rate exceeded", message);
        Assert.Equal(1, host.Faults.Injected.Throttled);
    }

    [Fact]
    public async Task Throttle_RateOne_CloudWatchQueryCodeThrottling()
    {
        await using var host = await StartAsync(new FaultOptions { ThrottleRate = 1 });

        await SimulatorHost.AssertErrorAsync(await host.ListMetricsAsync(), HttpStatusCode.BadRequest, "ThrottlingException", "Throttling;Sender");
    }

    [Fact]
    public async Task ServerError_RateOne_SageMakerInternalFailure500()
    {
        await using var host = await StartAsync(new FaultOptions { ServerErrorRate = 1 });

        await SimulatorHost.AssertErrorAsync(await host.ListEndpointsAsync(), HttpStatusCode.InternalServerError, "InternalFailure");
        Assert.Equal(1, host.Faults.Injected.ServerErrors);
    }

    [Fact]
    public async Task ServerError_RateOne_CloudWatchInternalServiceErrorReceiver()
    {
        await using var host = await StartAsync(new FaultOptions { ServerErrorRate = 1 });

        await SimulatorHost.AssertErrorAsync(await host.ListMetricsAsync(), HttpStatusCode.InternalServerError,
            "InternalServiceError", "InternalServiceError;Receiver");
    }

    [Fact]
    public async Task Malformed_RateOne_200WithBodyThatIsNotJson()
    {
        await using var host = await StartAsync(new FaultOptions { MalformedRate = 1 });

        var response = await host.ListEndpointsAsync();
        var body = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("{\"Endpoints\":", body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(1, host.Faults.Injected.Malformed);
    }

    [Fact]
    public async Task ExpiredCredentials_EveryRequestExpiredTokenException()
    {
        await using var host = await StartAsync(new FaultOptions { ExpiredCredentials = true });

        var message = await SimulatorHost.AssertErrorAsync(await host.ListEndpointsAsync(), HttpStatusCode.BadRequest, "ExpiredTokenException");
        await SimulatorHost.AssertErrorAsync(await host.ListMetricsAsync(), HttpStatusCode.BadRequest, "ExpiredTokenException", "ExpiredToken;Sender");

        Assert.Equal("The security token included in the request is expired", message);
        Assert.Equal(2, host.Faults.Injected.ExpiredCredentials);
    }

    [Fact]
    public async Task Outage_WindowOnFakeClock_503OnlyInsideTheWindow()
    {
        var start = TestClock.Now.AddMinutes(1);
        await using var host = await StartAsync(new FaultOptions { Outages = [new FaultOutage { Start = start, End = start.AddMinutes(2) }] });

        var before = await host.ListEndpointsAsync();
        host.Time.Advance(TimeSpan.FromMinutes(1));
        var atStart = await host.ListMetricsAsync();
        host.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        var lastSecond = await host.ListEndpointsAsync();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var atEnd = await host.ListEndpointsAsync();

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await SimulatorHost.AssertErrorAsync(atStart, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "ServiceUnavailable;Receiver");
        await SimulatorHost.AssertErrorAsync(lastSecond, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
        Assert.Equal(HttpStatusCode.OK, atEnd.StatusCode);
        Assert.Equal(2, host.Faults.Injected.Outages);
    }

    [Fact]
    public async Task Outage_UnsignedRequest_StillServiceUnavailable()
    {
        // A service that is down answers before it looks at credentials.
        await using var host = await StartAsync(new FaultOptions
        {
            Outages = [new FaultOutage { Start = TestClock.Now.AddHours(-1), End = TestClock.Now.AddHours(1) }],
        });
        using var unsigned = host.CreateUnsignedClient();

        await SimulatorHost.AssertErrorAsync(await host.ListEndpointsAsync(unsigned), HttpStatusCode.ServiceUnavailable, "ServiceUnavailable");
    }

    [Fact]
    public async Task Services_CloudWatchOnly_SageMakerAnswersNormally()
    {
        await using var host = await StartAsync(new FaultOptions { ThrottleRate = 1, Services = FaultServices.CloudWatch });

        Assert.Equal(HttpStatusCode.OK, (await host.ListEndpointsAsync()).StatusCode);
        await SimulatorHost.AssertErrorAsync(await host.ListMetricsAsync(), HttpStatusCode.BadRequest, "ThrottlingException");
        Assert.Equal(1, host.Faults.Injected.Requests);
    }

    [Fact]
    public async Task Faults_BadSignature_RefusedBeforeAnyFaultIsDrawn()
    {
        await using var host = await StartAsync(new FaultOptions { ThrottleRate = 1 });
        using var client = host.CreateClient(new Signer { SecretAccessKey = "wrong" });

        await SimulatorHost.AssertErrorAsync(await host.ListEndpointsAsync(client), HttpStatusCode.Forbidden, "InvalidSignatureException");

        Assert.Equal(new FaultCounts(), host.Faults.Injected);
    }

    [Fact]
    public async Task SlowResponse_AnswersOnlyAfterTheFakeClockMoves()
    {
        await using var host = await StartAsync(new FaultOptions { SlowResponse = TimeSpan.FromSeconds(30) });

        var pending = host.ListEndpointsAsync();
        await WaitUntilAsync(() => host.Faults.Injected.Slowed == 1);
        host.Time.Advance(TimeSpan.FromSeconds(29));
        var earlyState = pending.IsCompleted;
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var response = await pending;

        Assert.False(earlyState);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Timeout_RateOne_HeldUntilTheClientGivesUp()
    {
        await using var host = await StartAsync(new FaultOptions { TimeoutRate = 1 });
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var pending = host.Client.SendAsync(SimulatorHost.Request(SimulatorHost.SageMakerPrefix + "ListEndpoints", "{}"), giveUp.Token);
        await WaitUntilAsync(() => host.Faults.Injected.Timeouts == 1);
        host.Time.Advance(FaultInjector.Hold - TimeSpan.FromSeconds(1));
        var heldState = pending.IsCompleted;
        await giveUp.CancelAsync();

        Assert.False(heldState);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        // The simulator is not stuck: the next request (a fresh draw, also a timeout) ends when its hold does.
        var next = host.ListEndpointsAsync();
        await WaitUntilAsync(() => host.Faults.Injected.Timeouts == 2);
        host.Time.Advance(FaultInjector.Hold);
        Assert.Equal(HttpStatusCode.OK, (await next).StatusCode);
    }

    [Fact]
    public async Task Throttle_ThirtyPercentOverThousandRequests_WithinFivePoints()
    {
        await using var host = await StartAsync(new FaultOptions { ThrottleRate = 0.3, Seed = 7 });

        var statuses = await SendManyAsync(host, 1000);

        var throttled = statuses.Count(s => s == HttpStatusCode.BadRequest);
        Assert.InRange(throttled, 250, 350);
        Assert.Equal(1000 - throttled, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(throttled, host.Faults.Injected.Throttled);
        Assert.Equal(1000, host.Faults.Injected.Requests);
    }

    [Fact]
    public async Task Rates_SameSeedAfterReset_SameSequenceOfReplies()
    {
        var settings = new FaultOptions { ThrottleRate = 0.2, ServerErrorRate = 0.1, MalformedRate = 0.1, Seed = 11 };
        await using var host = await StartAsync(settings);

        var first = await SendManyAsync(host, 200, sequential: true);
        host.Faults.Set(settings);
        var second = await SendManyAsync(host, 200, sequential: true);

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.InternalServerError, first);
    }

    private static async Task<List<HttpStatusCode>> SendManyAsync(SimulatorHost host, int count, bool sequential = false)
    {
        var statuses = new List<HttpStatusCode>();
        if (sequential)
        {
            for (var i = 0; i < count; i++)
            {
                statuses.Add((await host.ListEndpointsAsync()).StatusCode);
            }
            return statuses;
        }
        // Concurrent requests draw in arrival order, so only the totals are comparable.
        foreach (var chunk in Enumerable.Range(0, count).Chunk(50))
        {
            var replies = await Task.WhenAll(chunk.Select(_ => host.ListEndpointsAsync()));
            statuses.AddRange(replies.Select(r => r.StatusCode));
        }
        return statuses;
    }

    /// <summary>Polls a condition that a request in flight will make true; bounded so a bug fails instead of hanging.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10, Token);
        }
        Assert.True(condition(), "The condition never became true.");
    }
}
