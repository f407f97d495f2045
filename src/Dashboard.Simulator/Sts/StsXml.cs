using System.Xml.Linq;
using Dashboard.Simulator.Auth;
using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.Sts;

/// <summary>STS's awsQuery replies: <c>&lt;{Action}Response&gt;</c> with a result and ResponseMetadata, or an ErrorResponse.</summary>
internal static class StsXml
{
    public static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static XDocument CallerIdentity(string arn, string userId, string account, string requestId) =>
        Reply("GetCallerIdentity", requestId,
            new XElement(Ns + "Arn", arn), new XElement(Ns + "UserId", userId), new XElement(Ns + "Account", account));

    public static XDocument AssumeRole(TemporaryCredentials issued, string requestId) =>
        Reply("AssumeRole", requestId,
            new XElement(Ns + "AssumedRoleUser",
                new XElement(Ns + "AssumedRoleId", issued.AssumedRoleId),
                new XElement(Ns + "Arn", issued.AssumedRoleArn)),
            new XElement(Ns + "Credentials",
                new XElement(Ns + "AccessKeyId", issued.AccessKeyId),
                new XElement(Ns + "SecretAccessKey", issued.SecretAccessKey),
                new XElement(Ns + "SessionToken", issued.SessionToken),
                new XElement(Ns + "Expiration", issued.Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))));

    public static XDocument Error(AwsErrorException error, string requestId) =>
        new(new XElement(Ns + "ErrorResponse",
            new XElement(Ns + "Error",
                new XElement(Ns + "Type", error.SenderFault ? "Sender" : "Receiver"),
                new XElement(Ns + "Code", error.QueryCode),
                new XElement(Ns + "Message", error.Message)),
            new XElement(Ns + "RequestId", requestId)));

    private static XDocument Reply(string action, string requestId, params object[] result) =>
        new(new XElement(Ns + $"{action}Response",
            new XElement(Ns + $"{action}Result", result),
            new XElement(Ns + "ResponseMetadata", new XElement(Ns + "RequestId", requestId))));
}
