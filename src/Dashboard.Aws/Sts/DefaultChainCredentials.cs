using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace Dashboard.Aws.Sts;

/// <summary>
/// The SDK's default credential chain, resolved on every signing (the chain caches and refreshes). A service client
/// built without credentials would otherwise fall back to an anonymous signer and fail with a misleading error when
/// the chain finds nothing; this fails with the chain's own "failed to resolve AWS credentials" instead.
/// </summary>
internal sealed class DefaultChainCredentials : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() => DefaultAWSCredentialsIdentityResolver.GetCredentials().GetCredentials();

    public override async Task<ImmutableCredentials> GetCredentialsAsync() =>
        await (await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync()).GetCredentialsAsync();
}
