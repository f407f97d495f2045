namespace Dashboard.Aws.Wire;

public enum RetryKind
{
    None,
    Transient,
    Throttling,
}

/// <summary>
/// AWS "standard" retry mode: which failures are retried and how long to wait. The attempt count comes from
/// <see cref="AwsOptions.MaxAttempts"/>; the delays are replaceable through DI so tests can make them zero.
/// </summary>
public sealed class AwsRetryPolicy
{
    // botocore standard mode and AWSSDK.Core's RetryPolicy agree on this list (minus EC2-only codes).
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", AwsErrorCodes.NetworkError,
    };

    // Caller mistakes and quotas: retrying only burns the rate limit. Checked first, so a 5xx with one of these
    // codes is not retried either.
    private static readonly HashSet<string> NeverRetryCodes = new(StringComparer.Ordinal)
    {
        "ValidationException", "ValidationError", "LimitExceeded", "ResourceLimitExceeded", "InvalidParameterValue",
        "InvalidParameterCombination", "MissingParameter", "AccessDenied", "AccessDeniedException",
        "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "IncompleteSignature",
        "MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException", AwsErrorCodes.MalformedResponse,
        AwsErrorCodes.CredentialsUnavailable,
    };

    private static readonly HashSet<int> TransientStatuses = [500, 502, 503, 504];

    /// <summary>Base for throttling errors (1 s, the standard mode's value): give the token bucket time to refill.</summary>
    public TimeSpan ThrottlingBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Base for 5xx, timeouts and connection errors (250 ms): a blip usually clears quickly.</summary>
    public TimeSpan TransientBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap of a single wait (20 s, the standard mode's MAX_BACKOFF).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Uniform [0,1) source for full jitter.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;

    public static RetryKind Classify(string errorCode, int statusCode)
    {
        if (NeverRetryCodes.Contains(errorCode))
        {
            return RetryKind.None;
        }
        if (ThrottlingCodes.Contains(errorCode) || statusCode == 429)
        {
            return RetryKind.Throttling;
        }
        if (TransientCodes.Contains(errorCode) || TransientStatuses.Contains(statusCode))
        {
            return RetryKind.Transient;
        }
        return RetryKind.None;
    }

    /// <summary>Full jitter: random(0,1) × min(MaxBackoff, base × 2^retryIndex), retryIndex 0 for the first retry.</summary>
    public TimeSpan DelayFor(RetryKind kind, int retryIndex)
    {
        var baseDelay = kind == RetryKind.Throttling ? ThrottlingBaseDelay : TransientBaseDelay;
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 30));
        var capped = Math.Min(MaxBackoff.TotalMilliseconds, exponential);
        return TimeSpan.FromMilliseconds(Jitter() * capped);
    }
}
