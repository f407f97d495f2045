using System.Collections.Concurrent;
using System.Globalization;
using Dashboard.Core.SageMaker;

namespace Dashboard.Tests.Shared;

/// <summary>
/// SageMaker with a fixed set of endpoints and configs, monitoring schedules and pipelines; ListEndpoints and the
/// monitoring and pipeline lists page by <see cref="PageSize"/>; records the requests it is sent; while
/// <see cref="Failure"/> is set, every call but ListTags throws it.
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

    /// <summary>The account's schedules, as DescribeMonitoringSchedule returns them; ListMonitoringSchedules summarises them in order.</summary>
    public List<DescribeMonitoringScheduleResponse> MonitoringSchedules { get; } = [];

    /// <summary>Every execution, of every schedule; listed newest ScheduledTime first.</summary>
    public List<MonitoringExecutionSummary> MonitoringExecutions { get; } = [];

    /// <summary>Processing jobs by name.</summary>
    public Dictionary<string, DescribeProcessingJobResponse> ProcessingJobs { get; } = new(StringComparer.Ordinal);

    public Task<ListMonitoringSchedulesResponse> ListMonitoringSchedulesAsync(ListMonitoringSchedulesRequest request,
        CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        var (page, next) = Page(MonitoringSchedules.Where(s => request.EndpointName is null || s.EndpointName == request.EndpointName)
            .Select(s => new MonitoringScheduleSummary(s.MonitoringScheduleName, s.MonitoringScheduleArn, s.CreationTime, s.LastModifiedTime,
                s.MonitoringScheduleStatus, s.EndpointName, s.MonitoringScheduleConfig.MonitoringJobDefinitionName, s.MonitoringType)), request.NextToken);
        return Task.FromResult(new ListMonitoringSchedulesResponse(page, next));
    }

    public Task<DescribeMonitoringScheduleResponse> DescribeMonitoringScheduleAsync(DescribeMonitoringScheduleRequest request,
        CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Task.FromResult(MonitoringSchedules.FirstOrDefault(s => s.MonitoringScheduleName == request.MonitoringScheduleName)
            ?? throw NotFound($"Could not find monitoring schedule '{request.MonitoringScheduleName}'."));
    }

    public Task<ListMonitoringExecutionsResponse> ListMonitoringExecutionsAsync(ListMonitoringExecutionsRequest request,
        CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        var (page, next) = Page(MonitoringExecutions
            .Where(e => request.MonitoringScheduleName is null || e.MonitoringScheduleName == request.MonitoringScheduleName)
            .Where(e => request.EndpointName is null || e.EndpointName == request.EndpointName)
            .Where(e => request.ScheduledTimeAfter is null || e.ScheduledTime >= request.ScheduledTimeAfter)
            .OrderByDescending(e => e.ScheduledTime), request.NextToken);
        return Task.FromResult(new ListMonitoringExecutionsResponse(page, next));
    }

    public Task<DescribeProcessingJobResponse> DescribeProcessingJobAsync(DescribeProcessingJobRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Task.FromResult(ProcessingJobs.GetValueOrDefault(request.ProcessingJobName)
            ?? throw NotFound($"Processing Job {request.ProcessingJobName} does not exist."));
    }

    /// <summary>The account's pipelines, as DescribePipeline returns them.</summary>
    public List<DescribePipelineResponse> Pipelines { get; } = [];

    /// <summary>Executions by ARN (change one's status to move it on); StartPipelineExecution adds Executing ones.</summary>
    public Dictionary<string, DescribePipelineExecutionResponse> PipelineExecutions { get; } = new(StringComparer.Ordinal);

    /// <summary>The steps of an execution by its ARN, in the order ListPipelineExecutionSteps returns them.</summary>
    public Dictionary<string, List<PipelineExecutionStep>> PipelineSteps { get; } = new(StringComparer.Ordinal);

    /// <summary>Every StartPipelineExecution asked for, repeats included.</summary>
    public ConcurrentQueue<StartPipelineExecutionRequest> PipelineStarts { get; } = [];

    private readonly Dictionary<string, string> _executionsByToken = new(StringComparer.Ordinal);

    public Task<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        var (page, next) = Page(Pipelines.Where(p => request.PipelineNamePrefix is null || p.PipelineName.StartsWith(request.PipelineNamePrefix, StringComparison.Ordinal))
            .Select(p => new PipelineSummary(p.PipelineArn, p.PipelineName) { PipelineDescription = p.PipelineDescription, CreationTime = p.CreationTime }),
            request.NextToken);
        return Task.FromResult(new ListPipelinesResponse(page, next));
    }

    public Task<DescribePipelineResponse> DescribePipelineAsync(DescribePipelineRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Task.FromResult(FindPipeline(request.PipelineName));
    }

    public Task<StartPipelineExecutionResponse> StartPipelineExecutionAsync(StartPipelineExecutionRequest request,
        CancellationToken cancellationToken = default)
    {
        PipelineStarts.Enqueue(request);
        ThrowIfFailing();
        var pipeline = FindPipeline(request.PipelineName);
        lock (_executionsByToken)
        {
            if (!_executionsByToken.TryGetValue(request.ClientRequestToken, out var arn))
            {
                arn = $"{pipeline.PipelineArn}/execution/{_executionsByToken.Count + 1:D12}";
                _executionsByToken[request.ClientRequestToken] = arn;
                PipelineExecutions[arn] = new DescribePipelineExecutionResponse(arn, PipelineExecutionStatuses.Executing)
                {
                    PipelineArn = pipeline.PipelineArn,
                    PipelineExecutionDisplayName = request.PipelineExecutionDisplayName,
                    PipelineExecutionDescription = request.PipelineExecutionDescription,
                };
                PipelineSteps[arn] = [];
            }
            return Task.FromResult(new StartPipelineExecutionResponse(arn));
        }
    }

    public Task<DescribePipelineExecutionResponse> DescribePipelineExecutionAsync(DescribePipelineExecutionRequest request,
        CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        return Task.FromResult(PipelineExecutions.GetValueOrDefault(request.PipelineExecutionArn)
            ?? throw NotFound($"Pipeline execution '{request.PipelineExecutionArn}' does not exist."));
    }

    public Task<ListPipelineExecutionsResponse> ListPipelineExecutionsAsync(ListPipelineExecutionsRequest request,
        CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        var pipeline = FindPipeline(request.PipelineName);
        var (page, next) = Page(PipelineExecutions.Values.Where(e => e.PipelineArn == pipeline.PipelineArn)
            .OrderByDescending(e => e.CreationTime)
            .Select(e => new PipelineExecutionSummary(e.PipelineExecutionArn, e.PipelineExecutionStatus)
            {
                StartTime = e.CreationTime,
                PipelineExecutionDisplayName = e.PipelineExecutionDisplayName,
                PipelineExecutionFailureReason = e.FailureReason,
            }), request.NextToken);
        return Task.FromResult(new ListPipelineExecutionsResponse(page, next));
    }

    public Task<ListPipelineExecutionStepsResponse> ListPipelineExecutionStepsAsync(ListPipelineExecutionStepsRequest request,
        CancellationToken cancellationToken = default)
    {
        ThrowIfFailing();
        var steps = PipelineSteps.GetValueOrDefault(request.PipelineExecutionArn)
            ?? throw NotFound($"Pipeline execution '{request.PipelineExecutionArn}' does not exist.");
        var (page, next) = Page(steps, request.NextToken);
        return Task.FromResult(new ListPipelineExecutionStepsResponse(page, next));
    }

    private DescribePipelineResponse FindPipeline(string nameOrArn) =>
        Pipelines.FirstOrDefault(p => p.PipelineName == nameOrArn || p.PipelineArn == nameOrArn)
            ?? throw NotFound($"Pipeline '{nameOrArn}' does not exist.");

    private void ThrowIfFailing()
    {
        if (Failure is not null)
        {
            throw Failure;
        }
    }

    private (List<T> Page, string? Next) Page<T>(IEnumerable<T> items, string? token)
    {
        var all = items.ToList();
        var skip = token is null ? 0 : int.Parse(token, CultureInfo.InvariantCulture);
        var page = all.Skip(skip).Take(PageSize).ToList();
        return (page, skip + page.Count < all.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null);
    }

    private static Dashboard.Core.AwsServiceException NotFound(string message) => new("SageMaker", "ResourceNotFound", message, 400, "fake-request");
}
