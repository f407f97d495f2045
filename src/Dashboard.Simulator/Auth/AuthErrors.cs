using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.Auth;

/// <summary>
/// AWS's refusals for bad credentials, in JSON (__type) and awsQuery (x-amzn-query-error) spelling, with the
/// messages AWS's JSON services use.
/// </summary>
public static class AuthErrors
{
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    public const string InvalidTokenMessage = "The security token included in the request is invalid.";

    public static AwsErrorException MissingAuthenticationToken() =>
        new("MissingAuthenticationTokenException", "Missing Authentication Token", 400, queryCode: "MissingAuthenticationToken");

    public static AwsErrorException IncompleteSignature(string message) =>
        new("IncompleteSignatureException", message, 400, queryCode: "IncompleteSignature");

    public static AwsErrorException UnrecognizedClient() =>
        new("UnrecognizedClientException", InvalidTokenMessage, 403, queryCode: "InvalidClientTokenId");

    public static AwsErrorException InvalidSignature(string message = SignatureMismatchMessage) =>
        new("InvalidSignatureException", message, 403, queryCode: "SignatureDoesNotMatch");
}
