using Dashboard.Aws.Wire;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.SageMaker;

/// <summary>SageMaker over awsJson 1.1 (its only protocol).</summary>
public sealed class SageMakerClient : ISageMakerClient
{
    private readonly AwsJsonRpcClient _rpc;

    internal SageMakerClient(AwsJsonRpcClient rpc) => _rpc = rpc;

    public Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListEndpointsRequest, ListEndpointsResponse>("ListEndpoints", request, SageMakerReplies.Check, cancellationToken);

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeEndpointRequest, DescribeEndpointResponse>("DescribeEndpoint", request, SageMakerReplies.Check, cancellationToken);

    public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListTagsRequest, ListTagsResponse>("ListTags", request, SageMakerReplies.Check, cancellationToken);

    public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeEndpointConfigRequest, DescribeEndpointConfigResponse>("DescribeEndpointConfig", request,
            SageMakerReplies.Check, cancellationToken);

    public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(
        UpdateEndpointWeightsAndCapacitiesRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<UpdateEndpointWeightsAndCapacitiesRequest, UpdateEndpointWeightsAndCapacitiesResponse>(
            "UpdateEndpointWeightsAndCapacities", request, SageMakerReplies.Check, cancellationToken);
}
