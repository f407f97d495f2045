using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Core;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.Tests;

public sealed class ErrorMappingTests : IAsyncLifetime
{
    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AwsServiceException> CloudWatchFailsWith(ScriptedReply reply)
    {
        _server.Enqueue(reply);
        using var host = new AwsTestHost(_server);
        return await Assert.ThrowsAsync<AwsServiceException>(() => host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct));
    }

    private async Task<AwsServiceException> SageMakerFailsWith(ScriptedReply reply)
    {
        _server.Enqueue(reply);
        using var host = new AwsTestHost(_server);
        return await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest("missing"), Ct));
    }

    [Fact]
    public async Task ErrorReply_TypeWithNamespacePrefix_StripsPrefixAndKeepsRequestId()
    {
        var error = await CloudWatchFailsWith(ScriptedReply.Error(404,
            """{"__type":"com.amazonaws.cloudwatch#ResourceNotFound","message":"Alarm a1 not found"}""",
            ("x-amzn-RequestId", "req-123")));

        Assert.Equal("CloudWatch", error.Service);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
        Assert.Equal("Alarm a1 not found", error.Message.Split(": ", 3)[2]);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("req-123", error.RequestId);
    }

    [Fact]
    public async Task ErrorReply_TypeWithUrlSuffixAndCapitalMessage_StripsSuffixAndReadsMessage()
    {
        var error = await SageMakerFailsWith(ScriptedReply.Error(400,
            """{"__type":"ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/","Message":"Could not find endpoint \"missing\"."}"""));

        Assert.Equal("SageMaker", error.Service);
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.EndsWith("Could not find endpoint \"missing\".", error.Message);
    }

    [Fact]
    public async Task CloudWatchErrorReply_QueryErrorHeader_WinsOverType()
    {
        var error = await CloudWatchFailsWith(ScriptedReply.Error(400,
            """{"__type":"com.amazonaws.cloudwatch#LimitExceededFault","message":"too many alarms"}""",
            ("x-amzn-query-error", "LimitExceeded;Sender"), ("x-amzn-RequestId", "req-q")));

        Assert.Equal("LimitExceeded", error.ErrorCode);
        Assert.Equal("req-q", error.RequestId);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task SageMakerErrorReply_QueryErrorHeader_IsIgnoredBecauseNotQueryCompatible()
    {
        var error = await SageMakerFailsWith(ScriptedReply.Error(400,
            """{"__type":"ValidationException","message":"bad"}""", ("x-amzn-query-error", "Other;Sender")));

        Assert.Equal("ValidationException", error.ErrorCode);
    }

    [Fact]
    public async Task ErrorReply_NoTypeInBody_FallsBackToErrorTypeHeader()
    {
        var error = await SageMakerFailsWith(ScriptedReply.Error(403, """{"message":"not allowed"}""",
            ("x-amzn-ErrorType", "AccessDeniedException:http://internal/")));

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
        Assert.EndsWith("not allowed", error.Message);
    }

    [Fact]
    public async Task ErrorReply_NonJsonBody_UsesStatusAsCodeAndBodyExcerptAsMessage()
    {
        var error = await SageMakerFailsWith(ScriptedReply.Error(403, "<html>Forbidden by proxy</html>"));

        Assert.Equal("Http403", error.ErrorCode);
        Assert.Contains("Forbidden by proxy", error.Message);
    }
}
