using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Dashboard.Aws.Tests.Infrastructure;

/// <summary>
/// An independent AWS4-HMAC-SHA256 recomputation (from the published algorithm) used to check that what the
/// client sends would be accepted by a real verifier.
/// </summary>
public static partial class SigV4Verifier
{
    public sealed record ParsedAuthorization(string AccessKeyId, string Date, string Region, string Service,
        IReadOnlyList<string> SignedHeaders, string Signature);

    public static ParsedAuthorization Parse(string authorization)
    {
        var match = AuthorizationPattern().Match(authorization);
        Assert.True(match.Success, $"Unexpected Authorization header: {authorization}");
        return new ParsedAuthorization(match.Groups["akid"].Value, match.Groups["date"].Value, match.Groups["region"].Value,
            match.Groups["service"].Value, match.Groups["signed"].Value.Split(';'), match.Groups["sig"].Value);
    }

    public static string ComputeSignature(RecordedRequest request, string secretAccessKey)
    {
        var auth = Parse(request.Header("Authorization"));
        var amzDate = request.Header("X-Amz-Date");
        var canonicalHeaders = string.Concat(auth.SignedHeaders.Select(name =>
            $"{name}:{CollapseSpaces(request.Header(name).Trim())}\n"));
        var payloadHash = request.Headers.TryGetValue("x-amz-content-sha256", out var declared)
            ? declared
            : Hex(SHA256.HashData(Encoding.UTF8.GetBytes(request.Body)));
        var path = request.Path.Split('?')[0];
        var canonicalRequest = string.Join('\n', request.Method, path, "", canonicalHeaders,
            string.Join(';', auth.SignedHeaders), payloadHash);
        var scope = $"{auth.Date}/{auth.Region}/{auth.Service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope,
            Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { auth.Date, auth.Region, auth.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static string CollapseSpaces(string value) => SpacesPattern().Replace(value, " ");

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<akid>[^/]+)/(?<date>\d{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, ?SignedHeaders=(?<signed>[^,]+), ?Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    [GeneratedRegex(" +")]
    private static partial Regex SpacesPattern();
}
