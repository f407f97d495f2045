namespace Dashboard.Core.Connection;

/// <summary>Turns what an AWS call failed with into plain words and what to do about it.</summary>
public static class ConnectionProblem
{
    public static string Describe(Exception error, string action) => error switch
    {
        AwsServiceException { ErrorCode: "CredentialsUnavailable" } =>
            "No AWS credentials were found. Set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run with an instance or container role.",
        AwsServiceException { ErrorCode: "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" } =>
            "The credentials have expired. Refresh the session (e.g. aws sso login) and test again.",
        AwsServiceException { ErrorCode: "UnrecognizedClientException" or "InvalidClientTokenId" } =>
            "AWS does not recognise the access key. Check which credentials the chain picks up (profile, environment).",
        AwsServiceException { ErrorCode: "InvalidSignatureException" or "SignatureDoesNotMatch" } =>
            "AWS refused the request signature: the secret key does not match the access key, or the clock is off.",
        AwsServiceException { ErrorCode: "AccessDenied" or "AccessDeniedException" } e =>
            $"Access denied: the identity is not allowed {action}. Add that permission to its IAM policy. ({e.Message})",
        AwsServiceException { ErrorCode: "NetworkError" } =>
            "The service could not be reached: check the region name (an unknown region has no endpoint) and the network or proxy.",
        AwsServiceException { ErrorCode: "RequestTimeout" } =>
            "The service did not answer in time: check the network or proxy, then test again.",
        AwsServiceException { ErrorCode: "Throttling" or "ThrottlingException" } =>
            "AWS is throttling this account's requests; the dashboard backs off and retries.",
        AwsServiceException e => $"{e.ErrorCode}: {e.Message}",
        _ => error.Message,
    };
}
