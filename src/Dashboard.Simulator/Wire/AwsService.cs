namespace Dashboard.Simulator.Wire;

/// <summary>An AWS JSON service the simulator speaks: how targets are prefixed and how replies are labelled.</summary>
public sealed record AwsService(string Name, string SigningName, string TargetPrefix, string ContentType, bool QueryCompatible)
{
    /// <summary>CloudWatch, awsJson 1.0 with the awsQueryCompatible trait (errors carry x-amzn-query-error).</summary>
    public static readonly AwsService CloudWatch =
        new("CloudWatch", "monitoring", "GraniteServiceVersion20100801.", "application/x-amz-json-1.0", QueryCompatible: true);

    /// <summary>SageMaker, awsJson 1.1.</summary>
    public static readonly AwsService SageMaker =
        new("SageMaker", "sagemaker", "SageMaker.", "application/x-amz-json-1.1", QueryCompatible: false);

    public static readonly IReadOnlyList<AwsService> All = [CloudWatch, SageMaker];

    /// <summary>The service a target such as "SageMaker.DescribeEndpoint" belongs to, with the operation name.</summary>
    public static (AwsService? Service, string Operation) Resolve(string? target)
    {
        if (!string.IsNullOrEmpty(target))
        {
            foreach (var service in All)
            {
                if (target.StartsWith(service.TargetPrefix, StringComparison.Ordinal))
                {
                    return (service, target[service.TargetPrefix.Length..]);
                }
            }
        }
        return (null, target ?? "");
    }
}
