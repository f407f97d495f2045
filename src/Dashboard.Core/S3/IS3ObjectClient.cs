namespace Dashboard.Core.S3;

/// <summary>
/// Read access to S3 objects. One call is one request (no hidden pagination); faults surface as
/// <see cref="Dashboard.Core.AwsServiceException"/> with S3's error code (e.g. NoSuchKey, NoSuchBucket, AccessDenied).
/// </summary>
public interface IS3ObjectClient
{
    Task<S3ObjectPage> ListObjectsAsync(S3ListRequest request, CancellationToken cancellationToken = default);

    Task<S3ObjectContent> GetObjectAsync(S3GetObjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// An object as it streams in, for objects too large to hold (a baseline data set). Errors before the body are
    /// <see cref="Dashboard.Core.AwsServiceException"/>; a body cut off half way fails while it is read. Without an
    /// override, the object is read whole first.
    /// </summary>
    async Task<S3ObjectStream> OpenObjectAsync(S3GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        var content = await GetObjectAsync(request, cancellationToken);
        return new S3ObjectStream(content.Key, new MemoryStream(content.Content, writable: false), content.Content.Length);
    }
}
