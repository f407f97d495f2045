namespace Dashboard.Aws.Wire;

/// <summary>Codes this client reports for failures that have no AWS error code of their own.</summary>
public static class AwsErrorCodes
{
    /// <summary>A 2xx reply that is not JSON or lacks a member the operation requires.</summary>
    public const string MalformedResponse = "MalformedResponse";

    /// <summary>An attempt exceeded <see cref="AwsOptions.RequestTimeout"/> (same code AWS uses for its own timeouts).</summary>
    public const string RequestTimeout = "RequestTimeout";

    /// <summary>The connection failed or broke before a complete reply arrived.</summary>
    public const string NetworkError = "NetworkError";

    /// <summary>No credentials could be resolved (explicit options or the SDK's default chain).</summary>
    public const string CredentialsUnavailable = "CredentialsUnavailable";
}
