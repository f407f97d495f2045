using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.Tests;

public sealed class SigningTests : IAsyncLifetime
{
    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CloudWatchRequest_StaticCredentials_SignedForMonitoringScope()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"Metrics":[]}"""));
        using var host = new AwsTestHost(_server);

        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);

        var request = Assert.Single(_server.Requests);
        var auth = SigV4Verifier.Parse(request.Header("Authorization"));
        Assert.Equal(AwsTestHost.AccessKeyId, auth.AccessKeyId);
        Assert.Equal(AwsTestHost.Region, auth.Region);
        Assert.Equal("monitoring", auth.Service);
        Assert.Equal(request.Header("X-Amz-Date")[..8], auth.Date);
        Assert.Contains("host", auth.SignedHeaders);
        Assert.Contains("x-amz-date", auth.SignedHeaders);
        Assert.Contains("x-amz-target", auth.SignedHeaders);
        Assert.Contains("content-type", auth.SignedHeaders);
        Assert.Contains("x-amzn-query-mode", auth.SignedHeaders);
    }

    [Fact]
    public async Task SageMakerRequest_StaticCredentials_SignedAsSageMakerNotApiSageMaker()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"Endpoints":[]}""", "application/x-amz-json-1.1"));
        using var host = new AwsTestHost(_server);

        await host.SageMaker.ListEndpointsAsync(new ListEndpointsRequest(), Ct);

        var auth = SigV4Verifier.Parse(Assert.Single(_server.Requests).Header("Authorization"));
        Assert.Equal("sagemaker", auth.Service);
        Assert.Equal($"{AwsTestHost.AccessKeyId}", auth.AccessKeyId);
        Assert.Contains("x-amz-target", auth.SignedHeaders);
        Assert.Contains("host", auth.SignedHeaders);
    }

    [Fact]
    public async Task SignedRequests_IndependentRecomputation_SignaturesMatch()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"Metrics":[]}"""),
            ScriptedReply.Ok("""{"EndpointName":"ep1","EndpointArn":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep1","EndpointStatus":"InService","CreationTime":1767225600,"LastModifiedTime":1767225600}""",
                "application/x-amz-json-1.1"));
        using var host = new AwsTestHost(_server);

        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest("AWS/SageMaker", "Invocations"), Ct);
        await host.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest("ep1"), Ct);

        Assert.Equal(2, _server.Requests.Count);
        foreach (var request in _server.Requests)
        {
            var sent = SigV4Verifier.Parse(request.Header("Authorization")).Signature;
            Assert.Equal(SigV4Verifier.ComputeSignature(request, AwsTestHost.SecretAccessKey), sent);
        }
    }

    [Fact]
    public async Task RetriedRequest_EachAttempt_CarriesItsOwnValidSignature()
    {
        _server.Enqueue(ScriptedReply.Error(503, "{}"), ScriptedReply.Ok("""{"Metrics":[]}"""));
        using var host = new AwsTestHost(_server);

        await host.CloudWatch.ListMetricsAsync(new ListMetricsRequest(), Ct);

        Assert.Equal(2, _server.Requests.Count);
        Assert.All(_server.Requests, request => Assert.Equal(
            SigV4Verifier.ComputeSignature(request, AwsTestHost.SecretAccessKey),
            SigV4Verifier.Parse(request.Header("Authorization")).Signature));
        Assert.Equal("attempt=2; max=3", _server.Requests[1].Header("amz-sdk-request"));
    }
}
