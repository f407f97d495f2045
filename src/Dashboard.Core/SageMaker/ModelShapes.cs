namespace Dashboard.Core.SageMaker;

// ListModels and DescribeModel (awsJson 1.1 member names): the models a deployment can put on a variant.

public sealed record ListModelsRequest(string? SortBy = null, string? SortOrder = null, string? NextToken = null,
    int? MaxResults = null, string? NameContains = null);

public sealed record ModelSummary(string ModelName, string ModelArn, DateTimeOffset CreationTime);

public sealed record ListModelsResponse(IReadOnlyList<ModelSummary> Models, string? NextToken = null);

public sealed record DescribeModelRequest(string ModelName);

/// <summary>A model's inference container: the image and, for most frameworks, the model artefact in S3.</summary>
public sealed record ContainerDefinition(string? Image = null, string? ModelDataUrl = null, string? ContainerHostname = null);

public sealed record DescribeModelResponse(string ModelName, string ModelArn, DateTimeOffset CreationTime,
    ContainerDefinition? PrimaryContainer = null, string? ExecutionRoleArn = null);
