using System.Collections.Concurrent;

namespace Dashboard.Simulator.Auth;

/// <summary>A temporary key pair handed out by STS AssumeRole, with the role session it stands for.</summary>
public sealed record TemporaryCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken,
    DateTimeOffset Expiration, string AssumedRoleArn, string AssumedRoleId);

/// <summary>
/// The temporary credentials this simulator has issued (STS AssumeRole), which <see cref="SigV4Authenticator"/>
/// accepts besides the configured key until they expire.
/// </summary>
public sealed class IssuedCredentials
{
    private readonly ConcurrentDictionary<string, TemporaryCredentials> _byAccessKey = new(StringComparer.Ordinal);

    public void Add(TemporaryCredentials credentials) => _byAccessKey[credentials.AccessKeyId] = credentials;

    public TemporaryCredentials? Find(string accessKeyId, DateTimeOffset now) =>
        _byAccessKey.TryGetValue(accessKeyId, out var found) && found.Expiration > now ? found : null;
}
