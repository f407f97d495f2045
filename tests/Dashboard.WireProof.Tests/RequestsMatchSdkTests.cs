using System.Text;
using System.Text.Json;
using Dashboard.Aws;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.SageMaker;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// The node SDK and our C# clients send the same operation with the same input to a capture server: method, path,
/// target, content type, query mode and JSON body must agree, and both signatures must pass the simulator's verifier.
/// </summary>
public sealed class RequestsMatchSdkTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = new(2026, 3, 4, 15, 30, 0, TimeSpan.Zero);

    /// <summary>Headers that identify or correlate a request and differ by design between any two clients.</summary>
    private static readonly HashSet<string> PerRequestHeaders = new(StringComparer.Ordinal)
    {
        "authorization", "x-amz-date", "amz-sdk-invocation-id", "amz-sdk-request", "user-agent", "x-amz-user-agent",
        "content-length", "host",
    };

    internal static async Task<(CapturedRequest Sdk, CapturedRequest Ours)> CaptureBothAsync(string operation, string sdkInput,
        Func<IServiceProvider, CancellationToken, Task> sendOurs)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await CaptureServer.StartAsync(cancellationToken);

        var sdkResult = await PeerNode.CallAsync(server.Endpoint, operation, sdkInput, CaptureServer.AccessKeyId,
            CaptureServer.SecretAccessKey, cancellationToken);
        Assert.True(sdkResult.GetProperty("ok").GetBoolean(), $"the SDK could not read the canned {operation} reply: {sdkResult}");

        var services = new ServiceCollection()
            .AddLogging()
            .AddAwsClients(o =>
            {
                o.CloudWatchServiceUrl = server.Endpoint.ToString();
                o.SageMakerServiceUrl = server.Endpoint.ToString();
                o.S3ServiceUrl = server.Endpoint.ToString();
                o.AccessKeyId = CaptureServer.AccessKeyId;
                o.SecretAccessKey = CaptureServer.SecretAccessKey;
                o.Region = "us-east-1";
                o.MaxAttempts = 1;
            });
        await using (var provider = services.BuildServiceProvider())
        {
            await sendOurs(provider, cancellationToken);
        }

        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        return (requests[0], requests[1]);
    }

    internal static void AssertSameRequest((CapturedRequest Sdk, CapturedRequest Ours) pair, string target, string contentType,
        bool queryMode, params string[] knownBodyDifferences)
    {
        var (sdk, ours) = pair;
        var output = TestContext.Current.TestOutputHelper!;

        Assert.Equal("POST", sdk.Method);
        Assert.Equal(sdk.Method, ours.Method);
        Assert.Equal("/", sdk.RawTarget);
        Assert.Equal(sdk.RawTarget, ours.RawTarget);
        Assert.Equal(target, sdk.Header("X-Amz-Target"));
        Assert.Equal(target, ours.Header("X-Amz-Target"));
        Assert.Equal(contentType, sdk.Header("Content-Type"));
        Assert.Equal(contentType, ours.Header("Content-Type"));
        Assert.Equal(queryMode ? "true" : "", sdk.Header("x-amzn-query-mode"));
        Assert.Equal(queryMode ? "true" : "", ours.Header("x-amzn-query-mode"));

        // Both signed with the credentials they were given, as the simulator checks them.
        Assert.Null(sdk.SignatureProblem);
        Assert.Null(ours.SignatureProblem);
        output.WriteLine($"SDK signs:  {SignedHeaders(sdk)}");
        output.WriteLine($"We sign:    {SignedHeaders(ours)}");

        var sdkOnly = sdk.Headers.Keys.Except(ours.Headers.Keys).Except(PerRequestHeaders).Order().ToList();
        var oursOnly = ours.Headers.Keys.Except(sdk.Headers.Keys).Except(PerRequestHeaders).Order().ToList();
        output.WriteLine($"Headers only the SDK sends: {string.Join(", ", sdkOnly.Select(h => $"{h}: {sdk.Headers[h]}"))}");
        output.WriteLine($"Headers only we send:       {string.Join(", ", oursOnly.Select(h => $"{h}: {ours.Headers[h]}"))}");

        output.WriteLine($"SDK body:  {Encoding.UTF8.GetString(sdk.Body)}");
        output.WriteLine($"Our body:  {Encoding.UTF8.GetString(ours.Body)}");
        using var sdkBody = JsonDocument.Parse(sdk.Body);
        using var ourBody = JsonDocument.Parse(ours.Body);
        var differences = JsonTree.Differences(sdkBody.RootElement, ourBody.RootElement);
        foreach (var difference in differences)
        {
            output.WriteLine($"Body difference: {difference}");
        }
        Assert.Equal(knownBodyDifferences.Order(StringComparer.Ordinal), differences.Order(StringComparer.Ordinal));
    }

    private static string SignedHeaders(CapturedRequest request)
    {
        var authorization = request.Header("Authorization");
        var start = authorization.IndexOf("SignedHeaders=", StringComparison.Ordinal);
        return start < 0 ? "(none)" : authorization[(start + "SignedHeaders=".Length)..].Split(',')[0];
    }

    [Fact]
    public async Task CaptureServer_SdkSignsWithWrongSecret_VerifierReportsMismatch()
    {
        // Guards the check above against passing vacuously: the verifier does refuse a bad signature.
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var server = await CaptureServer.StartAsync(cancellationToken);

        await PeerNode.CallAsync(server.Endpoint, "DescribeEndpoint", """{"EndpointName":"churn-prod"}""", CaptureServer.AccessKeyId,
            "not-the-secret", cancellationToken);

        var request = Assert.Single(server.Requests);
        Assert.StartsWith("InvalidSignatureException: The request signature we calculated does not match", request.SignatureProblem);
    }

    [Fact]
    public async Task ListMetrics_AllMembers_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("ListMetrics",
            """{"Namespace":"AWS/SageMaker","MetricName":"Invocations","Dimensions":[{"Name":"EndpointName","Value":"churn-prod"},{"Name":"VariantName"}],"NextToken":"page-2","RecentlyActive":"PT3H"}""",
            (provider, ct) => provider.GetRequiredService<ICloudWatchClient>().ListMetricsAsync(
                new ListMetricsRequest("AWS/SageMaker", "Invocations",
                    [new DimensionFilter("EndpointName", "churn-prod"), new DimensionFilter("VariantName")], "page-2", "PT3H"), ct));

        AssertSameRequest(pair, "GraniteServiceVersion20100801.ListMetrics", "application/x-amz-json-1.0", queryMode: true);
    }

    [Fact]
    public async Task GetMetricData_StatAndExpressionQueries_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("GetMetricData",
            $$"""
            {"MetricDataQueries":[
              {"Id":"m1","MetricStat":{"Metric":{"Namespace":"AWS/SageMaker","MetricName":"ModelLatency","Dimensions":[{"Name":"EndpointName","Value":"churn-prod"},{"Name":"VariantName","Value":"AllTraffic"}]},"Period":300,"Stat":"p99","Unit":"Microseconds"},"ReturnData":false},
              {"Id":"e1","Expression":"m1 / 1000","Label":"Latency (ms)","Period":300}],
             "StartTime":"{{Start:O}}","EndTime":"{{End:O}}","NextToken":"next","ScanBy":"TimestampDescending","MaxDatapoints":1000}
            """,
            (provider, ct) => provider.GetRequiredService<ICloudWatchClient>().GetMetricDataAsync(new GetMetricDataRequest(
                [
                    new MetricDataQuery("m1", new MetricStat(new Metric("AWS/SageMaker", "ModelLatency",
                        [new Dimension("EndpointName", "churn-prod"), new Dimension("VariantName", "AllTraffic")]), 300, "p99", "Microseconds"),
                        ReturnData: false),
                    new MetricDataQuery("e1", Expression: "m1 / 1000", Label: "Latency (ms)", Period: 300),
                ], Start, End, "next", ScanBy.TimestampDescending, 1000), ct));

        AssertSameRequest(pair, "GraniteServiceVersion20100801.GetMetricData", "application/x-amz-json-1.0", queryMode: true);
    }

    [Fact]
    public async Task ListEndpoints_AllMembers_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("ListEndpoints",
            """{"SortBy":"Name","SortOrder":"Ascending","NextToken":"tok","MaxResults":25,"NameContains":"churn","StatusEquals":"InService"}""",
            (provider, ct) => provider.GetRequiredService<ISageMakerClient>().ListEndpointsAsync(
                new ListEndpointsRequest("Name", "Ascending", "tok", 25, "churn", "InService"), ct));

        AssertSameRequest(pair, "SageMaker.ListEndpoints", "application/x-amz-json-1.1", queryMode: false);
    }

    [Fact]
    public async Task ListEndpoints_NoMembers_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("ListEndpoints", "{}",
            (provider, ct) => provider.GetRequiredService<ISageMakerClient>().ListEndpointsAsync(new ListEndpointsRequest(), ct));

        AssertSameRequest(pair, "SageMaker.ListEndpoints", "application/x-amz-json-1.1", queryMode: false);
    }

    [Fact]
    public async Task DescribeEndpoint_Name_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("DescribeEndpoint", """{"EndpointName":"churn-prod"}""",
            (provider, ct) => provider.GetRequiredService<ISageMakerClient>().DescribeEndpointAsync(new DescribeEndpointRequest("churn-prod"), ct));

        AssertSameRequest(pair, "SageMaker.DescribeEndpoint", "application/x-amz-json-1.1", queryMode: false);
    }

    [Fact]
    public async Task DescribeEndpointConfig_Name_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("DescribeEndpointConfig", """{"EndpointConfigName":"churn-prod-config-v7"}""",
            (provider, ct) => provider.GetRequiredService<ISageMakerClient>().DescribeEndpointConfigAsync(
                new DescribeEndpointConfigRequest("churn-prod-config-v7"), ct));

        AssertSameRequest(pair, "SageMaker.DescribeEndpointConfig", "application/x-amz-json-1.1", queryMode: false);
    }

    [Fact]
    public async Task UpdateEndpointWeightsAndCapacities_TwoVariants_SameRequestAsSdk()
    {
        var pair = await CaptureBothAsync("UpdateEndpointWeightsAndCapacities",
            """{"EndpointName":"pricing-ab","DesiredWeightsAndCapacities":[{"VariantName":"VariantA","DesiredWeight":0.5},{"VariantName":"VariantB","DesiredWeight":0.25}]}""",
            (provider, ct) => provider.GetRequiredService<ISageMakerClient>().UpdateEndpointWeightsAndCapacitiesAsync(
                new UpdateEndpointWeightsAndCapacitiesRequest("pricing-ab",
                    [new DesiredWeightAndCapacity("VariantA", 0.5f), new DesiredWeightAndCapacity("VariantB", 0.25f)]), ct));

        AssertSameRequest(pair, "SageMaker.UpdateEndpointWeightsAndCapacities", "application/x-amz-json-1.1", queryMode: false);
    }
}
