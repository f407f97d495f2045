using Dashboard.Core.S3;
using Microsoft.AspNetCore.WebUtilities;

namespace Dashboard.WireProof.Tests;

/// <summary>
/// The JS SDK's S3 client and ours (AWSSDK.S3 behind IS3ObjectClient) send ListObjectsV2 to the capture server: the
/// same path-style GET with the same query members, start-after included, both signed as "s3".
/// </summary>
public sealed class S3RequestsMatchSdkTests
{
    private static (string Path, Dictionary<string, string> Query) Split(string rawTarget)
    {
        var parts = rawTarget.Split('?', 2);
        var query = QueryHelpers.ParseQuery(parts.Length > 1 ? parts[1] : "").ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        return (parts[0].TrimEnd('/'), query);
    }

    [Fact]
    public async Task ListObjectsV2_StartAfterPrefixDelimiterMaxKeys_SameRequestAsSdk()
    {
        var (sdk, ours) = await RequestsMatchSdkTests.CaptureBothAsync("ListObjectsV2",
            """{"Bucket":"sagemaker-us-east-1-123456789012","Prefix":"datacapture/credit-risk/","StartAfter":"datacapture/credit-risk/credit-risk/AllTraffic/2026/03/04/13/55-00-000-x.jsonl","MaxKeys":500,"Delimiter":"/"}""",
            (provider, ct) => provider.GetRequiredService<IS3ObjectClient>().ListObjectsAsync(new S3ListRequest("sagemaker-us-east-1-123456789012",
                "datacapture/credit-risk/", MaxKeys: 500, Delimiter: "/",
                StartAfter: "datacapture/credit-risk/credit-risk/AllTraffic/2026/03/04/13/55-00-000-x.jsonl"), ct));
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"SDK: {sdk.Method} {sdk.RawTarget}");
        output.WriteLine($"Ours: {ours.Method} {ours.RawTarget}");

        Assert.Null(sdk.SignatureProblem);
        Assert.Null(ours.SignatureProblem);
        Assert.Equal(("GET", "GET"), (sdk.Method, ours.Method));
        var (sdkPath, sdkQuery) = Split(sdk.RawTarget);
        var (ourPath, ourQuery) = Split(ours.RawTarget);
        Assert.Equal("/sagemaker-us-east-1-123456789012", sdkPath);
        Assert.Equal(sdkPath, ourPath);
        Assert.Equal(sdkQuery.OrderBy(q => q.Key, StringComparer.Ordinal), ourQuery.OrderBy(q => q.Key, StringComparer.Ordinal));
        Assert.Equal("datacapture/credit-risk/credit-risk/AllTraffic/2026/03/04/13/55-00-000-x.jsonl", ourQuery["start-after"]);
        Assert.Equal("2", ourQuery["list-type"]);
    }
}
