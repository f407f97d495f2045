using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Wire;

namespace Dashboard.Simulator.S3;

/// <summary>
/// S3 over REST-XML, path-style, read-only: ListObjectsV2 (<c>GET /{bucket}?list-type=2</c>), GetObject and HeadObject
/// (<c>GET|HEAD /{bucket}/{key+}</c>) on the bucket of <see cref="S3Catalog"/>. Signed as <c>s3</c>; faults do not apply.
/// </summary>
public static class S3Endpoints
{
    /// <summary>S3 as the authenticator sees it: only the signing name matters.</summary>
    public static readonly AwsService Service = new("S3", "s3", "", "application/xml", QueryCompatible: false);

    public static readonly XNamespace Ns = "http://s3.amazonaws.com/doc/2006-03-01/";

    public const int MaxKeysLimit = 1000;

    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapS3(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{bucket}", Methods, (HttpContext context, string bucket) => HandleAsync(context, bucket, ""));
        app.MapMethods("/{bucket}/{**key}", Methods, (HttpContext context, string bucket, string? key) =>
            HandleAsync(context, bucket, key ?? ""));
        return app;
    }

    private static async Task HandleAsync(HttpContext context, string bucket, string key)
    {
        var services = context.RequestServices;
        var catalog = services.GetRequiredService<S3Catalog>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // Captured predictions depend on which fleet served: settle any deployment rollback decided by the alarms so far.
        services.GetRequiredService<FleetScenario>().DeploymentContext.Alarms?.CatchUp(now);
        var requestId = context.Response.Headers[RequestIdMiddleware.HeaderName].ToString();
        context.Response.Headers["x-amz-request-id"] = requestId;
        var head = HttpMethods.IsHead(context.Request.Method);
        try
        {
            await Authenticate(context, services.GetRequiredService<IAwsRequestAuthenticator>());
            if (!string.Equals(bucket, catalog.BucketName, StringComparison.Ordinal))
            {
                throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist", ("BucketName", bucket));
            }
            if (key.Length == 0)
            {
                await WriteXmlAsync(context, 200, List(context.Request.Query, catalog, bucket, now));
                return;
            }
            var blob = catalog.Find(key, now) ?? throw new S3Error(404, "NoSuchKey", "The specified key does not exist.", ("Key", key));
            var response = context.Response;
            response.StatusCode = 200;
            response.ContentType = blob.Entry.ContentType;
            response.ContentLength = blob.Content.Length;
            response.Headers.ETag = blob.ETag;
            response.Headers.LastModified = blob.Entry.LastModified.ToString("R", CultureInfo.InvariantCulture);
            response.Headers.AcceptRanges = "bytes";
            if (!head)
            {
                await response.Body.WriteAsync(blob.Content, context.RequestAborted);
            }
        }
        catch (S3Error error)
        {
            if (head)
            {
                // HEAD has no body, errors included.
                context.Response.StatusCode = error.StatusCode;
                return;
            }
            await WriteXmlAsync(context, error.StatusCode, new XDocument(new XElement("Error",
                new XElement("Code", error.Code),
                new XElement("Message", error.Message),
                error.Detail is { } detail ? new XElement(detail.Name, detail.Value) : null,
                new XElement("RequestId", requestId),
                new XElement("HostId", Convert.ToBase64String(Encoding.ASCII.GetBytes(requestId))))));
        }
    }

    /// <summary>The simulator's SigV4 check, with its refusals renamed as S3 names them.</summary>
    private static async Task Authenticate(HttpContext context, IAwsRequestAuthenticator authenticator)
    {
        try
        {
            await authenticator.AuthenticateAsync(context, Service, ReadOnlyMemory<byte>.Empty);
        }
        catch (AwsErrorException error)
        {
            throw error.QueryCode switch
            {
                "MissingAuthenticationToken" => new S3Error(403, "AccessDenied", "Access Denied"),
                "InvalidClientTokenId" => new S3Error(403, "InvalidAccessKeyId",
                    "The AWS Access Key Id you provided does not exist in our records."),
                "IncompleteSignature" => new S3Error(400, "AuthorizationHeaderMalformed", error.Message),
                "SignatureDoesNotMatch" => new S3Error(403, "SignatureDoesNotMatch", error.Message),
                _ => new S3Error(error.StatusCode, error.Code, error.Message),
            };
        }
    }

    private static XDocument List(IQueryCollection query, S3Catalog catalog, string bucket, DateTimeOffset now)
    {
        var prefix = query["prefix"].ToString();
        var delimiter = query["delimiter"].ToString();
        var startAfter = query["start-after"].ToString();
        var token = query["continuation-token"].ToString();
        var maxKeys = MaxKeysLimit;
        if (query.TryGetValue("max-keys", out var maxText))
        {
            if (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw new S3Error(400, "InvalidArgument", "Provided max-keys not an integer or within integer range");
            }
            maxKeys = Math.Min(parsed, MaxKeysLimit);
        }
        // A continuation token resumes after the last key or common prefix listed; it overrides start-after, as on S3.
        var marker = startAfter;
        if (token.Length > 0)
        {
            marker = DecodeToken(token) ?? throw new S3Error(400, "InvalidArgument", "The continuation token provided is incorrect");
        }

        var contents = new List<XElement>();
        var commonPrefixes = new List<XElement>();
        string? last = null;
        var truncated = false;
        // After a common prefix, listing restarts past everything under it, so a folder's keys are never generated.
        var after = token.Length > 0 && IsCommonPrefix(marker, delimiter) ? PastPrefix(marker) : marker;
        var done = false;
        while (!done)
        {
            done = true;
            foreach (var entry in catalog.List(prefix, after, now))
            {
                var entryKey = entry.Key;
                var cut = delimiter.Length > 0 ? entryKey.IndexOf(delimiter, prefix.Length, StringComparison.Ordinal) : -1;
                if (contents.Count + commonPrefixes.Count >= maxKeys)
                {
                    truncated = true;
                    break;
                }
                if (cut >= 0)
                {
                    var common = entryKey[..(cut + delimiter.Length)];
                    commonPrefixes.Add(new XElement(Ns + "CommonPrefixes", new XElement(Ns + "Prefix", common)));
                    last = common;
                    after = PastPrefix(common);
                    done = false;
                    break;
                }
                var (size, etag) = catalog.Describe(entry);
                contents.Add(new XElement(Ns + "Contents",
                    new XElement(Ns + "Key", entryKey),
                    new XElement(Ns + "LastModified", entry.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                    new XElement(Ns + "ETag", etag),
                    new XElement(Ns + "Size", size),
                    new XElement(Ns + "StorageClass", "STANDARD")));
                last = entryKey;
            }
        }

        return new XDocument(new XElement(Ns + "ListBucketResult",
            new XElement(Ns + "Name", bucket),
            new XElement(Ns + "Prefix", prefix),
            delimiter.Length > 0 ? new XElement(Ns + "Delimiter", delimiter) : null,
            new XElement(Ns + "KeyCount", contents.Count + commonPrefixes.Count),
            new XElement(Ns + "MaxKeys", maxKeys),
            new XElement(Ns + "IsTruncated", truncated ? "true" : "false"),
            contents,
            commonPrefixes,
            token.Length > 0 ? new XElement(Ns + "ContinuationToken", token) : null,
            truncated && last is not null ? new XElement(Ns + "NextContinuationToken", EncodeToken(last)) : null,
            startAfter.Length > 0 ? new XElement(Ns + "StartAfter", startAfter) : null));
    }

    private static bool IsCommonPrefix(string marker, string delimiter) =>
        delimiter.Length > 0 && marker.EndsWith(delimiter, StringComparison.Ordinal);

    /// <summary>A marker after every key under <paramref name="prefix"/> (no key has U+FFFF after a prefix).</summary>
    private static string PastPrefix(string prefix) => prefix + '\uffff';

    private static string EncodeToken(string lastKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes("s3sim:" + lastKey));

    private static string? DecodeToken(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("s3sim:", StringComparison.Ordinal) ? text["s3sim:".Length..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task WriteXmlAsync(HttpContext context, int status, XDocument document)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        var bytes = Encoding.UTF8.GetBytes(document.Declaration is null
            ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + document.ToString(SaveOptions.DisableFormatting)
            : document.ToString(SaveOptions.DisableFormatting));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private sealed class S3Error(int statusCode, string code, string message, (string Name, string Value)? detail = null)
        : Exception(message)
    {
        public int StatusCode { get; } = statusCode;

        public string Code { get; } = code;

        public (string Name, string Value)? Detail { get; } = detail;
    }
}
