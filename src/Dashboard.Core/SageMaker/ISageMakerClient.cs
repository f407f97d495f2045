namespace Dashboard.Core.SageMaker;

/// <summary>The SageMaker operations the dashboard calls; one call is one request on the wire.</summary>
public interface ISageMakerClient
{
    Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default);

    Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts changing variant weights (the endpoint goes Updating, then InService).</summary>
    Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest request,
        CancellationToken cancellationToken = default);

    Task<ListModelsResponse> ListModelsAsync(ListModelsRequest request, CancellationToken cancellationToken = default);

    Task<DescribeModelResponse> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken = default);

    /// <summary>Creates an endpoint config; a name already taken is a ValidationException.</summary>
    Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken = default);

    /// <summary>Starts deploying a new endpoint config with the given policy (the endpoint goes Updating, then InService).</summary>
    Task<UpdateEndpointResponse> UpdateEndpointAsync(UpdateEndpointRequest request, CancellationToken cancellationToken = default);

    Task<ListMonitoringSchedulesResponse> ListMonitoringSchedulesAsync(ListMonitoringSchedulesRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>An unknown schedule is ResourceNotFound.</summary>
    Task<DescribeMonitoringScheduleResponse> DescribeMonitoringScheduleAsync(DescribeMonitoringScheduleRequest request,
        CancellationToken cancellationToken = default);

    Task<ListMonitoringExecutionsResponse> ListMonitoringExecutionsAsync(ListMonitoringExecutionsRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>A monitoring execution's job: its output S3Uri is where that execution's reports are. Unknown job: ResourceNotFound.</summary>
    Task<DescribeProcessingJobResponse> DescribeProcessingJobAsync(DescribeProcessingJobRequest request, CancellationToken cancellationToken = default);

    Task<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request, CancellationToken cancellationToken = default);

    /// <summary>An unknown pipeline is ResourceNotFound.</summary>
    Task<DescribePipelineResponse> DescribePipelineAsync(DescribePipelineRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts an execution, once per ClientRequestToken (a repeat answers the same ARN). Unknown pipeline: ResourceNotFound;
    /// unknown parameter names or values the parameter's type refuses: ValidationException.
    /// </summary>
    Task<StartPipelineExecutionResponse> StartPipelineExecutionAsync(StartPipelineExecutionRequest request,
        CancellationToken cancellationToken = default);

    Task<DescribePipelineExecutionResponse> DescribePipelineExecutionAsync(DescribePipelineExecutionRequest request,
        CancellationToken cancellationToken = default);

    Task<ListPipelineExecutionsResponse> ListPipelineExecutionsAsync(ListPipelineExecutionsRequest request,
        CancellationToken cancellationToken = default);

    /// <summary>The steps that have started, newest first unless SortOrder says Ascending.</summary>
    Task<ListPipelineExecutionStepsResponse> ListPipelineExecutionStepsAsync(ListPipelineExecutionStepsRequest request,
        CancellationToken cancellationToken = default);
}
