using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.SageMaker;

// CreateEndpointConfig, UpdateEndpoint and the DeploymentConfig they share with DescribeEndpoint (awsJson 1.1 member
// names). Optional members are init properties left null to be omitted from a request.

/// <summary>How traffic moves to the new fleet: ALL_AT_ONCE, CANARY or LINEAR.</summary>
public static class TrafficRoutingTypes
{
    public const string AllAtOnce = "ALL_AT_ONCE";
    public const string Canary = "CANARY";
    public const string Linear = "LINEAR";
}

/// <summary>A canary, linear step or rolling batch size: INSTANCE_COUNT or CAPACITY_PERCENT.</summary>
public static class CapacitySizeTypes
{
    public const string InstanceCount = "INSTANCE_COUNT";
    public const string CapacityPercent = "CAPACITY_PERCENT";
}

public sealed record CapacitySize(string Type, int Value);

public sealed record TrafficRoutingConfig(string Type, int WaitIntervalInSeconds)
{
    public CapacitySize? CanarySize { get; init; }
    public CapacitySize? LinearStepSize { get; init; }
}

public sealed record BlueGreenUpdatePolicy(TrafficRoutingConfig TrafficRoutingConfiguration)
{
    public int? TerminationWaitInSeconds { get; init; }
    public int? MaximumExecutionTimeoutInSeconds { get; init; }
}

public sealed record RollingUpdatePolicy(CapacitySize MaximumBatchSize, int WaitIntervalInSeconds)
{
    public int? MaximumExecutionTimeoutInSeconds { get; init; }
    public CapacitySize? RollbackMaximumBatchSize { get; init; }
}

public sealed record AlarmReference(string AlarmName);

public sealed record AutoRollbackConfig(IReadOnlyList<AlarmReference> Alarms);

/// <summary>One update policy (blue/green or rolling) and the alarms that roll it back.</summary>
public sealed record DeploymentConfig
{
    public BlueGreenUpdatePolicy? BlueGreenUpdatePolicy { get; init; }
    public RollingUpdatePolicy? RollingUpdatePolicy { get; init; }
    public AutoRollbackConfig? AutoRollbackConfiguration { get; init; }
}

public sealed record UpdateEndpointRequest(string EndpointName, string EndpointConfigName)
{
    public bool? RetainAllVariantProperties { get; init; }
    public DeploymentConfig? DeploymentConfig { get; init; }
    public bool? RetainDeploymentConfig { get; init; }
}

public sealed record UpdateEndpointResponse(string EndpointArn);

public sealed record CaptureOption(string CaptureMode);

public sealed record CaptureContentTypeHeader(IReadOnlyList<string>? CsvContentTypes = null, IReadOnlyList<string>? JsonContentTypes = null);

/// <summary>An endpoint config's data capture, as CreateEndpointConfig takes it and DescribeEndpointConfig returns it.</summary>
public sealed record DataCaptureConfig(int InitialSamplingPercentage, string DestinationS3Uri, IReadOnlyList<CaptureOption> CaptureOptions)
{
    public bool? EnableCapture { get; init; }
    public string? KmsKeyId { get; init; }
    public CaptureContentTypeHeader? CaptureContentTypeHeader { get; init; }
}

public sealed record CreateEndpointConfigRequest(string EndpointConfigName, IReadOnlyList<ProductionVariant> ProductionVariants)
{
    public DataCaptureConfig? DataCaptureConfig { get; init; }
    public IReadOnlyList<ResourceTag>? Tags { get; init; }
    public string? KmsKeyId { get; init; }

    /// <summary>
    /// Members of the config this dashboard does not model (async inference, VPC, explainer, …), sent as read, so a copy
    /// of a config keeps them.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record CreateEndpointConfigResponse(string EndpointConfigArn);

/// <summary>A variant of an update in flight: its desired state comes from the new endpoint config.</summary>
public sealed record PendingProductionVariantSummary(string VariantName, float? CurrentWeight = null, float? DesiredWeight = null,
    int? CurrentInstanceCount = null, int? DesiredInstanceCount = null, string? InstanceType = null,
    IReadOnlyList<ProductionVariantStatus>? VariantStatus = null);

/// <summary>Present in DescribeEndpoint only while the endpoint is being created or updated with a new config.</summary>
public sealed record PendingDeploymentSummary(string EndpointConfigName, DateTimeOffset? StartTime = null,
    IReadOnlyList<PendingProductionVariantSummary>? ProductionVariants = null);

/// <summary>A variant's status during an update (VariantStatus[].Status).</summary>
public static class VariantStatuses
{
    public const string Creating = "Creating";
    public const string Updating = "Updating";
    public const string Deleting = "Deleting";
    public const string ActivatingTraffic = "ActivatingTraffic";
    public const string Baking = "Baking";
}
