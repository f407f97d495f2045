using Dashboard.Aws.Wire;
using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.SageMaker;

/// <summary>SageMaker over awsJson 1.1 (its only protocol).</summary>
public sealed partial class SageMakerClient : ISageMakerClient
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

    /// <exception cref="ArgumentOutOfRangeException">A DesiredWeight is negative, infinite or NaN; nothing was sent.</exception>
    public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(
        UpdateEndpointWeightsAndCapacitiesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The last line of defence: the traffic service checks weights first. The wire JSON allows named literals (for
        // reading), so an infinite weight would otherwise leave as "Infinity" and reach production traffic.
        if (request.DesiredWeightsAndCapacities?.FirstOrDefault(d => d?.DesiredWeight is { } w && (!float.IsFinite(w) || w < 0)) is { } bad)
        {
            throw new ArgumentOutOfRangeException(nameof(request), bad.DesiredWeight,
                $"The weight of {bad.VariantName} must be a finite number of at least 0; nothing was sent to SageMaker.");
        }
        return _rpc.InvokeAsync<UpdateEndpointWeightsAndCapacitiesRequest, UpdateEndpointWeightsAndCapacitiesResponse>(
            "UpdateEndpointWeightsAndCapacities", request, SageMakerReplies.Check, cancellationToken);
    }

    public Task<ListModelsResponse> ListModelsAsync(ListModelsRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListModelsRequest, ListModelsResponse>("ListModels", request, SageMakerReplies.Check, cancellationToken);

    public Task<DescribeModelResponse> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribeModelRequest, DescribeModelResponse>("DescribeModel", request, SageMakerReplies.Check, cancellationToken);

    public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<CreateEndpointConfigRequest, CreateEndpointConfigResponse>("CreateEndpointConfig", request,
            SageMakerReplies.Check, cancellationToken);

    public Task<UpdateEndpointResponse> UpdateEndpointAsync(UpdateEndpointRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<UpdateEndpointRequest, UpdateEndpointResponse>("UpdateEndpoint", request, SageMakerReplies.Check, cancellationToken);
}
