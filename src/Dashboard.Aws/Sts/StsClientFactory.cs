using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;

namespace Dashboard.Aws.Sts;

/// <summary>Builds the AWSSDK.SecurityToken client with the same endpoint, region and retry rules as the other clients.</summary>
internal static class StsClientFactory
{
    /// <param name="credentials">Null for the SDK's default chain.</param>
    public static AmazonSecurityTokenServiceClient Create(AwsOptions options, AwsEndpointResolver endpoints, AWSCredentials? credentials)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = Math.Max(0, options.MaxAttempts - 1),
            Timeout = options.RequestTimeout,
        };
        if (endpoints.FindStsOverride(options) is { } found)
        {
            config.ServiceURL = found.Value;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        // Set after ServiceURL, which would otherwise leave the signing region to be guessed from the host name.
        config.AuthenticationRegion = options.Region;
        return new AmazonSecurityTokenServiceClient(credentials ?? new DefaultChainCredentials(), config);
    }
}
