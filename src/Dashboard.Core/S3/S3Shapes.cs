namespace Dashboard.Core.S3;

// The S3 reads the dashboard needs (data capture files, Model Monitor reports), reduced to what callers use.

/// <summary>
/// One ListObjectsV2 page request. <paramref name="Delimiter"/> "/" lists one "folder" level. <paramref name="StartAfter"/>
/// lists only keys after it (a stored watermark); S3 ignores it once a <paramref name="ContinuationToken"/> is given.
/// </summary>
public sealed record S3ListRequest(string Bucket, string? Prefix = null, string? ContinuationToken = null,
    int? MaxKeys = null, string? Delimiter = null, string? StartAfter = null);

/// <param name="ETag">As S3 sends it, quotes included; the MD5 of the content for single-part uploads only.</param>
public sealed record S3ObjectSummary(string Key, long Size, DateTimeOffset LastModified, string? ETag = null);

/// <summary>
/// One page of keys. Pass <see cref="NextContinuationToken"/> back while <see cref="IsTruncated"/> is true;
/// <see cref="CommonPrefixes"/> holds the "folders" when a delimiter was given.
/// </summary>
public sealed record S3ObjectPage(IReadOnlyList<S3ObjectSummary> Objects, IReadOnlyList<string> CommonPrefixes,
    bool IsTruncated, string? NextContinuationToken = null);

public sealed record S3GetObjectRequest(string Bucket, string Key);

/// <summary>A whole object in memory: capture files and monitoring reports are small.</summary>
public sealed record S3ObjectContent(string Key, byte[] Content, string ETag, DateTimeOffset? LastModified = null,
    string? ContentType = null);

/// <summary>An object's body as it arrives; disposing it closes the response.</summary>
/// <param name="Length">The Content-Length S3 sent, when it sent one.</param>
public sealed record S3ObjectStream(string Key, Stream Content, long? Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
