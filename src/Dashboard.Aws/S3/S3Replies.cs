using Amazon.S3.Model;
using Dashboard.Core.S3;

namespace Dashboard.Aws.S3;

/// <summary>SDK replies to the port's records. AWSSDK v4 leaves absent lists and values null.</summary>
internal static class S3Replies
{
    public static S3ObjectPage ToPage(ListObjectsV2Response reply) => new(
        (reply.S3Objects ?? []).Select(o => new S3ObjectSummary(o.Key, o.Size ?? 0, ToOffset(o.LastModified), o.ETag)).ToList(),
        reply.CommonPrefixes ?? [],
        reply.IsTruncated ?? false,
        reply.NextContinuationToken);

    public static S3ObjectContent ToContent(string key, GetObjectResponse reply, byte[] content) => new(
        key, content, reply.ETag ?? "", reply.LastModified is { } modified ? ToOffset(modified) : null,
        reply.Headers?.ContentType);

    // The SDK has returned both local and UTC kinds across versions; an unspecified kind is UTC on the wire.
    private static DateTimeOffset ToOffset(DateTime? value) => value switch
    {
        null => default,
        { Kind: DateTimeKind.Unspecified } v => new DateTimeOffset(v, TimeSpan.Zero),
        { } v => new DateTimeOffset(v.ToUniversalTime(), TimeSpan.Zero),
    };
}
