using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Wire;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.SageMaker.Pipelines;

/// <summary>
/// ListPipelines, DescribePipeline, StartPipelineExecution, DescribePipelineExecution, ListPipelineExecutions and
/// ListPipelineExecutionSteps over <see cref="PipelineStore"/>, as of "now".
/// </summary>
public sealed class PipelineOperations(PipelineStore store, IOptions<SimulatorOptions> options, TimeProvider timeProvider) : IAwsOperations
{
    private readonly SageMakerArns _arns = new(options.Value.Region, options.Value.AccountId);

    public void Register(AwsDispatcher dispatcher)
    {
        dispatcher.Add<ListPipelinesRequest, ListPipelinesResponse>(AwsService.SageMaker, "ListPipelines", ListPipelines);
        dispatcher.Add<DescribePipelineRequest, DescribePipelineResponse>(AwsService.SageMaker, "DescribePipeline", DescribePipeline);
        dispatcher.Add<StartPipelineExecutionRequest, StartPipelineExecutionResponse>(AwsService.SageMaker, "StartPipelineExecution",
            StartPipelineExecution);
        dispatcher.Add<DescribePipelineExecutionRequest, DescribePipelineExecutionResponse>(AwsService.SageMaker, "DescribePipelineExecution",
            DescribePipelineExecution);
        dispatcher.Add<ListPipelineExecutionsRequest, ListPipelineExecutionsResponse>(AwsService.SageMaker, "ListPipelineExecutions",
            ListPipelineExecutions);
        dispatcher.Add<ListPipelineExecutionStepsRequest, ListPipelineExecutionStepsResponse>(AwsService.SageMaker, "ListPipelineExecutionSteps",
            ListPipelineExecutionSteps);
    }

    public ListPipelinesResponse ListPipelines(ListPipelinesRequest request)
    {
        var maxResults = request.MaxResults ?? 10;
        SageMakerValidation.Range(maxResults, "maxResults", 1, 100);
        SageMakerValidation.RequireOneOf(request.SortBy, "sortBy", "Name", "CreationTime");
        SageMakerValidation.RequireOneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
        if (request.PipelineNamePrefix is { } prefix && !SageMakerValidation.IsPipelineName(prefix))
        {
            throw SageMakerValidation.Constraint(prefix, "pipelineNamePrefix", "Member must satisfy regular expression pattern: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
        }
        var fingerprint = PageToken.Fingerprint("pipelines", request with { NextToken = null, MaxResults = null });
        var (now, offset) = PinnedPages.Resolve(request.NextToken, fingerprint, timeProvider.GetUtcNow());
        var matching = store.Pipelines
            .Where(p => p.CreationTime <= now)
            .Where(p => request.PipelineNamePrefix is null || p.Name.StartsWith(request.PipelineNamePrefix, StringComparison.Ordinal))
            .Where(p => (request.CreatedAfter is null || p.CreationTime > request.CreatedAfter) && (request.CreatedBefore is null || p.CreationTime < request.CreatedBefore));
        var descending = request.SortOrder != "Ascending";
        var ordered = (request.SortBy == "Name"
                ? descending ? matching.OrderByDescending(p => p.Name, StringComparer.Ordinal) : matching.OrderBy(p => p.Name, StringComparer.Ordinal)
                : descending ? matching.OrderByDescending(p => p.CreationTime) : matching.OrderBy(p => p.CreationTime))
            .Select(p => new PipelineSummary(store.Arn(p), p.Name)
            {
                PipelineDisplayName = p.Name,
                PipelineDescription = p.Description,
                RoleArn = _arns.Role("SageMakerExecutionRole"),
                CreationTime = p.CreationTime,
                LastModifiedTime = p.LastModifiedTime,
                LastExecutionTime = store.Runs(p, now).LastOrDefault()?.CreationTime,
            }).ToList();
        var (page, next) = PinnedPages.Take(ordered, offset, maxResults, fingerprint, now);
        return new ListPipelinesResponse(page, next);
    }

    public DescribePipelineResponse DescribePipeline(DescribePipelineRequest request)
    {
        var now = timeProvider.GetUtcNow();
        var pipeline = FindPipeline(request.PipelineName, now);
        if (request.PipelineVersionId is { } version && version != 1)
        {
            // Each simulated pipeline has one version, its first.
            throw new AwsErrorException("ResourceNotFound", $"Pipeline version {version} of pipeline '{store.Arn(pipeline)}' does not exist.");
        }
        return new DescribePipelineResponse(store.Arn(pipeline), pipeline.Name)
        {
            PipelineDisplayName = pipeline.Name,
            PipelineDefinition = pipeline.Definition,
            PipelineDescription = pipeline.Description,
            RoleArn = _arns.Role("SageMakerExecutionRole"),
            PipelineStatus = "Active",
            CreationTime = pipeline.CreationTime,
            LastModifiedTime = pipeline.LastModifiedTime,
            LastRunTime = store.Runs(pipeline, now).LastOrDefault()?.CreationTime,
        };
    }

    public StartPipelineExecutionResponse StartPipelineExecution(StartPipelineExecutionRequest request)
    {
        PipelineStartValidator.CheckRequest(request);
        var now = timeProvider.GetUtcNow();
        var pipeline = FindPipeline(request.PipelineName, now);
        var parameters = PipelineStartValidator.Resolve(pipeline, request.PipelineParameters);
        return new StartPipelineExecutionResponse(store.Start(pipeline, request, parameters, now).Arn);
    }

    public DescribePipelineExecutionResponse DescribePipelineExecution(DescribePipelineExecutionRequest request)
    {
        var now = timeProvider.GetUtcNow();
        var run = FindRun(request.PipelineExecutionArn, "pipelineExecutionArn", now);
        return new DescribePipelineExecutionResponse(run.Arn, run.StatusAt(now))
        {
            PipelineArn = store.Arn(run.Pipeline),
            PipelineExecutionDisplayName = run.DisplayName,
            PipelineExecutionDescription = run.Description,
            PipelineExperimentConfig = new PipelineExperimentConfig(run.Pipeline.Name, run.Id),
            FailureReason = run.FailureReasonAt(now),
            CreationTime = run.CreationTime,
            LastModifiedTime = run.LastModifiedAt(now),
            PipelineVersionId = 1,
        };
    }

    public ListPipelineExecutionsResponse ListPipelineExecutions(ListPipelineExecutionsRequest request)
    {
        var maxResults = request.MaxResults ?? 10;
        SageMakerValidation.Range(maxResults, "maxResults", 1, 100);
        SageMakerValidation.RequireOneOf(request.SortBy, "sortBy", "CreationTime", "PipelineExecutionArn");
        SageMakerValidation.RequireOneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
        var fingerprint = PageToken.Fingerprint("pipeline-executions", request with { NextToken = null, MaxResults = null });
        var (now, offset) = PinnedPages.Resolve(request.NextToken, fingerprint, timeProvider.GetUtcNow());
        var pipeline = FindPipeline(request.PipelineName, now);
        var matching = store.Runs(pipeline, now)
            .Where(r => (request.CreatedAfter is null || r.CreationTime > request.CreatedAfter) && (request.CreatedBefore is null || r.CreationTime < request.CreatedBefore));
        var descending = request.SortOrder != "Ascending";
        var ordered = (request.SortBy == "PipelineExecutionArn"
                ? descending ? matching.OrderByDescending(r => r.Arn, StringComparer.Ordinal) : matching.OrderBy(r => r.Arn, StringComparer.Ordinal)
                : descending ? matching.OrderByDescending(r => r.CreationTime) : matching.OrderBy(r => r.CreationTime))
            .Select(r => new PipelineExecutionSummary(r.Arn, r.StatusAt(now))
            {
                StartTime = r.CreationTime,
                PipelineExecutionDescription = r.Description,
                PipelineExecutionDisplayName = r.DisplayName,
                PipelineExecutionFailureReason = r.FailureReasonAt(now),
            }).ToList();
        var (page, next) = PinnedPages.Take(ordered, offset, maxResults, fingerprint, now);
        return new ListPipelineExecutionsResponse(page, next);
    }

    public ListPipelineExecutionStepsResponse ListPipelineExecutionSteps(ListPipelineExecutionStepsRequest request)
    {
        var maxResults = request.MaxResults ?? 10;
        SageMakerValidation.Range(maxResults, "maxResults", 1, 100);
        SageMakerValidation.RequireOneOf(request.SortOrder, "sortOrder", "Ascending", "Descending");
        var fingerprint = PageToken.Fingerprint("pipeline-steps", request with { NextToken = null, MaxResults = null });
        var (now, offset) = PinnedPages.Resolve(request.NextToken, fingerprint, timeProvider.GetUtcNow());
        var run = FindRun(request.PipelineExecutionArn, "pipelineExecutionArn", now);
        var steps = run.StepsAt(now);
        var ordered = (request.SortOrder == "Ascending" ? steps.OrderBy(s => s.StartTime) : steps.OrderByDescending(s => s.StartTime)).ToList();
        var (page, next) = PinnedPages.Take(ordered, offset, maxResults, fingerprint, now);
        return new ListPipelineExecutionStepsResponse(page, next);
    }

    private SimulatedPipeline FindPipeline(string? nameOrArn, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(nameOrArn))
        {
            throw SageMakerValidation.Constraint(nameOrArn, "pipelineName", "Member must not be null");
        }
        return store.Find(nameOrArn) is { } pipeline && pipeline.CreationTime <= now
            ? pipeline
            : throw new AwsErrorException("ResourceNotFound",
                $"Pipeline '{(nameOrArn.StartsWith("arn:", StringComparison.Ordinal) ? nameOrArn : _arns.Pipeline(nameOrArn))}' does not exist.");
    }

    private PipelineRun FindRun(string? arn, string member, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(arn))
        {
            throw SageMakerValidation.Constraint(arn, member, "Member must not be null");
        }
        if (!SageMakerValidation.IsPipelineExecutionArn(arn))
        {
            throw SageMakerValidation.Constraint(arn, member,
                "Member must satisfy regular expression pattern: arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:pipeline\\/.*\\/execution\\/.*");
        }
        return store.FindRun(arn, now) ?? throw new AwsErrorException("ResourceNotFound", $"Pipeline execution '{arn}' does not exist.");
    }
}
