using Amazon.S3;
using Amazon.S3.Model;
using Dashboard.Core;
using Dashboard.Core.S3;
using Microsoft.Extensions.Logging;

namespace Dashboard.Aws.S3;

/// <summary>
/// S3 reads over AWSSDK.S3 (a real SDK package exists for S3, unlike CloudWatch and SageMaker). The SDK does its
/// own signing, retries and body checks; this class narrows it to <see cref="IS3ObjectClient"/>, counts calls in
/// <see cref="AwsCallStats"/> and turns every SDK failure into an <see cref="AwsServiceException"/>.
/// </summary>
public sealed partial class S3ObjectClient : IS3ObjectClient, IDisposable
{
    internal const string ServiceName = "S3";

    private readonly Lazy<IAmazonS3> _client;
    private readonly AwsCallStats _stats;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<S3ObjectClient> _logger;

    /// <param name="createClient">Called on the first request, so the app starts without credentials or network.</param>
    internal S3ObjectClient(Func<IAmazonS3> createClient, AwsCallStats stats, TimeProvider timeProvider,
        ILogger<S3ObjectClient> logger)
    {
        _client = new Lazy<IAmazonS3>(createClient);
        _stats = stats;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public Task<S3ObjectPage> ListObjectsAsync(S3ListRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("ListObjectsV2", async client =>
        {
            var reply = await client.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = request.Bucket,
                Prefix = request.Prefix,
                ContinuationToken = request.ContinuationToken,
                MaxKeys = request.MaxKeys,
                Delimiter = request.Delimiter,
                StartAfter = request.StartAfter,
            }, cancellationToken);
            return S3Replies.ToPage(reply);
        }, cancellationToken);

    public Task<S3ObjectContent> GetObjectAsync(S3GetObjectRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("GetObject", async client =>
        {
            using var reply = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = request.Bucket,
                Key = request.Key,
            }, cancellationToken);
            // The SDK checks the body against the ETag's MD5 (or a checksum header) while it is read to the end,
            // so a corrupt body fails here, inside the error mapping.
            using var buffer = new MemoryStream(reply.ContentLength is > 0 and < int.MaxValue ? (int)reply.ContentLength : 0);
            await reply.ResponseStream.CopyToAsync(buffer, cancellationToken);
            return S3Replies.ToContent(request.Key, reply, buffer.ToArray());
        }, cancellationToken);

    public Task<S3ObjectStream> OpenObjectAsync(S3GetObjectRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("GetObject", async client =>
        {
            var reply = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = request.Bucket,
                Key = request.Key,
            }, cancellationToken);
            // The caller reads the body as it arrives and disposes it, which closes the response.
            return new S3ObjectStream(request.Key, reply.ResponseStream, reply.ContentLength >= 0 ? reply.ContentLength : null);
        }, cancellationToken);

    private async Task<T> CallAsync<T>(string operation, Func<IAmazonS3, Task<T>> call, CancellationToken cancellationToken)
    {
        _stats.RecordCall(ServiceName, operation);
        try
        {
            return await call(_client.Value);
        }
        catch (Exception ex) when (S3Errors.Map(operation, ex, cancellationToken) is { } error)
        {
            _stats.RecordFailure(ServiceName, operation, error.ErrorCode, _timeProvider.GetUtcNow());
            LogFailed(_logger, operation, error.ErrorCode, error.StatusCode, error.RequestId, error.Message);
            throw error;
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "S3.{Operation} failed with {ErrorCode} (HTTP {StatusCode}, request {RequestId}): {ErrorMessage}")]
    private static partial void LogFailed(ILogger logger, string operation, string errorCode, int statusCode,
        string? requestId, string errorMessage);
}
