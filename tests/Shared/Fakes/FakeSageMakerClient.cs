using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Core.SageMaker;

namespace Dashboard.Tests.Shared;

/// <summary>
/// SageMaker with a fixed set of endpoints and configs; ListEndpoints pages by <see cref="PageSize"/>; records the
/// requests it is sent; while <see cref="Failure"/> is set, every call but ListTags throws it.
/// </summary>
internal sealed class FakeSageMakerClient : ISageMakerClient
{
    public List<DescribeEndpointResponse> Endpoints { get; } = [];

    public Dictionary<string, DescribeEndpointConfigResponse> Configs { get; } = new(StringComparer.Ordinal);

    public int PageSize { get; set; } = 100;

    public List<ListEndpointsRequest> ListRequests { get; } = [];

    public List<string> ConfigRequests { get; } = [];

    public Exception? Failure { get; set; }

    /// <summary>Tags per endpoint ARN; endpoints not listed have none.</summary>
    public Dictionary<string, ResourceTag[]> Tags { get; } = [];

    public List<ListTagsRequest> TagRequests { get; } = [];

    public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default)
    {
        TagRequests.Add(request);
        return Task.FromResult(new ListTagsResponse(Tags.GetValueOrDefault(request.ResourceArn) ?? []));
    }

    public Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken = default)
    {
        ListRequests.Add(request);
        if (Failure is not null)
        {
            throw Failure;
        }
        var skip = request.NextToken is null ? 0 : int.Parse(request.NextToken, CultureInfo.InvariantCulture);
        var page = Endpoints.Skip(skip).Take(PageSize)
            .Select(e => new EndpointSummary(e.EndpointName, e.EndpointArn, e.CreationTime, e.LastModifiedTime, e.EndpointStatus)).ToList();
        var next = skip + page.Count < Endpoints.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ListEndpointsResponse(page, next));
    }

    /// <summary>Every endpoint described, in order; concurrent because trackers describe from several threads.</summary>
    public ConcurrentQueue<string> DescribeRequests { get; } = [];

    public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default)
    {
        DescribeRequests.Enqueue(request.EndpointName);
        if (Failure is not null)
        {
            throw Failure;
        }
        return Task.FromResult(Endpoints.Single(e => e.EndpointName == request.EndpointName));
    }

    public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request, CancellationToken cancellationToken = default)
    {
        ConfigRequests.Add(request.EndpointConfigName);
        if (Failure is not null)
        {
            throw Failure;
        }
        return Task.FromResult(Configs[request.EndpointConfigName]);
    }

    /// <summary>Every weight update asked for; a queue because the race tests approve from two replicas at once.</summary>
    public ConcurrentQueue<UpdateEndpointWeightsAndCapacitiesRequest> Updates { get; } = [];

    public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(
        UpdateEndpointWeightsAndCapacitiesRequest request, CancellationToken cancellationToken = default)
    {
        Updates.Enqueue(request);
        if (Failure is not null)
        {
            throw Failure;
        }
        return Task.FromResult(new UpdateEndpointWeightsAndCapacitiesResponse(
            $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{request.EndpointName.ToLowerInvariant()}"));
    }

    /// <summary>The account's models, as ListModels returns them (newest first).</summary>
    public List<ModelSummary> Models { get; } = [];

    public Task<ListModelsResponse> ListModelsAsync(ListModelsRequest request, CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            throw Failure;
        }
        return Task.FromResult(new ListModelsResponse(Models.OrderByDescending(m => m.CreationTime).ToList()));
    }

    public Task<DescribeModelResponse> DescribeModelAsync(DescribeModelRequest request, CancellationToken cancellationToken = default)
    {
        var model = Models.Single(m => m.ModelName == request.ModelName);
        return Task.FromResult(new DescribeModelResponse(model.ModelName, model.ModelArn, model.CreationTime));
    }

    /// <summary>Every config asked to be created, in order.</summary>
    public ConcurrentQueue<CreateEndpointConfigRequest> CreatedConfigs { get; } = [];

    public Task<CreateEndpointConfigResponse> CreateEndpointConfigAsync(CreateEndpointConfigRequest request, CancellationToken cancellationToken = default)
    {
        CreatedConfigs.Enqueue(request);
        if (Failure is not null)
        {
            throw Failure;
        }
        return Task.FromResult(new CreateEndpointConfigResponse(
            $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint-config/{request.EndpointConfigName.ToLowerInvariant()}"));
    }

    /// <summary>Every UpdateEndpoint asked for, in order.</summary>
    public ConcurrentQueue<UpdateEndpointRequest> EndpointUpdates { get; } = [];

    public Task<UpdateEndpointResponse> UpdateEndpointAsync(UpdateEndpointRequest request, CancellationToken cancellationToken = default)
    {
        EndpointUpdates.Enqueue(request);
        if (Failure is not null)
        {
            throw Failure;
        }
        return Task.FromResult(new UpdateEndpointResponse(
            $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{request.EndpointName.ToLowerInvariant()}"));
    }
}
