using Dashboard.Core.SageMaker;

namespace Dashboard.Aws.SageMaker;

/// <summary>SageMaker Pipelines: the pipelines, starting one, and following an execution's steps.</summary>
public sealed partial class SageMakerClient
{
    /// <summary>The model's bounds on ClientRequestToken (a GUID's 36 characters fit).</summary>
    public const int MinClientRequestTokenLength = 32;

    public const int MaxClientRequestTokenLength = 128;

    public Task<ListPipelinesResponse> ListPipelinesAsync(ListPipelinesRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListPipelinesRequest, ListPipelinesResponse>("ListPipelines", request, PipelineReplies.Check, cancellationToken);

    public Task<DescribePipelineResponse> DescribePipelineAsync(DescribePipelineRequest request, CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribePipelineRequest, DescribePipelineResponse>("DescribePipeline", request, PipelineReplies.Check, cancellationToken);

    /// <exception cref="ArgumentException">ClientRequestToken is not 32–128 characters long; nothing was sent.</exception>
    public Task<StartPipelineExecutionResponse> StartPipelineExecutionAsync(StartPipelineExecutionRequest request,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The token is what makes a retried start safe: an empty or short one would be refused only after a round trip.
        if (request.ClientRequestToken is not { Length: >= MinClientRequestTokenLength and <= MaxClientRequestTokenLength })
        {
            throw new ArgumentException(
                $"ClientRequestToken must be {MinClientRequestTokenLength}–{MaxClientRequestTokenLength} characters long; nothing was sent to SageMaker.",
                nameof(request));
        }
        return _rpc.InvokeAsync<StartPipelineExecutionRequest, StartPipelineExecutionResponse>("StartPipelineExecution", request,
            PipelineReplies.Check, cancellationToken);
    }

    public Task<DescribePipelineExecutionResponse> DescribePipelineExecutionAsync(DescribePipelineExecutionRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<DescribePipelineExecutionRequest, DescribePipelineExecutionResponse>("DescribePipelineExecution", request,
            PipelineReplies.Check, cancellationToken);

    public Task<ListPipelineExecutionsResponse> ListPipelineExecutionsAsync(ListPipelineExecutionsRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListPipelineExecutionsRequest, ListPipelineExecutionsResponse>("ListPipelineExecutions", request,
            PipelineReplies.Check, cancellationToken);

    public Task<ListPipelineExecutionStepsResponse> ListPipelineExecutionStepsAsync(ListPipelineExecutionStepsRequest request,
        CancellationToken cancellationToken = default) =>
        _rpc.InvokeAsync<ListPipelineExecutionStepsRequest, ListPipelineExecutionStepsResponse>("ListPipelineExecutionSteps", request,
            PipelineReplies.Check, cancellationToken);
}
