using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dashboard.Simulator.Auth;
using Dashboard.Simulator.Wire;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.Sts;

/// <summary>
/// STS over awsQuery (<c>POST /</c>, form-encoded <c>Action=…&amp;Version=2011-06-15</c>, signed as <c>sts</c>):
/// GetCallerIdentity, and AssumeRole, whose temporary credentials <see cref="SigV4Authenticator"/> then accepts.
/// </summary>
public sealed partial class StsQueryHandler(IOptions<SimulatorOptions> options, IAwsRequestAuthenticator authenticator,
    IssuedCredentials issued)
{
    public const string FormContentType = "application/x-www-form-urlencoded";
    public const string ApiVersion = "2011-06-15";

    /// <summary>STS as the authenticator sees it: only the signing name matters.</summary>
    public static readonly AwsService Service = new("STS", "sts", "", "text/xml", QueryCompatible: false);

    private static readonly TimeSpan SessionDuration = TimeSpan.FromHours(1);

    public static bool IsQueryRequest(HttpRequest request) =>
        request.ContentType?.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase) == true;

    public async Task HandleAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var requestId = context.Response.Headers[RequestIdMiddleware.HeaderName].ToString();
        try
        {
            await authenticator.AuthenticateAsync(context, Service, body);
            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body.Span));
            if (form.TryGetValue("Version", out var version) && version != ApiVersion)
            {
                throw new AwsErrorException("InvalidAction", $"Version {version} is not supported; use {ApiVersion}.");
            }
            var reply = form.TryGetValue("Action", out var action) ? action.ToString() : "";
            await WriteAsync(context, StatusCodes.Status200OK, reply switch
            {
                "GetCallerIdentity" => CallerIdentity(context.Request, requestId),
                "AssumeRole" => AssumeRole(form, requestId),
                "" => throw new AwsErrorException("MissingAction", "The request must contain the parameter Action."),
                _ => throw new AwsErrorException("InvalidAction", $"Could not find operation {reply} for version {ApiVersion}."),
            });
        }
        catch (AwsErrorException error)
        {
            await WriteAsync(context, error.StatusCode, StsXml.Error(error, requestId));
        }
    }

    private System.Xml.Linq.XDocument CallerIdentity(HttpRequest request, string requestId)
    {
        var account = options.Value.AccountId;
        // With credentials from AssumeRole the caller is the role session, as on AWS.
        var accessKey = SigV4Authorization.Parse(request.Headers.Authorization.ToString(), out _)?.AccessKeyId;
        return accessKey is not null && issued.Find(accessKey, TimeProvider.System.GetUtcNow()) is { } session
            ? StsXml.CallerIdentity(session.AssumedRoleArn, session.AssumedRoleId, account, requestId)
            : StsXml.CallerIdentity($"arn:aws:iam::{account}:user/simulator", "AIDASIMULATOR", account, requestId);
    }

    private System.Xml.Linq.XDocument AssumeRole(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> form, string requestId)
    {
        var roleArn = form.TryGetValue("RoleArn", out var arn) ? arn.ToString() : "";
        var sessionName = form.TryGetValue("RoleSessionName", out var name) ? name.ToString() : "";
        var role = RoleArnPattern().Match(roleArn);
        if (!role.Success)
        {
            throw new AwsErrorException("ValidationError", $"{roleArn} is invalid: RoleArn must be an IAM role ARN.");
        }
        if (!SessionNamePattern().IsMatch(sessionName))
        {
            throw new AwsErrorException("ValidationError",
                "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        // Temporary keys expire on the machine's clock, which is the one SDKs compare Expiration with.
        var roleId = "AROA" + RandomToken(8);
        var credentials = new TemporaryCredentials("ASIA" + RandomToken(8), RandomToken(20), RandomToken(32),
            TimeProvider.System.GetUtcNow().Add(SessionDuration),
            $"arn:aws:sts::{role.Groups["account"].Value}:assumed-role/{role.Groups["name"].Value}/{sessionName}",
            $"{roleId}:{sessionName}");
        issued.Add(credentials);
        return StsXml.AssumeRole(credentials, requestId);
    }

    private static string RandomToken(int bytes) => Convert.ToHexString(RandomNumberGenerator.GetBytes(bytes));

    private static async Task WriteAsync(HttpContext context, int status, System.Xml.Linq.XDocument document)
    {
        var bytes = Encoding.UTF8.GetBytes(document.ToString(System.Xml.Linq.SaveOptions.DisableFormatting));
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::(?<account>\d{12}):role/(?:[\w+=,.@-]+/)*(?<name>[\w+=,.@-]+)$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
