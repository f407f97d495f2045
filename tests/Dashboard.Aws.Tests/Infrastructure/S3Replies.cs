using System.Security.Cryptography;
using System.Text;

namespace Dashboard.Aws.Tests.Infrastructure;

/// <summary>Path-style S3 replies for the <see cref="ScriptedAwsServer"/>, shaped as aws-wire §1.3 describes them.</summary>
public static class S3Replies
{
    public const string Xml = "application/xml";

    /// <summary>An object body with the quoted MD5 ETag AWSSDK.S3 checks the body against.</summary>
    public static ScriptedReply Object(string body, string? etag = null) => new(200, body, new Dictionary<string, string>
    {
        ["ETag"] = etag ?? $"\"{Md5Hex(body)}\"",
        ["Content-Length"] = Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Last-Modified"] = "Thu, 01 Jan 2026 00:05:00 GMT",
        ["x-amz-request-id"] = "s3-req-get",
    }, ContentType: "application/jsonlines");

    public static ScriptedReply List(string innerXml) => new(200,
        $"""<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">{innerXml}</ListBucketResult>""",
        new Dictionary<string, string> { ["x-amz-request-id"] = "s3-req-list" }, ContentType: Xml);

    public static ScriptedReply Error(int status, string code, string message, string requestId) => new(status,
        $"""<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>{requestId}</RequestId><HostId>h1</HostId></Error>""",
        new Dictionary<string, string> { ["x-amz-request-id"] = requestId }, ContentType: Xml);

    public static string Md5Hex(string body) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
}
