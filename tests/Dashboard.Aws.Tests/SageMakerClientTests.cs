using System.Text.Json;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.Tests;

public sealed class SageMakerClientTests : IAsyncLifetime
{
    private const string Json11 = "application/x-amz-json-1.1";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DescribeEndpoint_AnyRequest_SendsAwsJson11HeadersAndBody()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"EndpointName":"ep1","EndpointArn":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep1",
             "EndpointConfigName":"cfg1","EndpointStatus":"InService","CreationTime":1767225600,"LastModifiedTime":1767225600.5}
            """, Json11));
        using var host = new AwsTestHost(_server);

        await host.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest("ep1"), Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.Equal("SageMaker.DescribeEndpoint", request.Header("X-Amz-Target"));
        Assert.False(request.Headers.ContainsKey("x-amzn-query-mode"));
        Assert.Equal("""{"EndpointName":"ep1"}""", request.Body);
    }

    [Fact]
    public async Task ListTags_Request_SendsTheArnAndParsesTags()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"Tags":[{"Key":"team","Value":"growth"}],"NextToken":"t2"}""", Json11));
        _server.Enqueue(ScriptedReply.Ok("{}", Json11));
        using var host = new AwsTestHost(_server);

        var first = await host.SageMaker.ListTagsAsync(new ListTagsRequest("arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep1"), Ct);
        var empty = await host.SageMaker.ListTagsAsync(new ListTagsRequest("arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep1", "t2"), Ct);

        Assert.Equal("SageMaker.ListTags", _server.Requests[0].Header("X-Amz-Target"));
        Assert.Equal("""{"ResourceArn":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep1"}""", _server.Requests[0].Body);
        Assert.Equal([new ResourceTag("team", "growth")], first.Tags);
        Assert.Equal("t2", first.NextToken);
        Assert.Empty(empty.Tags!);
    }

    [Fact]
    public async Task DescribeEndpoint_FullReply_ParsesVariantsAndFractionalTimestamps()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"EndpointName":"ep1","EndpointArn":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep1",
             "EndpointConfigName":"cfg1","EndpointStatus":"Updating","CreationTime":1767225600,"LastModifiedTime":1767225600.986,
             "ProductionVariants":[{"VariantName":"AllTraffic","CurrentWeight":1.0,"DesiredWeight":0.5,
               "CurrentInstanceCount":2,"DesiredInstanceCount":3,
               "VariantStatus":[{"Status":"Updating","StatusMessage":"scaling","StartTime":1767225601}]}],
             "DataCaptureConfig":{"EnableCapture":true,"CaptureStatus":"Started","CurrentSamplingPercentage":20,
               "DestinationS3Uri":"s3://bucket/capture"}}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.DescribeEndpointAsync(new DescribeEndpointRequest("ep1"), Ct);

        Assert.Equal(EndpointStatuses.Updating, reply.EndpointStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600986), reply.LastModifiedTime);
        var variant = Assert.Single(reply.ProductionVariants!);
        Assert.Equal("AllTraffic", variant.VariantName);
        Assert.Equal(0.5f, variant.DesiredWeight);
        Assert.Equal(3, variant.DesiredInstanceCount);
        Assert.Equal("scaling", Assert.Single(variant.VariantStatus!).StatusMessage);
        Assert.Equal(20, reply.DataCaptureConfig!.CurrentSamplingPercentage);
    }

    [Fact]
    public async Task ListEndpoints_FilteredRequest_SendsOnlySetMembersAndParsesSummaries()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"Endpoints":[{"EndpointName":"ep1","EndpointArn":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/ep1",
              "CreationTime":1529870369.986,"LastModifiedTime":1529870370,"EndpointStatus":"InService"}],"NextToken":"n2"}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.ListEndpointsAsync(new ListEndpointsRequest(MaxResults: 100, NextToken: "n1"), Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("SageMaker.ListEndpoints", request.Header("X-Amz-Target"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(100, body.RootElement.GetProperty("MaxResults").GetInt32());
        Assert.Equal("n1", body.RootElement.GetProperty("NextToken").GetString());
        Assert.False(body.RootElement.TryGetProperty("SortBy", out _));
        var summary = Assert.Single(reply.Endpoints);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1529870369986), summary.CreationTime);
        Assert.Equal("n2", reply.NextToken);
    }

    [Fact]
    public async Task UpdateEndpointWeightsAndCapacities_Request_SendsOnlyTheWeightsAndParsesTheArn()
    {
        _server.Enqueue(ScriptedReply.Ok("""{"EndpointArn":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/pricing-ab"}""", Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest("pricing-ab",
            [new DesiredWeightAndCapacity("VariantA", 0.5f), new DesiredWeightAndCapacity("VariantB", 0.25f)]), Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("SageMaker.UpdateEndpointWeightsAndCapacities", request.Header("X-Amz-Target"));
        Assert.Equal(Json11, request.Header("Content-Type"));
        Assert.Equal("""{"EndpointName":"pricing-ab","DesiredWeightsAndCapacities":[{"VariantName":"VariantA","DesiredWeight":0.5},{"VariantName":"VariantB","DesiredWeight":0.25}]}""",
            request.Body);
        Assert.Equal("arn:aws:sagemaker:eu-west-1:123456789012:endpoint/pricing-ab", reply.EndpointArn);
    }

    [Fact]
    public async Task UpdateEndpointWeightsAndCapacities_ValidationError_ThrowsWithTheServiceMessage()
    {
        _server.Enqueue(ScriptedReply.Error(400, """{"__type":"ValidationException","message":"Cannot update in-progress endpoint \"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/pricing-ab\"."}""", ("Content-Type", Json11)));
        using var host = new AwsTestHost(_server);

        var ex = await Assert.ThrowsAsync<Dashboard.Core.AwsServiceException>(() => host.SageMaker.UpdateEndpointWeightsAndCapacitiesAsync(
            new UpdateEndpointWeightsAndCapacitiesRequest("pricing-ab", [new DesiredWeightAndCapacity("VariantA", 1f)]), Ct));

        Assert.Equal("ValidationException", ex.ErrorCode);
        Assert.Contains("Cannot update in-progress endpoint", ex.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    /// <summary>Finding 2: an infinite weight left the dashboard as "Infinity" (the wire JSON allows named literals).</summary>
    [Theory]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(float.NaN)]
    [InlineData(-1f)]
    public async Task UpdateEndpointWeightsAndCapacities_WeightNotAFiniteNumberOfAtLeast0_RefusedAndNothingSent(float weight)
    {
        using var host = new AwsTestHost(_server);

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.SageMaker.UpdateEndpointWeightsAndCapacitiesAsync(
            new UpdateEndpointWeightsAndCapacitiesRequest("pricing-ab", [new DesiredWeightAndCapacity("VariantA", 1f), new DesiredWeightAndCapacity("VariantB", weight)]),
            Ct));

        Assert.StartsWith("The weight of VariantB must be a finite number of at least 0; nothing was sent to SageMaker.", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DescribeEndpointConfig_Reply_ParsesProductionVariants()
    {
        _server.Enqueue(ScriptedReply.Ok("""
            {"EndpointConfigName":"cfg1","EndpointConfigArn":"arn:aws:sagemaker:eu-west-1:123456789012:endpoint-config/cfg1",
             "ProductionVariants":[{"VariantName":"AllTraffic","ModelName":"m1","InitialInstanceCount":2,
               "InstanceType":"ml.m5.xlarge","InitialVariantWeight":1}],"CreationTime":1767225600}
            """, Json11));
        using var host = new AwsTestHost(_server);

        var reply = await host.SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest("cfg1"), Ct);

        Assert.Equal("SageMaker.DescribeEndpointConfig", Assert.Single(_server.Requests).Header("X-Amz-Target"));
        Assert.Equal("""{"EndpointConfigName":"cfg1"}""", _server.Requests[0].Body);
        var variant = Assert.Single(reply.ProductionVariants);
        Assert.Equal("ml.m5.xlarge", variant.InstanceType);
        Assert.Equal(2, variant.InitialInstanceCount);
    }
}
