using System.Diagnostics;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Core;
using Dashboard.Core.CloudWatch;
using Dashboard.Tests.Shared;

namespace Dashboard.Aws.Tests;

/// <summary>AWS calls, retries, throttles and failures reach the dashboard's meter per operation, and each call is a client span.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string EmptyMetrics = """{"Metrics":[]}""";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly (string, string)[] ListMetrics = [("aws.service", "CloudWatch"), ("aws.operation", "ListMetrics")];

    [Fact]
    public async Task Call_ThrottledThen503ThenOk_OneCallTwoRetriesOneThrottleAndAClientSpan()
    {
        _server.Enqueue(
            ScriptedReply.Error(400, """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
            ScriptedReply.Error(503, """{"__type":"ServiceUnavailable","message":"busy"}"""),
            ScriptedReply.Ok(EmptyMetrics));
        using var host = new AwsTestHost(_server);
        using var telemetry = new TelemetryRecorder();

        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);

        Assert.Equal((1, 2, 1, 0), (telemetry.Sum("dashboard.aws.calls", ListMetrics), telemetry.Sum("dashboard.aws.retries", ListMetrics),
            telemetry.Sum("dashboard.aws.throttles", ListMetrics), telemetry.Sum("dashboard.aws.failures")));
        var span = Assert.Single(telemetry.Activities);
        Assert.Equal(("CloudWatch.ListMetrics", ActivityKind.Client, ActivityStatusCode.Unset), (span.DisplayName, span.Kind, span.Status));
        Assert.Equal(("CloudWatch", "ListMetrics", 3), (span.GetTagItem("rpc.service"), span.GetTagItem("rpc.method"), span.GetTagItem("aws.attempts")));
    }

    [Fact]
    public async Task Call_NotRetryableError_CountsAFailureWithItsErrorCodeAndAnErrorSpan()
    {
        _server.Enqueue(ScriptedReply.Error(400, """{"__type":"ValidationException","message":"bad namespace"}"""));
        using var host = new AwsTestHost(_server);
        using var telemetry = new TelemetryRecorder();

        await Assert.ThrowsAsync<AwsServiceException>(() => host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct));

        var failure = Assert.Single(telemetry.Of("dashboard.aws.failures"));
        Assert.Equal(("CloudWatch", "ListMetrics", "ValidationException"), (failure.Tag("aws.service"), failure.Tag("aws.operation"), failure.Tag("error.type")));
        Assert.Equal(0, telemetry.Sum("dashboard.aws.retries"));
        var span = Assert.Single(telemetry.Activities);
        Assert.Equal((ActivityStatusCode.Error, "ValidationException"), (span.Status, span.StatusDescription));
    }
}
