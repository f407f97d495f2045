using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Dashboard.Aws;
using Dashboard.Core;
using Dashboard.Core.S3;
using Dashboard.Simulator.S3;
using Dashboard.Simulator.Scenario;
using Dashboard.Simulator.Tests.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>
/// The simulator's S3 bucket read by the dashboard's own <see cref="IS3ObjectClient"/> (AWSSDK.S3, path-style, SigV4
/// as "s3", ETag checked against the body's MD5), plus refusals seen on the wire. The data itself: CaptureFormatTests,
/// GroundTruthTests and the other tests of this folder.
/// </summary>
public sealed class S3ObjectWireTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Bucket = "sagemaker-us-east-1-123456789012";
    private const string CreditCapture = "datacapture/credit-risk/credit-risk/AllTraffic/";
    private const string CreditReports = "model-monitor/reports/credit-risk/credit-risk-data-quality/";

    private SimulatorHost Host => fixture.Host;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ServiceProvider Clients(string secret = "simulator-secret") => new ServiceCollection()
        .AddLogging()
        .AddAwsClients(o =>
        {
            o.S3ServiceUrl = Host.BaseAddress.ToString();
            o.AccessKeyId = "AKIDSIMULATOR";
            o.SecretAccessKey = secret;
            o.Region = "us-east-1";
            o.MaxAttempts = 1;
        })
        .BuildServiceProvider();

    private async Task<List<S3ObjectSummary>> ListAllAsync(IS3ObjectClient s3, string prefix, int pageSize)
    {
        var all = new List<S3ObjectSummary>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await s3.ListObjectsAsync(new S3ListRequest(Bucket, prefix, token, pageSize), Ct);
            Assert.True(page.Objects.Count <= pageSize);
            Assert.Equal(page.IsTruncated, page.NextContinuationToken is not null);
            all.AddRange(page.Objects);
            token = page.NextContinuationToken;
            Assert.True(++pages < 100, "pagination does not end");
        }
        while (token is not null);
        return all;
    }

    [Fact]
    public async Task ListObjects_Paginated_EveryCaptureFileOfTheHistoryOnce()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();

        var files = await ListAllAsync(s3, CreditCapture, 500);

        Assert.Equal(TestBucket.Of(Host).List(CreditCapture).Select(e => e.Key), files.Select(f => f.Key));
        Assert.True(files.Count > 8 * 24 * 4, $"{files.Count} files");
        Assert.Equal(files.Select(f => f.Key).Order(StringComparer.Ordinal), files.Select(f => f.Key));
        Assert.All(files, f =>
        {
            Assert.EndsWith(".jsonl", f.Key, StringComparison.Ordinal);
            Assert.True(f.Size > 0);
            Assert.Matches("^\"[0-9a-f]{32}\"$", f.ETag!);
            Assert.True(f.LastModified <= TestClock.Now);
        });
        // Hour folders: the 8 days before the current hour, and the files of the current hour that have landed.
        Assert.StartsWith("2026/02/24/14/", files[0].Key[CreditCapture.Length..], StringComparison.Ordinal);
        Assert.StartsWith("2026/03/04/14/", files[^1].Key[CreditCapture.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListObjects_StartAfter_OnlyLaterKeysThenTheTokenRules()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();
        var all = (await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditCapture, MaxKeys: 40), Ct)).Objects.Select(o => o.Key).ToList();

        var page = await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditCapture, MaxKeys: 5, StartAfter: all[10]), Ct);
        var next = await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditCapture, page.NextContinuationToken, 5, StartAfter: all[30]), Ct);

        Assert.Equal(all[11..16], page.Objects.Select(o => o.Key));
        Assert.True(page.IsTruncated);
        // With a continuation token, S3 ignores start-after.
        Assert.Equal(all[16..21], next.Objects.Select(o => o.Key));
        // A watermark between two keys (not a key itself) works too, and one past the end lists nothing.
        var between = await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditCapture, MaxKeys: 1, StartAfter: all[3] + "!"), Ct);
        Assert.Equal([all[4]], between.Objects.Select(o => o.Key));
        var past = await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditCapture, StartAfter: CreditCapture + "9999/"), Ct);
        Assert.Empty(past.Objects);
        Assert.False(past.IsTruncated);
    }

    [Fact]
    public async Task ListObjects_Delimiter_FoldersAsCommonPrefixes()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();

        var top = await s3.ListObjectsAsync(new S3ListRequest(Bucket, Delimiter: "/"), Ct);
        Assert.Empty(top.Objects);
        Assert.Equal(["datacapture/", "datasets/", "ground-truth/", "model-monitor/"], top.CommonPrefixes);

        var endpoints = await s3.ListObjectsAsync(new S3ListRequest(Bucket, "datacapture/", Delimiter: "/"), Ct);
        Assert.Equal(["datacapture/churn-prod/", "datacapture/credit-risk/", "datacapture/fraud-detector/", "datacapture/pricing-ab/"],
            endpoints.CommonPrefixes);

        var days = await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditReports + "2026/03/", Delimiter: "/"), Ct);
        Assert.Equal([CreditReports + "2026/03/01/", CreditReports + "2026/03/02/", CreditReports + "2026/03/03/", CreditReports + "2026/03/04/"],
            days.CommonPrefixes);

        // One folder per page: the token resumes after the folder, not inside it.
        var first = await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditReports + "2026/03/", null, 1, "/"), Ct);
        Assert.True(first.IsTruncated);
        var second = await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditReports + "2026/03/", first.NextContinuationToken, 1, "/"), Ct);
        Assert.Equal([CreditReports + "2026/03/02/"], second.CommonPrefixes);
    }

    [Fact]
    public async Task GetObject_CaptureFile_JsonLinesWithTheNamedFeaturesAndAScore()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();
        var listed = (await s3.ListObjectsAsync(new S3ListRequest(Bucket, CreditCapture + "2026/03/04/13/"), Ct)).Objects;

        var file = await s3.GetObjectAsync(new S3GetObjectRequest(Bucket, listed[0].Key), Ct);

        Assert.InRange(listed.Count, 4, 12);
        Assert.Equal(listed[0].ETag, file.ETag);
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(file.Content)) + "\"", file.ETag);
        var lines = CaptureLine.ParseFile(file.Content);
        Assert.True(lines.Count > 50, $"{lines.Count} records");
        Assert.All(lines, line =>
        {
            Assert.Equal("JSON", line.InputEncoding);
            Assert.Contains("debt_to_income", line.JsonFeatures.Keys);
            Assert.InRange(line.Prediction, 0, 1);
            Assert.Equal(13, line.InferenceTime.UtcDateTime.Hour);
        });
    }

    [Fact]
    public async Task GetObject_MonitorReports_ViolationsFollowTheDriftMetrics()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();
        var scenario = Host.App.Services.GetRequiredService<FleetScenario>();
        var execution = new DateTimeOffset(2026, 3, 4, 14, 0, 0, TimeSpan.Zero);

        var violations = await ReadJsonAsync(s3, CreditReports + "2026/03/04/14/constraint_violations.json");
        var drifts = violations.GetProperty("violations").EnumerateArray()
            .Where(v => v.GetProperty("constraint_check_type").GetString() == "baseline_drift_check")
            .ToDictionary(v => v.GetProperty("feature_name").GetString()!, v => v.GetProperty("description").GetString()!);
        Assert.Equal(["channel", "credit_utilization", "debt_to_income"], drifts.Keys.Order(StringComparer.Ordinal));
        var drift = scenario.GetValue("credit-risk", null, "feature_baseline_drift_debt_to_income", "Average", 3600, execution)!.Value;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"Numerical distance: {drift} exceeds numerical threshold: 0.1"),
            drifts["debt_to_income"]);
        Assert.StartsWith("Categorical distance: ", drifts["channel"], StringComparison.Ordinal);

        var calm = await ReadJsonAsync(s3, "model-monitor/reports/churn-prod/churn-prod-data-quality/2026/03/04/14/constraint_violations.json");
        Assert.Empty(calm.GetProperty("violations").EnumerateArray());

        // The drifted feature's mean moved away from the baseline's; a calm one did not.
        var statistics = await ReadJsonAsync(s3, CreditReports + "2026/03/04/14/statistics.json");
        var baseline = await ReadJsonAsync(s3, "model-monitor/baselines/credit-risk-data-quality/statistics.json");
        Assert.True(Mean(statistics, "debt_to_income") > Mean(baseline, "debt_to_income") + 0.03);
        Assert.Equal(Mean(baseline, "age"), Mean(statistics, "age"), tolerance: 0.5);
        var constraints = await ReadJsonAsync(s3, "model-monitor/baselines/credit-risk-data-quality/constraints.json");
        Assert.Equal(0.1, constraints.GetProperty("monitoring_config").GetProperty("distribution_constraints")
            .GetProperty("comparison_threshold").GetDouble());
        // The hour's item count is what was captured in the hour the execution analysed.
        var captured = TestBucket.Of(Host).Capture(CreditCapture, execution.AddHours(-1), execution).Count;
        Assert.Equal(captured, statistics.GetProperty("dataset").GetProperty("item_count").GetInt32());
    }

    [Fact]
    public async Task GetObject_MissingKey_NoSuchKey()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            s3.GetObjectAsync(new S3GetObjectRequest(Bucket, CreditReports + "1999/01/01/00/statistics.json"), Ct));

        Assert.Equal("S3", error.Service);
        Assert.Equal("NoSuchKey", error.ErrorCode);
        Assert.Equal(404, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task ListObjects_OtherBucket_NoSuchBucket()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => s3.ListObjectsAsync(new S3ListRequest("someone-elses"), Ct));

        Assert.Equal("NoSuchBucket", error.ErrorCode);
        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task WrongSecret_SignatureDoesNotMatch()
    {
        await using var provider = Clients(secret: "wrong");
        var s3 = provider.GetRequiredService<IS3ObjectClient>();

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => s3.ListObjectsAsync(new S3ListRequest(Bucket), Ct));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task Unsigned_AccessDeniedXml()
    {
        using var client = Host.CreateUnsignedClient();

        var response = await client.GetAsync($"/{Bucket}?list-type=2", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        Assert.Equal("Error", error.Name.LocalName);
        Assert.Equal("AccessDenied", error.Element("Code")!.Value);
        Assert.Equal(response.Headers.GetValues("x-amz-request-id").Single(), error.Element("RequestId")!.Value);
    }

    [Fact]
    public async Task UnsignedPayload_SignedAsS3_Accepted()
    {
        using var client = Host.CreateClient(new Signer
        {
            Service = "s3",
        });
        var request = new HttpRequestMessage(HttpMethod.Get, $"/{Bucket}?list-type=2&max-keys=2&prefix={Uri.EscapeDataString(CreditCapture)}");
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", "UNSIGNED-PAYLOAD");

        var response = await client.SendAsync(request, Ct);

        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, body);
        var result = XDocument.Parse(body).Root!;
        Assert.Equal(S3Endpoints.Ns + "ListBucketResult", result.Name);
        Assert.Equal("2", result.Element(S3Endpoints.Ns + "KeyCount")!.Value);
        Assert.Equal("true", result.Element(S3Endpoints.Ns + "IsTruncated")!.Value);
    }

    [Fact]
    public async Task HeadObject_HeadersWithoutBody()
    {
        await using var provider = Clients();
        var s3 = provider.GetRequiredService<IS3ObjectClient>();
        var key = "model-monitor/baselines/credit-risk-data-quality/constraints.json";
        var file = await s3.GetObjectAsync(new S3GetObjectRequest(Bucket, key), Ct);
        using var client = Host.CreateClient(new Signer { Service = "s3" });

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/{Bucket}/{key}"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(file.ETag, response.Headers.ETag!.ToString());
        Assert.Equal(file.Content.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Content.Headers.LastModified);
    }

    private static async Task<JsonElement> ReadJsonAsync(IS3ObjectClient s3, string key) =>
        JsonDocument.Parse((await s3.GetObjectAsync(new S3GetObjectRequest(Bucket, key), Ct)).Content).RootElement.Clone();

    private static double Mean(JsonElement statistics, string feature) =>
        statistics.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("name").GetString() == feature)
            .GetProperty("numerical_statistics").GetProperty("mean").GetDouble();
}
