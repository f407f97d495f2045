using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Dashboard.Aws.Sts;

/// <summary>
/// Temporary credentials of an assumed role, refreshed five minutes before they expire. AWSSDK.Core's own
/// <c>Amazon.Runtime.AssumeRoleAWSCredentials</c> builds its STS client internally with no endpoint override, so it
/// cannot reach Aws:StsServiceUrl (the simulator); this one calls AssumeRole through the client it is given.
/// </summary>
internal sealed class StsAssumeRoleCredentials : RefreshingAWSCredentials
{
    private static readonly TimeSpan Duration = TimeSpan.FromHours(1);

    private readonly IAmazonSecurityTokenService _sts;
    private readonly string _roleArn;
    private readonly string _sessionName;

    public StsAssumeRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string sessionName)
    {
        _sts = sts;
        _roleArn = roleArn;
        _sessionName = sessionName;
        PreemptExpiryTime = TimeSpan.FromMinutes(5);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var reply = await _sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = _roleArn,
            RoleSessionName = _sessionName,
            DurationSeconds = (int)Duration.TotalSeconds,
        }).ConfigureAwait(false);
        var issued = reply.Credentials;
        var expires = issued.Expiration?.ToUniversalTime() ?? DateTime.UtcNow.Add(Duration);
        return new CredentialsRefreshState(
            new ImmutableCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken), expires);
    }
}
