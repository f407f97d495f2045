namespace Dashboard.Aws;

/// <summary>
/// Everything that differs between the two JSON-RPC services we speak, so the shared core stays service-agnostic.
/// </summary>
public sealed record AwsServiceDescriptor(
    string Name,
    string SigningName,
    string HostPrefix,
    string ContentType,
    string TargetPrefix,
    bool QueryCompatible,
    string ServiceUrlOptionName,
    string EndpointEnvironmentVariable)
{
    internal string HttpClientName => $"Dashboard.Aws.{Name}";
}

public static class AwsServices
{
    // CloudWatch is awsQueryCompatible: JSON clients send x-amzn-query-mode and read x-amzn-query-error.
    public static readonly AwsServiceDescriptor CloudWatch = new(
        Name: "CloudWatch",
        SigningName: "monitoring",
        HostPrefix: "monitoring",
        ContentType: "application/x-amz-json-1.0",
        TargetPrefix: "GraniteServiceVersion20100801",
        QueryCompatible: true,
        ServiceUrlOptionName: nameof(AwsOptions.CloudWatchServiceUrl),
        EndpointEnvironmentVariable: "AWS_ENDPOINT_URL_CLOUDWATCH");

    // The host is api.sagemaker.* but the SigV4 scope says "sagemaker".
    public static readonly AwsServiceDescriptor SageMaker = new(
        Name: "SageMaker",
        SigningName: "sagemaker",
        HostPrefix: "api.sagemaker",
        ContentType: "application/x-amz-json-1.1",
        TargetPrefix: "SageMaker",
        QueryCompatible: false,
        ServiceUrlOptionName: nameof(AwsOptions.SageMakerServiceUrl),
        EndpointEnvironmentVariable: "AWS_ENDPOINT_URL_SAGEMAKER");
}
