using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.SageMaker;

// SageMaker Pipelines: ListPipelines, DescribePipeline, StartPipelineExecution, DescribePipelineExecution,
// ListPipelineExecutions, ListPipelineExecutionSteps (awsJson 1.1 member names). The model marks almost nothing in these
// replies required; the names and ARNs typed non-null here are the ones the replies are checked for.

public sealed record ListPipelinesRequest
{
    public string? PipelineNamePrefix { get; init; }
    public DateTimeOffset? CreatedAfter { get; init; }
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Name or CreationTime.</summary>
    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

public sealed record PipelineSummary(string PipelineArn, string PipelineName)
{
    public string? PipelineDisplayName { get; init; }
    public string? PipelineDescription { get; init; }
    public string? RoleArn { get; init; }
    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public DateTimeOffset? LastExecutionTime { get; init; }
}

public sealed record ListPipelinesResponse(IReadOnlyList<PipelineSummary> PipelineSummaries, string? NextToken = null);

/// <summary>The pipeline's name or ARN.</summary>
public sealed record DescribePipelineRequest(string PipelineName)
{
    public long? PipelineVersionId { get; init; }
}

public sealed record DescribePipelineResponse(string PipelineArn, string PipelineName)
{
    public string? PipelineDisplayName { get; init; }

    /// <summary>The definition as a JSON string; its <c>Parameters</c> are read with <see cref="PipelineDefinitionParameters"/>.</summary>
    public string? PipelineDefinition { get; init; }

    public string? PipelineDescription { get; init; }
    public string? RoleArn { get; init; }

    /// <summary>Active or Deleting.</summary>
    public string? PipelineStatus { get; init; }

    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public DateTimeOffset? LastRunTime { get; init; }
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }

    /// <summary>Members the dashboard does not model (CreatedBy, LastModifiedBy, version names).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record ParallelismConfiguration(int MaxParallelExecutionSteps);

/// <summary>A value for one of the definition's parameters; every value is sent as a string, whatever the parameter's type.</summary>
public sealed record PipelineParameter(string Name, string Value);

/// <summary>
/// <paramref name="ClientRequestToken"/> (32–128 characters) makes the call idempotent: the same token starts the
/// execution once and answers its ARN again, so derive it from what is being started (e.g. an approved proposal).
/// </summary>
public sealed record StartPipelineExecutionRequest(string PipelineName, string ClientRequestToken)
{
    public string? PipelineExecutionDisplayName { get; init; }

    /// <summary>Parameters not listed take the definition's DefaultValue.</summary>
    public IReadOnlyList<PipelineParameter>? PipelineParameters { get; init; }

    public string? PipelineExecutionDescription { get; init; }
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }

    /// <summary>Members the dashboard does not model (SelectiveExecutionConfig, PipelineVersionId, MlflowExperimentName), sent as given.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record StartPipelineExecutionResponse(string PipelineExecutionArn);

public sealed record DescribePipelineExecutionRequest(string PipelineExecutionArn);

public sealed record DescribePipelineExecutionResponse(string PipelineExecutionArn, string PipelineExecutionStatus)
{
    public string? PipelineArn { get; init; }
    public string? PipelineExecutionDisplayName { get; init; }
    public string? PipelineExecutionDescription { get; init; }
    public PipelineExperimentConfig? PipelineExperimentConfig { get; init; }

    /// <summary>Set when the execution Failed (the failing step says why in its own FailureReason).</summary>
    public string? FailureReason { get; init; }

    public DateTimeOffset? CreationTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public ParallelismConfiguration? ParallelismConfiguration { get; init; }
    public long? PipelineVersionId { get; init; }

    /// <summary>Members the dashboard does not model (CreatedBy, LastModifiedBy, SelectiveExecutionConfig, MLflowConfig).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record PipelineExperimentConfig(string? ExperimentName = null, string? TrialName = null);

/// <summary>The pipeline's name or ARN.</summary>
public sealed record ListPipelineExecutionsRequest(string PipelineName)
{
    public DateTimeOffset? CreatedAfter { get; init; }
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>CreationTime or PipelineExecutionArn.</summary>
    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }
}

public sealed record PipelineExecutionSummary(string PipelineExecutionArn, string PipelineExecutionStatus)
{
    public DateTimeOffset? StartTime { get; init; }
    public string? PipelineExecutionDescription { get; init; }
    public string? PipelineExecutionDisplayName { get; init; }
    public string? PipelineExecutionFailureReason { get; init; }
}

public sealed record ListPipelineExecutionsResponse(IReadOnlyList<PipelineExecutionSummary> PipelineExecutionSummaries, string? NextToken = null);

public sealed record ListPipelineExecutionStepsRequest(string PipelineExecutionArn)
{
    public string? NextToken { get; init; }
    public int? MaxResults { get; init; }

    /// <summary>By start time; SageMaker's default is Descending (the newest step first).</summary>
    public string? SortOrder { get; init; }
}

/// <summary>A step that has started; steps not started yet are not listed.</summary>
public sealed record PipelineExecutionStep(string StepName, string StepStatus)
{
    public string? StepDisplayName { get; init; }
    public string? StepDescription { get; init; }
    public DateTimeOffset? StartTime { get; init; }
    public DateTimeOffset? EndTime { get; init; }
    public string? FailureReason { get; init; }

    /// <summary>What the step made: <c>Model.Arn</c> for a model step, <c>RegisterModel.Arn</c> (a model package) for RegisterModel.</summary>
    public PipelineExecutionStepMetadata? Metadata { get; init; }

    public int? AttemptCount { get; init; }

    /// <summary>Members the dashboard does not model (CacheHitResult, SelectiveExecutionResult).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>One member is set, by the step's type; the others are not modelled here.</summary>
public sealed record PipelineExecutionStepMetadata
{
    public StepResourceMetadata? TrainingJob { get; init; }
    public StepResourceMetadata? ProcessingJob { get; init; }
    public StepResourceMetadata? Model { get; init; }
    public StepResourceMetadata? RegisterModel { get; init; }
    public ConditionStepMetadata? Condition { get; init; }
    public FailStepMetadata? Fail { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

/// <summary>The ARN of what a step created (training or processing job, model, model package).</summary>
public sealed record StepResourceMetadata(string? Arn = null);

/// <summary>"True" or "False".</summary>
public sealed record ConditionStepMetadata(string? Outcome = null);

public sealed record FailStepMetadata(string? ErrorMessage = null);

public sealed record ListPipelineExecutionStepsResponse(IReadOnlyList<PipelineExecutionStep> PipelineExecutionSteps, string? NextToken = null);

public static class PipelineExecutionStatuses
{
    public const string Executing = "Executing";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
    public const string Failed = "Failed";
    public const string Succeeded = "Succeeded";
}

public static class PipelineStepStatuses
{
    public const string Starting = "Starting";
    public const string Executing = "Executing";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
    public const string Failed = "Failed";
    public const string Succeeded = "Succeeded";
}
