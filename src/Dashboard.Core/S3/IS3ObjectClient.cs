namespace Dashboard.Core.S3;

/// <summary>
/// Read access to S3 objects. One call is one request (no hidden pagination); faults surface as
/// <see cref="Dashboard.Core.AwsServiceException"/> with S3's error code (e.g. NoSuchKey, NoSuchBucket, AccessDenied).
/// </summary>
public interface IS3ObjectClient
{
    Task<S3ObjectPage> ListObjectsAsync(S3ListRequest request, CancellationToken cancellationToken = default);

    Task<S3ObjectContent> GetObjectAsync(S3GetObjectRequest request, CancellationToken cancellationToken = default);
}
