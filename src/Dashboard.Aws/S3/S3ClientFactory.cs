using Amazon.Runtime;
using Amazon.S3;
using Dashboard.Aws.Sts;

namespace Dashboard.Aws.S3;

/// <summary>Builds the AWSSDK.S3 client from <see cref="AwsOptions"/>, with the same endpoint and credential rules as the JSON clients.</summary>
internal static class S3ClientFactory
{
    public static IAmazonS3 Create(AwsOptions options, AwsEndpointResolver endpoints, AWSCredentials? credentials)
    {
        var config = new AmazonS3Config();
        // Simulators and S3-compatible stores serve path-style URLs only; on AWS the SDK's virtual-hosted default is
        // kept, as AWS recommends.
        config.ForcePathStyle = SdkClientConfig.Apply(config, options, endpoints.FindS3Override(options)?.Value);

        // Null credentials: the SDK's default chain (env, web identity, profile, container, IMDS).
        return new AmazonS3Client(credentials ?? new DefaultChainCredentials(), config);
    }
}
