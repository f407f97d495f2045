using Amazon.Runtime;
using Amazon.SecurityToken;

namespace Dashboard.Aws.Sts;

/// <summary>Builds the AWSSDK.SecurityToken client with the same endpoint, region and retry rules as the other clients.</summary>
internal static class StsClientFactory
{
    /// <param name="credentials">Null for the SDK's default chain.</param>
    public static AmazonSecurityTokenServiceClient Create(AwsOptions options, AwsEndpointResolver endpoints, AWSCredentials? credentials)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        SdkClientConfig.Apply(config, options, endpoints.FindStsOverride(options)?.Value);
        return new AmazonSecurityTokenServiceClient(credentials ?? new DefaultChainCredentials(), config);
    }
}
