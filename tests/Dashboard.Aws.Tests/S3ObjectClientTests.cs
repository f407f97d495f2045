using System.Text;
using Dashboard.Aws.Tests.Infrastructure;
using Dashboard.Aws.Wire;
using Dashboard.Core;
using Dashboard.Core.S3;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.Aws.Tests;

public sealed class S3ObjectClientTests : IAsyncLifetime
{
    private const string Bucket = "capture-bucket";

    private ScriptedAwsServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ScriptedAwsServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListObjects_PrefixAndToken_SendsPathStyleListV2AndParsesThePage()
    {
        _server.Enqueue(S3Replies.List("""
            <Name>capture-bucket</Name><Prefix>churn-prod/AllTraffic/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
            <IsTruncated>true</IsTruncated>
            <Contents><Key>churn-prod/AllTraffic/2026/01/01/00/a.jsonl</Key><LastModified>2026-01-01T00:05:00.000Z</LastModified>
              <ETag>"9b2cf535f27731c974343645a3985328"</ETag><Size>1234</Size><StorageClass>STANDARD</StorageClass></Contents>
            <Contents><Key>churn-prod/AllTraffic/2026/01/01/01/b.jsonl</Key><LastModified>2026-01-01T01:05:30.000Z</LastModified>
              <ETag>"0cc175b9c0f1b6a831c399e269772661"</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass><FutureElement>x</FutureElement></Contents>
            <CommonPrefixes><Prefix>churn-prod/AllTraffic/2026/</Prefix></CommonPrefixes>
            <NextContinuationToken>tok-2</NextContinuationToken>
            """));
        using var host = new AwsTestHost(_server);

        var page = await host.S3.ListObjectsAsync(new S3ListRequest(Bucket, "churn-prod/AllTraffic/", "tok-1", MaxKeys: 2), Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("GET", request.Method);
        var (path, query) = SplitPath(request.Path);
        Assert.Equal($"/{Bucket}", path.TrimEnd('/'));
        Assert.Equal("2", query["list-type"]);
        Assert.Equal("churn-prod/AllTraffic/", query["prefix"]);
        Assert.Equal("tok-1", query["continuation-token"]);
        Assert.Equal("2", query["max-keys"]);
        var auth = SigV4Verifier.Parse(request.Header("Authorization"));
        Assert.Equal((AwsTestHost.AccessKeyId, AwsTestHost.Region, "s3"), (auth.AccessKeyId, auth.Region, auth.Service));

        Assert.True(page.IsTruncated);
        Assert.Equal("tok-2", page.NextContinuationToken);
        Assert.Equal(["churn-prod/AllTraffic/2026/"], page.CommonPrefixes);
        Assert.Equal(2, page.Objects.Count);
        var first = page.Objects[0];
        Assert.Equal(("churn-prod/AllTraffic/2026/01/01/00/a.jsonl", 1234L), (first.Key, first.Size));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero), first.LastModified);
        Assert.Equal("\"9b2cf535f27731c974343645a3985328\"", first.ETag);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 1, 5, 30, TimeSpan.Zero), page.Objects[1].LastModified);
        Assert.Equal(1, host.Stats.Get("S3", "ListObjectsV2")!.Calls);
    }

    [Fact]
    public async Task ListObjects_StartAfter_SendsTheWatermark()
    {
        _server.Enqueue(S3Replies.List("<Name>capture-bucket</Name><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"));
        using var host = new AwsTestHost(_server);

        await host.S3.ListObjectsAsync(new S3ListRequest(Bucket, "churn-prod/", StartAfter: "churn-prod/AllTraffic/2026/01/01/00/a.jsonl"), Ct);

        var query = SplitPath(Assert.Single(_server.Requests).Path).Query;
        Assert.Equal("churn-prod/AllTraffic/2026/01/01/00/a.jsonl", query["start-after"]);
        Assert.False(query.ContainsKey("continuation-token"));
    }

    [Fact]
    public async Task ListObjects_EmptyBucket_ReturnsEmptyLastPage()
    {
        _server.Enqueue(S3Replies.List("<Name>capture-bucket</Name><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>"));
        using var host = new AwsTestHost(_server);

        var page = await host.S3.ListObjectsAsync(new S3ListRequest(Bucket), Ct);

        Assert.Empty(page.Objects);
        Assert.Empty(page.CommonPrefixes);
        Assert.False(page.IsTruncated);
        Assert.Null(page.NextContinuationToken);
        Assert.False(SplitPath(Assert.Single(_server.Requests).Path).Query.ContainsKey("continuation-token"));
    }

    [Fact]
    public async Task GetObject_BodyWithMatchingMd5ETag_ReturnsBytesAndETag()
    {
        const string body = """{"captureData":{"endpointInput":{"data":"1,2,3","encoding":"CSV"}},"eventVersion":"0"}""";
        _server.Enqueue(S3Replies.Object(body));
        using var host = new AwsTestHost(_server);

        var content = await host.S3.GetObjectAsync(new S3GetObjectRequest(Bucket, "churn-prod/AllTraffic/2026/01/01/00/a b.jsonl"), Ct);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("GET", request.Method);
        // The space is percent-encoded on the wire; S3 keys are not double-encoded.
        Assert.Equal($"/{Bucket}/churn-prod/AllTraffic/2026/01/01/00/a%20b.jsonl", SplitPath(request.Path).Path);
        Assert.Equal(body, Encoding.UTF8.GetString(content.Content));
        Assert.Equal($"\"{S3Replies.Md5Hex(body)}\"", content.ETag);
        Assert.Equal("churn-prod/AllTraffic/2026/01/01/00/a b.jsonl", content.Key);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 5, 0, TimeSpan.Zero), content.LastModified);
        Assert.Equal("application/jsonlines", content.ContentType);
    }

    [Fact]
    public async Task GetObject_NoSuchKey_MapsCodeStatusAndRequestId()
    {
        _server.Enqueue(S3Replies.Error(404, "NoSuchKey", "The specified key does not exist.", "s3-req-404"));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.S3.GetObjectAsync(new S3GetObjectRequest(Bucket, "missing.json"), Ct));

        Assert.Equal(("S3", "NoSuchKey", 404, "s3-req-404"), (error.Service, error.ErrorCode, error.StatusCode, error.RequestId));
        Assert.Contains("The specified key does not exist.", error.Message);
        Assert.Single(_server.Requests);
        var stats = host.Stats.Get("S3", "GetObject")!;
        Assert.Equal((1, 1, "NoSuchKey"), (stats.Calls, stats.Failures, stats.LastErrorCode));
    }

    [Fact]
    public async Task ListObjects_AccessDenied_MapsCodeAndStatus()
    {
        _server.Enqueue(S3Replies.Error(403, "AccessDenied", "Access Denied", "s3-req-403"));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => host.S3.ListObjectsAsync(new S3ListRequest(Bucket), Ct));

        Assert.Equal(("AccessDenied", 403, "s3-req-403"), (error.ErrorCode, error.StatusCode, error.RequestId));
    }

    [Fact]
    public async Task GetObject_BodyNotMatchingETag_IsMalformedResponse()
    {
        _server.Enqueue(S3Replies.Object("tampered", etag: $"\"{new string('0', 32)}\""));
        using var host = new AwsTestHost(_server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            host.S3.GetObjectAsync(new S3GetObjectRequest(Bucket, "a.json"), Ct));

        Assert.Equal(("S3", AwsErrorCodes.MalformedResponse), (error.Service, error.ErrorCode));
    }

    private static (string Path, Dictionary<string, string> Query) SplitPath(string pathAndQuery)
    {
        var parts = pathAndQuery.Split('?', 2);
        var query = QueryHelpers.ParseQuery(parts.Length > 1 ? parts[1] : "")
            .ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        return (parts[0], query);
    }
}
