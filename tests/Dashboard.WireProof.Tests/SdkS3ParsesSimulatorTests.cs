using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// The JS SDK's S3 client (path-style) reads the simulator's bucket: ListObjectsV2 pages and dates parse, GetObject's
/// body matches its ETag, and a missing key surfaces as NoSuchKey.
/// </summary>
public sealed class SdkS3ParsesSimulatorTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string CapturePrefix = "datacapture/credit-risk/credit-risk/AllTraffic/";

    private string Bucket => $"sagemaker-{simulator.Options.Region}-{simulator.Options.AccountId}";

    private static JsonElement Output(JsonElement result)
    {
        Assert.True(result.GetProperty("ok").GetBoolean(), $"the SDK failed: {result}");
        return result.GetProperty("output");
    }

    [Fact]
    public async Task ListObjectsV2_TwoPages_SdkParsesKeysDatesAndContinuationToken()
    {
        var first = Output(await simulator.CallAsync("ListObjectsV2",
            JsonSerializer.Serialize(new { Bucket, Prefix = CapturePrefix, MaxKeys = 5 })));
        Assert.Equal(200, first.GetProperty("$metadata").GetProperty("httpStatusCode").GetInt32());
        Assert.True(first.GetProperty("IsTruncated").GetBoolean());
        Assert.Equal(5, first.GetProperty("KeyCount").GetInt32());
        Assert.Equal(Bucket, first.GetProperty("Name").GetString());
        var contents = first.GetProperty("Contents").EnumerateArray().ToList();
        Assert.Equal(5, contents.Count);
        foreach (var item in contents)
        {
            Assert.StartsWith(CapturePrefix, item.GetProperty("Key").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.Object, item.GetProperty("LastModified").ValueKind);
            Assert.True(DateTimeOffset.Parse(item.GetProperty("LastModified").GetProperty("$date").GetString()!, CultureInfo.InvariantCulture)
                <= DateTimeOffset.UtcNow);
            Assert.Matches("^\"[0-9a-f]{32}\"$", item.GetProperty("ETag").GetString()!);
            Assert.True(item.GetProperty("Size").GetInt64() > 0);
            Assert.Equal("STANDARD", item.GetProperty("StorageClass").GetString());
        }

        var second = Output(await simulator.CallAsync("ListObjectsV2", JsonSerializer.Serialize(new
        {
            Bucket,
            Prefix = CapturePrefix,
            MaxKeys = 5,
            ContinuationToken = first.GetProperty("NextContinuationToken").GetString(),
        })));
        var keys = contents.Concat(second.GetProperty("Contents").EnumerateArray()).Select(c => c.GetProperty("Key").GetString()).ToList();
        Assert.Equal(10, keys.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task ListObjectsV2_Delimiter_SdkParsesCommonPrefixes()
    {
        var output = Output(await simulator.CallAsync("ListObjectsV2", JsonSerializer.Serialize(new { Bucket, Delimiter = "/" })));

        Assert.Equal(["datacapture/", "datasets/", "ground-truth/", "model-monitor/"],
            output.GetProperty("CommonPrefixes").EnumerateArray().Select(p => p.GetProperty("Prefix").GetString()));
    }

    [Fact]
    public async Task GetObject_CaptureFile_SdkReadsTheBodyItsETagDescribes()
    {
        var listed = Output(await simulator.CallAsync("ListObjectsV2",
            JsonSerializer.Serialize(new { Bucket, Prefix = CapturePrefix, MaxKeys = 1 }))).GetProperty("Contents")[0];

        var output = Output(await simulator.CallAsync("GetObject",
            JsonSerializer.Serialize(new { Bucket, Key = listed.GetProperty("Key").GetString() })));

        var body = output.GetProperty("Body").GetString()!;
        Assert.Equal(listed.GetProperty("ETag").GetString(), output.GetProperty("ETag").GetString());
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body))) + "\"", output.GetProperty("ETag").GetString());
        Assert.Equal(listed.GetProperty("Size").GetInt64(), output.GetProperty("ContentLength").GetInt64());
        Assert.Equal(JsonValueKind.Object, output.GetProperty("LastModified").ValueKind);
        var record = JsonDocument.Parse(body.Split('\n')[0]).RootElement;
        Assert.Equal("JSON", record.GetProperty("captureData").GetProperty("endpointInput").GetProperty("encoding").GetString());
        Assert.StartsWith("loan-app-", record.GetProperty("eventMetadata").GetProperty("inferenceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListObjectsV2_StartAfterInGroundTruth_SdkParsesTheKeysAfterIt()
    {
        const string prefix = "ground-truth/credit-risk/";
        var all = Output(await simulator.CallAsync("ListObjectsV2", JsonSerializer.Serialize(new { Bucket, Prefix = prefix, MaxKeys = 6 })))
            .GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()!).ToList();

        var output = Output(await simulator.CallAsync("ListObjectsV2",
            JsonSerializer.Serialize(new { Bucket, Prefix = prefix, MaxKeys = 3, StartAfter = all[2] })));

        Assert.Equal(all[2], output.GetProperty("StartAfter").GetString());
        Assert.Equal(all[3..6], output.GetProperty("Contents").EnumerateArray().Select(c => c.GetProperty("Key").GetString()));
        Assert.True(output.GetProperty("IsTruncated").GetBoolean());
    }

    [Fact]
    public async Task GetObject_MissingKey_NoSuchKeyByName()
    {
        var result = await simulator.CallAsync("GetObject", JsonSerializer.Serialize(new { Bucket, Key = "datacapture/nope.jsonl" }));

        Assert.False(result.GetProperty("ok").GetBoolean(), $"the SDK succeeded: {result}");
        var error = result.GetProperty("error");
        Assert.Equal("NoSuchKey", error.GetProperty("name").GetString());
        Assert.Equal(404, error.GetProperty("httpStatusCode").GetInt32());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("requestId").GetString()));
    }

    [Fact]
    public async Task ListObjectsV2_WrongSecret_SignatureDoesNotMatch()
    {
        var result = await simulator.CallAsync("ListObjectsV2", JsonSerializer.Serialize(new { Bucket }), secretAccessKey: "wrong");

        Assert.False(result.GetProperty("ok").GetBoolean(), $"the SDK succeeded: {result}");
        Assert.Equal("SignatureDoesNotMatch", result.GetProperty("error").GetProperty("name").GetString());
        Assert.Equal(403, result.GetProperty("error").GetProperty("httpStatusCode").GetInt32());
    }
}
