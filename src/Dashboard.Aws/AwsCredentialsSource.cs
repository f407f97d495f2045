using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime;
using Dashboard.Aws.Sts;
using Microsoft.Extensions.Options;

namespace Dashboard.Aws;

/// <summary>
/// The credentials every client signs with: static keys from <see cref="AwsOptions"/> or the SDK's default chain
/// (null), and, with <see cref="AwsOptions.RoleArn"/>, the role assumed over them. One instance for the whole app, so
/// the role's temporary credentials are shared and refreshed once, not per client or per HTTP handler.
/// </summary>
public sealed class AwsCredentialsSource(IOptionsMonitor<AwsOptions> options, AwsEndpointResolver endpoints)
{
    private readonly Lazy<AWSCredentials?> _credentials = new(() => Create(options.CurrentValue, endpoints));

    /// <summary>Null means "the SDK's default chain, resolved lazily when signing".</summary>
    public AWSCredentials? Credentials => _credentials.Value;

    internal static AWSCredentials? Base(AwsOptions options)
    {
        if (options.HasStaticCredentials)
        {
            return new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey);
        }
        // The validator has checked at start-up that the profile exists.
        return !string.IsNullOrWhiteSpace(options.Profile) && new CredentialProfileStoreChain().TryGetAWSCredentials(options.Profile, out var profile)
            ? profile
            : null;
    }

    private static AWSCredentials? Create(AwsOptions options, AwsEndpointResolver endpoints) =>
        options.HasRole
            // The STS client that assumes the role signs with the base credentials and honours Aws:StsServiceUrl.
            ? new StsAssumeRoleCredentials(StsClientFactory.Create(options, endpoints, Base(options)),
                options.RoleArn!.Trim(), options.RoleSessionName)
            : Base(options);
}
