using System.Security.Cryptography;
using System.Text;
using Dashboard.Simulator.Wire;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Dashboard.Simulator.Auth;

/// <summary>
/// Verifies Signature Version 4 as AWS's JSON services do: the Authorization header's credential must name the
/// configured access key, the configured region and the service's signing name; X-Amz-Date must be within five
/// minutes; and the signature recomputed from the request and the configured secret must match.
/// </summary>
public sealed class SigV4Authenticator : IAwsRequestAuthenticator
{
    public const string DateHeader = "x-amz-date";
    public const string ContentSha256Header = "x-amz-content-sha256";
    public const string SecurityTokenHeader = "x-amz-security-token";

    /// <summary>The x-amz-content-sha256 value of an S3 request whose body is not signed.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>AWS's allowance for clock skew between the signer and the service.</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _simulatedClock;
    private readonly TimeProvider _hostClock;
    private readonly ILogger<SigV4Authenticator>? _logger;
    private readonly IssuedCredentials? _issued;

    /// <param name="simulatedClock">The simulator's clock, which may be pinned or moved (tests, demos).</param>
    /// <param name="hostClock">
    /// This machine's clock. AWS SDKs sign with the machine's clock whatever the simulator's clock says (the dashboard's
    /// integration tests run the fleet on a pinned fake clock), so a date close to either clock is fresh.
    /// </param>
    /// <param name="issued">Temporary credentials from the simulator's STS AssumeRole, accepted until they expire.</param>
    public SigV4Authenticator(IOptions<SimulatorOptions> options, TimeProvider simulatedClock, TimeProvider hostClock,
        ILogger<SigV4Authenticator>? logger = null, IssuedCredentials? issued = null)
    {
        _issued = issued;
        _options = options.Value;
        _simulatedClock = simulatedClock;
        _hostClock = hostClock;
        _logger = logger;
    }

    public ValueTask AuthenticateAsync(HttpContext context, AwsService service, ReadOnlyMemory<byte> body)
    {
        Verify(context.Request, service, body.Span);
        return ValueTask.CompletedTask;
    }

    private void Verify(HttpRequest request, AwsService service, ReadOnlySpan<byte> body)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            throw AuthErrors.MissingAuthenticationToken();
        }
        var authorization = SigV4Authorization.Parse(header, out var problem) ?? throw AuthErrors.IncompleteSignature(problem);
        var amzDate = request.Headers[DateHeader].ToString();
        if (!SigV4Signature.TryParseAmzDate(amzDate, out var signedAt))
        {
            throw AuthErrors.IncompleteSignature(amzDate.Length == 0
                ? "Authorization header requires existence of a 'X-Amz-Date' header."
                : $"X-Amz-Date '{amzDate}' is not an ISO 8601 basic date such as 20150830T123600Z.");
        }

        var (secret, sessionToken) = FindSecret(authorization.AccessKeyId) ?? throw AuthErrors.UnrecognizedClient();
        CheckScope(authorization, service, amzDate);
        CheckFreshness(signedAt);
        if (!authorization.SignedHeaderNames.Contains("host"))
        {
            throw AuthErrors.IncompleteSignature("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        CheckSessionToken(request, sessionToken);

        // The signature covers the payload through its hash; a hash header that disagrees with the body means the body
        // changed after signing, which AWS reports as a signature mismatch.
        var payloadHash = SigV4Signature.Sha256Hex(body);
        var claimedHash = request.Headers[ContentSha256Header].ToString();
        // S3 alone lets the client leave the payload out of the signature.
        var s3 = string.Equals(service.SigningName, "s3", StringComparison.Ordinal);
        if (claimedHash.Length > 0 && !(s3 && claimedHash == UnsignedPayload)
            && !string.Equals(claimedHash, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            throw AuthErrors.InvalidSignature();
        }

        var canonical = CanonicalRequest(request, authorization, claimedHash.Length > 0 ? claimedHash : payloadHash, doubleEncode: !s3);
        var stringToSign = SigV4Signature.StringToSign(amzDate, authorization.Scope, canonical);
        var key = SigV4Signature.SigningKey(secret, authorization.Date, authorization.Region, authorization.Service);
        var expected = SigV4Signature.Signature(key, stringToSign);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature)))
        {
            // What AWS would put in its own logs; the client only gets the short message.
            _logger?.LogInformation("Signature mismatch. Canonical request:\n{Canonical}\nString to sign:\n{StringToSign}", canonical, stringToSign);
            throw AuthErrors.InvalidSignature();
        }
    }

    private void CheckScope(SigV4Authorization authorization, AwsService service, string amzDate)
    {
        var expected = $"{amzDate[..8]}/{_options.Region}/{service.SigningName}/{SigV4Authorization.ScopeTerminator}";
        if (!string.Equals(authorization.Region, _options.Region, StringComparison.Ordinal))
        {
            throw AuthErrors.InvalidSignature(
                $"Credential should be scoped to a valid region. Expected '{expected}', got '{authorization.Scope}'.");
        }
        if (!string.Equals(authorization.Service, service.SigningName, StringComparison.Ordinal))
        {
            throw AuthErrors.InvalidSignature(
                $"Credential should be scoped to correct service: '{service.SigningName}'. Expected '{expected}', got '{authorization.Scope}'.");
        }
        if (!string.Equals(authorization.Terminator, SigV4Authorization.ScopeTerminator, StringComparison.Ordinal))
        {
            throw AuthErrors.InvalidSignature(
                $"Credential should be scoped with a valid terminator: '{SigV4Authorization.ScopeTerminator}', not '{authorization.Terminator}'.");
        }
        if (!string.Equals(authorization.Date, amzDate[..8], StringComparison.Ordinal))
        {
            throw AuthErrors.InvalidSignature(
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{authorization.Date}' != '{amzDate[..8]}', from 'X-Amz-Date'.");
        }
    }

    private void CheckFreshness(DateTimeOffset signedAt)
    {
        var now = _simulatedClock.GetUtcNow();
        if (IsFresh(signedAt, now) || IsFresh(signedAt, _hostClock.GetUtcNow()))
        {
            return;
        }
        // AWS's own wording for both directions of skew.
        var date = SigV4Signature.FormatAmzDate(signedAt);
        throw AuthErrors.InvalidSignature(signedAt < now
            ? $"Signature expired: {date} is now earlier than {SigV4Signature.FormatAmzDate(now - MaxSkew)} ({SigV4Signature.FormatAmzDate(now)} - 5 min.)"
            : $"Signature not yet current: {date} is still later than {SigV4Signature.FormatAmzDate(now + MaxSkew)} ({SigV4Signature.FormatAmzDate(now)} + 5 min.)");
    }

    private static bool IsFresh(DateTimeOffset signedAt, DateTimeOffset now) => (signedAt - now).Duration() <= MaxSkew;

    /// <summary>The configured key pair, or one issued by AssumeRole that has not expired; null for an unknown key.</summary>
    private (string Secret, string SessionToken)? FindSecret(string accessKeyId)
    {
        if (string.Equals(accessKeyId, _options.AccessKeyId, StringComparison.Ordinal))
        {
            return (_options.SecretAccessKey, _options.SessionToken ?? "");
        }
        return _issued?.Find(accessKeyId, _hostClock.GetUtcNow()) is { } temporary
            ? (temporary.SecretAccessKey, temporary.SessionToken)
            : null;
    }

    private static void CheckSessionToken(HttpRequest request, string expected)
    {
        var token = request.Headers[SecurityTokenHeader].ToString();
        if (!string.Equals(token, expected, StringComparison.Ordinal))
        {
            throw AuthErrors.UnrecognizedClient();
        }
    }

    private static string CanonicalRequest(HttpRequest request, SigV4Authorization authorization, string payloadHash, bool doubleEncode)
    {
        var headers = authorization.SignedHeaderNames
            .Select(name => (name, SigV4Signature.CanonicalHeaderValue(request.Headers[name])))
            .ToList();
        return SigV4Signature.CanonicalRequest(request.Method, SigV4Signature.CanonicalUri(RawPath(request), doubleEncode),
            SigV4Signature.CanonicalQuery(request.QueryString.Value ?? ""), headers, authorization.SignedHeaders, payloadHash);
    }

    /// <summary>The path as it came over the wire: Request.Path is already decoded, and SigV4 signs the encoded form.</summary>
    private static string RawPath(HttpRequest request)
    {
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(raw) || raw[0] != '/')
        {
            return (request.PathBase + request.Path).ToUriComponent();
        }
        var query = raw.IndexOf('?');
        return query < 0 ? raw : raw[..query];
    }
}
