using Dashboard.Aws.Sts;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Dashboard.Aws.S3;

/// <summary>Builds the AWSSDK.S3 client from <see cref="AwsOptions"/>, with the same endpoint and credential rules as the JSON clients.</summary>
internal static class S3ClientFactory
{
    public static IAmazonS3 Create(AwsOptions options, AwsEndpointResolver endpoints, AWSCredentials? credentials)
    {
        var config = new AmazonS3Config
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = Math.Max(0, options.MaxAttempts - 1),
            Timeout = options.RequestTimeout,
        };
        if (endpoints.FindS3Override(options) is { } found)
        {
            config.ServiceURL = found.Value;
            // Simulators and S3-compatible stores serve path-style URLs only; on AWS the SDK's virtual-hosted
            // default is kept, as AWS recommends.
            config.ForcePathStyle = true;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        // Set after ServiceURL, which would otherwise leave the signing region to be guessed from the host name.
        config.AuthenticationRegion = options.Region;

        // Null credentials: the SDK's default chain (env, web identity, profile, container, IMDS).
        return new AmazonS3Client(credentials ?? new DefaultChainCredentials(), config);
    }
}
