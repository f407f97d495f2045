namespace Dashboard.Core.Connection;

/// <summary>Who the dashboard's credentials are, as STS GetCallerIdentity says (no permission is needed to ask).</summary>
public interface ICallerIdentityClient
{
    Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken = default);
}

/// <summary>The account, the principal's ARN (an assumed-role ARN when a role is assumed) and its unique id.</summary>
public sealed record CallerIdentity(string Account, string Arn, string UserId);
