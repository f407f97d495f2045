namespace Dashboard.Core.Fleet;

/// <summary>What the dashboard knows about one SageMaker endpoint, as of <see cref="ObservedAt"/>.</summary>
public sealed record EndpointState(
    string Name,
    string Arn,
    string Status,
    string? ConfigName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastModifiedAt,
    string? FailureReason,
    IReadOnlyList<VariantState> Variants,
    DateTimeOffset ObservedAt);

/// <summary>A production variant: weights are the raw SageMaker weights; the traffic share is weight / sum of weights.</summary>
public sealed record VariantState(
    string Name,
    string? InstanceType,
    int CurrentInstanceCount,
    int DesiredInstanceCount,
    double CurrentWeight,
    double DesiredWeight);
