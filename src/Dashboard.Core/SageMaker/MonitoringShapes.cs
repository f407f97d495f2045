using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.SageMaker;

// Model Monitor: ListMonitoringSchedules, DescribeMonitoringSchedule, ListMonitoringExecutions (awsJson 1.1 member
// names). Optional request members are init properties left null to be omitted from a request.

public sealed record ListMonitoringSchedulesRequest
{
    public string? EndpointName { get; init; }

    /// <summary>Name, CreationTime (the default) or Status.</summary>
    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }

    /// <summary>1–100; SageMaker's default is 10.</summary>
    public int? MaxResults { get; init; }

    public string? NameContains { get; init; }
    public DateTimeOffset? CreationTimeBefore { get; init; }
    public DateTimeOffset? CreationTimeAfter { get; init; }
    public DateTimeOffset? LastModifiedTimeBefore { get; init; }
    public DateTimeOffset? LastModifiedTimeAfter { get; init; }

    /// <summary>One of <see cref="MonitoringScheduleStatuses"/>.</summary>
    public string? StatusEquals { get; init; }

    public string? MonitoringJobDefinitionName { get; init; }

    /// <summary>One of <see cref="MonitoringTypes"/>.</summary>
    public string? MonitoringTypeEquals { get; init; }
}

public sealed record MonitoringScheduleSummary(string MonitoringScheduleName, string MonitoringScheduleArn, DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime, string MonitoringScheduleStatus, string? EndpointName = null, string? MonitoringJobDefinitionName = null,
    string? MonitoringType = null);

public sealed record ListMonitoringSchedulesResponse(IReadOnlyList<MonitoringScheduleSummary> MonitoringScheduleSummaries, string? NextToken = null);

public sealed record DescribeMonitoringScheduleRequest(string MonitoringScheduleName);

public sealed record DescribeMonitoringScheduleResponse(string MonitoringScheduleArn, string MonitoringScheduleName, string MonitoringScheduleStatus,
    DateTimeOffset CreationTime, DateTimeOffset LastModifiedTime, MonitoringScheduleConfig MonitoringScheduleConfig)
{
    /// <summary>Missing on older data-quality schedules: read a missing value as DataQuality.</summary>
    public string? MonitoringType { get; init; }

    public string? FailureReason { get; init; }
    public string? EndpointName { get; init; }
    public MonitoringExecutionSummary? LastMonitoringExecutionSummary { get; init; }
}

/// <summary>
/// When and how a schedule runs: data-quality schedules carry an inline <see cref="MonitoringJobDefinition"/>; the other
/// monitor types name a separate job definition (<see cref="MonitoringJobDefinitionName"/> and <see cref="MonitoringType"/>).
/// </summary>
public sealed record MonitoringScheduleConfig
{
    public ScheduleConfig? ScheduleConfig { get; init; }
    public MonitoringJobDefinition? MonitoringJobDefinition { get; init; }
    public string? MonitoringJobDefinitionName { get; init; }
    public string? MonitoringType { get; init; }
}

/// <summary>A cron expression (hourly: <c>cron(0 * ? * * *)</c>) or <c>NOW</c>; the offsets are ISO 8601 durations ("-PT1H").</summary>
public sealed record ScheduleConfig(string ScheduleExpression)
{
    public string? DataAnalysisStartTime { get; init; }
    public string? DataAnalysisEndTime { get; init; }
}

public sealed record MonitoringJobDefinition(IReadOnlyList<MonitoringInput> MonitoringInputs, MonitoringOutputConfig MonitoringOutputConfig,
    MonitoringResources MonitoringResources, MonitoringAppSpecification MonitoringAppSpecification, string RoleArn)
{
    /// <summary>The baseline's constraints.json and statistics.json the executions compare against.</summary>
    public MonitoringBaselineConfig? BaselineConfig { get; init; }

    public StoppingCondition? StoppingCondition { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>Members the dashboard does not model (NetworkConfig).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record MonitoringBaselineConfig
{
    public string? BaseliningJobName { get; init; }
    public MonitoringS3Resource? ConstraintsResource { get; init; }
    public MonitoringS3Resource? StatisticsResource { get; init; }
}

/// <summary>A baseline file (MonitoringConstraintsResource, MonitoringStatisticsResource): the S3 URI of the JSON file itself.</summary>
public sealed record MonitoringS3Resource(string? S3Uri = null);

/// <summary>Exactly one of EndpointInput and BatchTransformInput (the latter is not modelled here).</summary>
public sealed record MonitoringInput
{
    public EndpointInput? EndpointInput { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record EndpointInput(string EndpointName, string LocalPath)
{
    public string? S3InputMode { get; init; }
    public string? S3DataDistributionType { get; init; }
    public string? FeaturesAttribute { get; init; }
    public string? InferenceAttribute { get; init; }
    public string? ProbabilityAttribute { get; init; }
    public double? ProbabilityThresholdAttribute { get; init; }
    public string? StartTimeOffset { get; init; }
    public string? EndTimeOffset { get; init; }
    public string? ExcludeFeaturesAttribute { get; init; }
}

/// <summary>
/// Where executions write: <c>MonitoringOutputs[0].S3Output.S3Uri</c> is the root; each execution writes under
/// <c>{root}/{endpoint}/{schedule}/yyyy/MM/dd/HH/</c> (the authoritative prefix is the processing job's output).
/// </summary>
public sealed record MonitoringOutputConfig(IReadOnlyList<MonitoringOutput> MonitoringOutputs)
{
    public string? KmsKeyId { get; init; }
}

public sealed record MonitoringOutput(MonitoringS3Output S3Output);

public sealed record MonitoringS3Output(string S3Uri, string LocalPath)
{
    public string? S3UploadMode { get; init; }
}

public sealed record MonitoringResources(ProcessingClusterConfig ClusterConfig);

public sealed record MonitoringAppSpecification(string ImageUri)
{
    public IReadOnlyList<string>? ContainerEntrypoint { get; init; }
    public IReadOnlyList<string>? ContainerArguments { get; init; }
    public string? RecordPreprocessorSourceUri { get; init; }
    public string? PostAnalyticsProcessorSourceUri { get; init; }
}

/// <summary>A job's time limit (MonitoringStoppingCondition and ProcessingStoppingCondition have the same shape).</summary>
public sealed record StoppingCondition(int MaxRuntimeInSeconds);

public sealed record ListMonitoringExecutionsRequest
{
    public string? MonitoringScheduleName { get; init; }
    public string? EndpointName { get; init; }

    /// <summary>CreationTime (the default), ScheduledTime or Status.</summary>
    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
    public string? NextToken { get; init; }

    /// <summary>1–100; SageMaker's default is 10.</summary>
    public int? MaxResults { get; init; }

    public DateTimeOffset? ScheduledTimeBefore { get; init; }
    public DateTimeOffset? ScheduledTimeAfter { get; init; }
    public DateTimeOffset? CreationTimeBefore { get; init; }
    public DateTimeOffset? CreationTimeAfter { get; init; }
    public DateTimeOffset? LastModifiedTimeBefore { get; init; }
    public DateTimeOffset? LastModifiedTimeAfter { get; init; }

    /// <summary>One of <see cref="MonitoringExecutionStatuses"/>.</summary>
    public string? StatusEquals { get; init; }

    public string? MonitoringJobDefinitionName { get; init; }
    public string? MonitoringTypeEquals { get; init; }
}

/// <summary>One execution of a schedule; its reports are under the processing job's output (DescribeProcessingJob).</summary>
public sealed record MonitoringExecutionSummary(string MonitoringScheduleName, DateTimeOffset ScheduledTime, DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime, string MonitoringExecutionStatus, string? ProcessingJobArn = null, string? EndpointName = null,
    string? FailureReason = null, string? MonitoringJobDefinitionName = null, string? MonitoringType = null);

public sealed record ListMonitoringExecutionsResponse(IReadOnlyList<MonitoringExecutionSummary> MonitoringExecutionSummaries, string? NextToken = null);

public static class MonitoringScheduleStatuses
{
    public const string Pending = "Pending";
    public const string Failed = "Failed";
    public const string Scheduled = "Scheduled";
    public const string Stopped = "Stopped";
}

/// <summary>Completed means no violations; CompletedWithViolations, Failed and Stopped are the other terminal states.</summary>
public static class MonitoringExecutionStatuses
{
    public const string Pending = "Pending";
    public const string Completed = "Completed";
    public const string CompletedWithViolations = "CompletedWithViolations";
    public const string InProgress = "InProgress";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
}

/// <summary>The wire enum (the API reference's prose says DATA_QUALITY etc.; the wire says these).</summary>
public static class MonitoringTypes
{
    public const string DataQuality = "DataQuality";
    public const string ModelQuality = "ModelQuality";
    public const string ModelBias = "ModelBias";
    public const string ModelExplainability = "ModelExplainability";
}
