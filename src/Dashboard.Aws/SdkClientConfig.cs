using Amazon;
using Amazon.Runtime;

namespace Dashboard.Aws;

/// <summary>
/// The settings every AWSSDK service client (S3, STS) shares with our JSON clients: standard retries with the same
/// attempt count and timeout, the endpoint override or the region's endpoint, and the signing region.
/// </summary>
internal static class SdkClientConfig
{
    /// <returns>True when an endpoint override is in use.</returns>
    public static bool Apply(ClientConfig config, AwsOptions options, string? serviceUrl)
    {
        config.RetryMode = RequestRetryMode.Standard;
        config.MaxErrorRetry = Math.Max(0, options.MaxAttempts - 1);
        config.Timeout = options.RequestTimeout;
        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        // Set after ServiceURL, which would otherwise leave the signing region to be guessed from the host name.
        config.AuthenticationRegion = options.Region;
        return serviceUrl is not null;
    }
}
