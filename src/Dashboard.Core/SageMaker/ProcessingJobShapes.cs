using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.SageMaker;

// DescribeProcessingJob (awsJson 1.1 member names): a monitoring execution's job, whose output S3Uri is where that
// execution's reports are, and the processing steps of pipeline executions.

/// <summary>The name is the last segment of the job's ARN (<c>…:processing-job/{name}</c>).</summary>
public sealed record DescribeProcessingJobRequest(string ProcessingJobName);

public sealed record DescribeProcessingJobResponse(string ProcessingJobName, ProcessingResources ProcessingResources,
    AppSpecification AppSpecification, string ProcessingJobArn, string ProcessingJobStatus, DateTimeOffset CreationTime)
{
    public IReadOnlyList<ProcessingInput>? ProcessingInputs { get; init; }

    /// <summary><c>Outputs[].S3Output.S3Uri</c>: for a monitoring execution, the prefix its statistics.json and constraint_violations.json are under.</summary>
    public ProcessingOutputConfig? ProcessingOutputConfig { get; init; }

    public StoppingCondition? StoppingCondition { get; init; }
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
    public string? RoleArn { get; init; }

    /// <summary>What the container said on exit, e.g. "CompletedWithViolations: Job completed successfully with 2 violations."</summary>
    public string? ExitMessage { get; init; }

    public string? FailureReason { get; init; }
    public DateTimeOffset? ProcessingEndTime { get; init; }
    public DateTimeOffset? ProcessingStartTime { get; init; }
    public DateTimeOffset? LastModifiedTime { get; init; }
    public string? MonitoringScheduleArn { get; init; }
    public string? TrainingJobArn { get; init; }

    /// <summary>Members the dashboard does not model (NetworkConfig, ExperimentConfig, AutoMLJobArn).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record ProcessingResources(ProcessingClusterConfig ClusterConfig);

/// <summary>The instances a processing (or monitoring) job runs on.</summary>
public sealed record ProcessingClusterConfig(int InstanceCount, string InstanceType, int VolumeSizeInGB)
{
    public string? VolumeKmsKeyId { get; init; }
}

public sealed record AppSpecification(string ImageUri)
{
    public IReadOnlyList<string>? ContainerEntrypoint { get; init; }
    public IReadOnlyList<string>? ContainerArguments { get; init; }
}

public sealed record ProcessingInput(string InputName)
{
    public bool? AppManaged { get; init; }
    public ProcessingS3Input? S3Input { get; init; }

    /// <summary>Members the dashboard does not model (DatasetDefinition).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record ProcessingS3Input(string S3Uri, string S3DataType)
{
    public string? LocalPath { get; init; }
    public string? S3InputMode { get; init; }
    public string? S3DataDistributionType { get; init; }
    public string? S3CompressionType { get; init; }
}

public sealed record ProcessingOutputConfig(IReadOnlyList<ProcessingOutput> Outputs)
{
    public string? KmsKeyId { get; init; }
}

public sealed record ProcessingOutput(string OutputName)
{
    public ProcessingS3Output? S3Output { get; init; }
    public bool? AppManaged { get; init; }

    /// <summary>Members the dashboard does not model (FeatureStoreOutput).</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record ProcessingS3Output(string S3Uri, string S3UploadMode)
{
    public string? LocalPath { get; init; }
}

public static class ProcessingJobStatuses
{
    public const string InProgress = "InProgress";
    public const string Completed = "Completed";
    public const string Failed = "Failed";
    public const string Stopping = "Stopping";
    public const string Stopped = "Stopped";
}
