using Amazon.Runtime;
using Dashboard.Aws.Wire;
using Dashboard.Core;

namespace Dashboard.Aws.S3;

/// <summary>AWSSDK.S3 failures as <see cref="AwsServiceException"/>s with the codes the JSON clients use.</summary>
internal static class S3Errors
{
    /// <summary>Null for exceptions that are not the service's or the transport's (the caller's cancellation, bugs).</summary>
    public static AwsServiceException? Map(string operation, Exception error, CancellationToken cancellationToken) =>
        Map(S3ObjectClient.ServiceName, operation, error, cancellationToken);

    /// <summary>The same mapping for another AWSSDK service client (STS): its XML error code and request id.</summary>
    public static AwsServiceException? Map(string service, string operation, Exception error, CancellationToken cancellationToken)
    {
        if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        return error switch
        {
            // AmazonS3Exception included: S3's XML <Error> code (NoSuchKey, NoSuchBucket, AccessDenied, …).
            AmazonServiceException { StatusCode: not 0 } s => new AwsServiceException(service,
                string.IsNullOrEmpty(s.ErrorCode) ? $"Http{(int)s.StatusCode}" : s.ErrorCode, s.Message, (int)s.StatusCode,
                s.RequestId, s),
            // The SDK's per-attempt timeout surfaces as a cancellation the caller did not ask for.
            OperationCanceledException => new AwsServiceException(service, AwsErrorCodes.RequestTimeout,
                $"{operation} got no complete reply in time", 0, null, error),
            _ when IsTransport(error) => new AwsServiceException(service, AwsErrorCodes.NetworkError,
                $"{operation} failed: {error.Message}", 0, null, error),
            // E.g. a body that does not match its ETag or checksum, or no credentials anywhere in the chain.
            AmazonClientException => new AwsServiceException(service, ClientCode(error), $"{operation}: {error.Message}",
                0, null, error),
            _ => null,
        };
    }

    private static bool IsTransport(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or IOException)
            {
                return true;
            }
        }
        return false;
    }

    private static string ClientCode(Exception error) =>
        error.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase)
            ? AwsErrorCodes.CredentialsUnavailable
            : AwsErrorCodes.MalformedResponse;
}
