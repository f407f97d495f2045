namespace Dashboard.Simulator.Wire;

/// <summary>An error to answer in the service's own error format (thrown by operations, rendered by the dispatcher).</summary>
public sealed class AwsErrorException(string code, string message, int statusCode = 400, bool senderFault = true, string? queryCode = null)
    : Exception(message)
{
    public string Code { get; } = code;

    public int StatusCode { get; } = statusCode;

    /// <summary>"Sender" (the caller's fault) or "Receiver" in the x-amzn-query-error header.</summary>
    public bool SenderFault { get; } = senderFault;

    /// <summary>
    /// The awsQuery code CloudWatch puts in x-amzn-query-error. Usually the same as <see cref="Code"/>, but common
    /// errors have query-era names of their own (ThrottlingException is "Throttling", InvalidSignatureException is
    /// "SignatureDoesNotMatch"), and JSON clients of CloudWatch prefer the header.
    /// </summary>
    public string QueryCode { get; } = queryCode ?? code;

    public static AwsErrorException Internal(string code, string message) => new(code, message, 500, senderFault: false);
}
