namespace Dashboard.Simulator.Auth;

/// <summary>
/// The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=AKID/yyyymmdd/region/service/aws4_request,
/// SignedHeaders=a;b, Signature=hex</c> header.
/// </summary>
internal sealed record SigV4Authorization(
    string AccessKeyId, string Date, string Region, string Service, string Terminator, string SignedHeaders, string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string ScopeTerminator = "aws4_request";

    public string Scope => $"{Date}/{Region}/{Service}/{Terminator}";

    public IReadOnlyList<string> SignedHeaderNames => SignedHeaders.Split(';');

    /// <summary>The header's parts, or null and AWS's wording of what is missing.</summary>
    public static SigV4Authorization? Parse(string header, out string problem)
    {
        problem = "";
        var separator = header.IndexOf(' ');
        var algorithm = separator < 0 ? header : header[..separator];
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            problem = $"Unsupported authorization type: '{algorithm}'. The simulator accepts {Algorithm} only.";
            return null;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in header[(separator + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }
            var value = part[(equals + 1)..].Trim();
            switch (part[..equals].Trim())
            {
                case "Credential": credential = value; break;
                case "SignedHeaders": signedHeaders = value; break;
                case "Signature": signature = value; break;
            }
        }

        var missing = new List<string>();
        if (string.IsNullOrEmpty(credential))
        {
            missing.Add("Authorization header requires 'Credential' parameter.");
        }
        if (string.IsNullOrEmpty(signature))
        {
            missing.Add("Authorization header requires 'Signature' parameter.");
        }
        if (string.IsNullOrEmpty(signedHeaders))
        {
            missing.Add("Authorization header requires 'SignedHeaders' parameter.");
        }
        if (missing.Count > 0)
        {
            problem = string.Join(' ', missing);
            return null;
        }

        var scope = credential!.Split('/');
        if (scope.Length != 5 || scope.Any(string.IsNullOrEmpty))
        {
            problem = $"Credential should be of the form AccessKeyId/yyyymmdd/region/service/{ScopeTerminator}, not '{credential}'.";
            return null;
        }
        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], scope[4], signedHeaders!, signature!);
    }
}
