namespace Dashboard.Core.SageMaker;

/// <summary>The SageMaker operations the dashboard calls; one call is one request on the wire.</summary>
public interface ISageMakerClient
{
    Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default);

    Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts changing variant weights (the endpoint goes Updating, then InService); the only SageMaker write the dashboard makes.</summary>
    Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest request,
        CancellationToken cancellationToken = default);
}
