namespace Dashboard.Core;

/// <summary>An error answered by an AWS service (or something that speaks its protocol), with AWS's error code.</summary>
public class AwsServiceException(string service, string errorCode, string message, int statusCode, string? requestId,
    Exception? inner = null) : Exception($"{service}: {errorCode}: {message}", inner)
{
    public string Service { get; } = service;
    public string ErrorCode { get; } = errorCode;
    public int StatusCode { get; } = statusCode;
    public string? RequestId { get; } = requestId;
}
