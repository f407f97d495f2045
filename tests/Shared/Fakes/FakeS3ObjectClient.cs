using System.Text;
using Dashboard.Core;
using Dashboard.Core.S3;

namespace Dashboard.Tests.Shared;

/// <summary>Objects in memory by bucket and key; a missing one fails as S3 does (NoSuchKey), and every read is counted.</summary>
public sealed class FakeS3ObjectClient : IS3ObjectClient
{
    private readonly Dictionary<(string Bucket, string Key), byte[]> _objects = [];

    public int Reads { get; private set; }

    /// <summary>When set, every request fails with this S3 error code.</summary>
    public string? FailWith { get; set; }

    public FakeS3ObjectClient Put(string bucket, string key, string content)
    {
        _objects[(bucket, key)] = Encoding.UTF8.GetBytes(content);
        return this;
    }

    public Task<S3ObjectPage> ListObjectsAsync(S3ListRequest request, CancellationToken cancellationToken = default)
    {
        Reads++;
        Fail();
        var keys = _objects.Keys.Where(k => k.Bucket == request.Bucket && k.Key.StartsWith(request.Prefix ?? "", StringComparison.Ordinal))
            .Select(k => new S3ObjectSummary(k.Key, _objects[k].Length, DateTimeOffset.UnixEpoch)).ToList();
        return Task.FromResult(new S3ObjectPage(keys, [], false));
    }

    public Task<S3ObjectContent> GetObjectAsync(S3GetObjectRequest request, CancellationToken cancellationToken = default)
    {
        Reads++;
        Fail();
        return _objects.TryGetValue((request.Bucket, request.Key), out var content)
            ? Task.FromResult(new S3ObjectContent(request.Key, content, "\"etag\""))
            : throw new AwsServiceException("S3", "NoSuchKey", "The specified key does not exist.", 404, null);
    }

    private void Fail()
    {
        if (FailWith is { } code)
        {
            throw new AwsServiceException("S3", code, code + " from the fake.", 403, null);
        }
    }
}
