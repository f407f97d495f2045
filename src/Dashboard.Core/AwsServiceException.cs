namespace Dashboard.Core;

/// <summary>An error answered by an AWS service (or something that speaks its protocol), with AWS's error code.</summary>
public class AwsServiceException(string service, string errorCode, string message, int statusCode, string? requestId,
    Exception? inner = null) : Exception($"{service}: {errorCode}: {message}", inner)
{
    public string Service { get; } = service;
    public string ErrorCode { get; } = errorCode;
    public int StatusCode { get; } = statusCode;
    public string? RequestId { get; } = requestId;

    /// <summary>AWS's own message, for people: <see cref="Exception.Message"/> without the "{service}: {code}: " before it.</summary>
    public string AwsMessage { get; } = message;

    /// <summary>
    /// No answer arrived (a timeout or a broken connection after the client's retries): the request may or may not have
    /// taken effect, so the caller settles it from what the service shows later.
    /// </summary>
    public bool IsAnswerLost => ErrorCode is "RequestTimeout" or "RequestTimeoutException" or "NetworkError";
}
