using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dashboard.Core.SageMaker;

// Request and response shapes of the SageMaker operations the dashboard uses (awsJson 1.1 member names).

public sealed record ListEndpointsRequest(string? SortBy = null, string? SortOrder = null, string? NextToken = null,
    int? MaxResults = null, string? NameContains = null, string? StatusEquals = null);

public sealed record EndpointSummary(string EndpointName, string EndpointArn, DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime, string EndpointStatus);

public sealed record ListEndpointsResponse(IReadOnlyList<EndpointSummary> Endpoints, string? NextToken = null);

public sealed record DescribeEndpointRequest(string EndpointName);

public sealed record ProductionVariantStatus(string Status, string? StatusMessage = null, DateTimeOffset? StartTime = null);

public sealed record ProductionVariantSummary(string VariantName, float? CurrentWeight = null, float? DesiredWeight = null,
    int? CurrentInstanceCount = null, int? DesiredInstanceCount = null,
    IReadOnlyList<ProductionVariantStatus>? VariantStatus = null);

public sealed record DataCaptureConfigSummary(bool EnableCapture, string CaptureStatus, int CurrentSamplingPercentage,
    string DestinationS3Uri, string? KmsKeyId = null);

public sealed record DescribeEndpointResponse(string EndpointName, string EndpointArn, string? EndpointConfigName,
    IReadOnlyList<ProductionVariantSummary>? ProductionVariants, string EndpointStatus, DateTimeOffset CreationTime,
    DateTimeOffset LastModifiedTime, string? FailureReason = null, DataCaptureConfigSummary? DataCaptureConfig = null)
{
    /// <summary>The deployment policy of the newest UpdateEndpoint (or CreateEndpoint) that named one.</summary>
    public DeploymentConfig? LastDeploymentConfig { get; init; }

    /// <summary>Present only while the endpoint is being created or updated with a new endpoint config.</summary>
    public PendingDeploymentSummary? PendingDeploymentSummary { get; init; }
}

public sealed record DescribeEndpointConfigRequest(string EndpointConfigName);

public sealed record ProductionVariant(string VariantName, string? ModelName = null, int? InitialInstanceCount = null,
    string? InstanceType = null, float? InitialVariantWeight = null)
{
    /// <summary>Members the dashboard does not model (volume size, routing, timeouts, …), kept so a copied config keeps them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record DescribeEndpointConfigResponse(string EndpointConfigName, string EndpointConfigArn,
    IReadOnlyList<ProductionVariant> ProductionVariants, DateTimeOffset CreationTime)
{
    public DataCaptureConfig? DataCaptureConfig { get; init; }
    public string? KmsKeyId { get; init; }

    /// <summary>Members the dashboard does not model (async inference, VPC, explainer, …), kept so a copied config keeps them.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record ListTagsRequest(string ResourceArn, string? NextToken = null, int? MaxResults = null);

public sealed record ResourceTag(string Key, string Value);

public sealed record ListTagsResponse(IReadOnlyList<ResourceTag>? Tags, string? NextToken = null);

/// <summary>A variant's new weight and/or instance count; members left null are not sent (and not changed).</summary>
public sealed record DesiredWeightAndCapacity(string VariantName, float? DesiredWeight = null, int? DesiredInstanceCount = null);

public sealed record UpdateEndpointWeightsAndCapacitiesRequest(string EndpointName,
    IReadOnlyList<DesiredWeightAndCapacity> DesiredWeightsAndCapacities);

public sealed record UpdateEndpointWeightsAndCapacitiesResponse(string EndpointArn);

public static class EndpointStatuses
{
    public const string OutOfService = "OutOfService";
    public const string Creating = "Creating";
    public const string Updating = "Updating";
    public const string SystemUpdating = "SystemUpdating";
    public const string RollingBack = "RollingBack";
    public const string InService = "InService";
    public const string Deleting = "Deleting";
    public const string Failed = "Failed";
    public const string UpdateRollbackFailed = "UpdateRollbackFailed";
}
