using Dashboard.Core.Drift;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Drift;

public sealed class DriftDataSetsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeS3ObjectClient _s3 = new FakeS3ObjectClient()
        .Put("bucket", "sets/train.csv", "amount,channel,label\n10,web,1\n20,app\n30,web,0\n")
        .Put("bucket", "sets/empty.csv", "amount,label\n,1\n")
        .Put("bucket", "sets/header-only.jsonl", "not json\n");
    private readonly FakeDriftBaselineStore _pins = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Use_AReadableCsv_StoresItsSummaries_WithTheRowsItSkipped()
    {
        var baseline = await DataSets().UseAsync(As(Role.Engineer), "ep", " s3://bucket/sets/train.csv ", Ct);

        Assert.Equal((DriftBaselineKind.DataSet, "s3://bucket/sets/train.csv", "erin"), (baseline.Kind, baseline.Uri, baseline.SetBy));
        Assert.Equal((2L, 1, 3), (_pins.DataSet!.Records, _pins.DataSet.Skipped, _pins.DataSet.Problems[0].Line));
    }

    [Theory]
    [InlineData("", "Required")]
    [InlineData("https://bucket/sets/train.csv", "Write it as s3://bucket/key")]
    [InlineData("s3://Bucket_Upper/train.csv", "Write it as s3://bucket/key")]
    [InlineData("s3://bucket", "Write it as s3://bucket/key")]
    [InlineData("s3://bucket/sets/", "Write it as s3://bucket/key")]
    [InlineData("s3://bucket/sets/train.parquet", "Name a .csv file")]
    public async Task Use_AMalformedUri_IsRefusedWithoutReadingS3(string uri, string reason)
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DataSets().UseAsync(As(Role.Engineer), "ep", uri, Ct));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _s3.Reads);
        Assert.Null(_pins.Pinned);
    }

    [Fact]
    public async Task Use_AViewer_IsRefusedBeforeAnyS3Read()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => DataSets().UseAsync(As(Role.Viewer), "ep", "s3://bucket/sets/train.csv", Ct));

        Assert.Equal(0, _s3.Reads);
    }

    [Theory]
    [InlineData("s3://bucket/sets/missing.csv", null, "There is no object s3://bucket/sets/missing.csv.")]
    [InlineData("s3://bucket/sets/train.csv", "AccessDenied", "The dashboard may not read s3://bucket/sets/train.csv (AccessDenied)")]
    [InlineData("s3://bucket/sets/empty.csv", null, "has no usable feature")]
    [InlineData("s3://bucket/sets/header-only.jsonl", null, "has no rows that could be read (1 row was skipped, the first at line 1: not a JSON object).")]
    public async Task Use_AnObjectThatCannotBeABaseline_IsRefused_AndThePreviousBaselineStays(string uri, string? failure, string reason)
    {
        var pinned = await _pins.PinAsync(As(Role.Engineer), "ep", Now.AddDays(-2).ToUnixTimeSeconds(), Now.AddDays(-1).ToUnixTimeSeconds(), null, Ct);
        _s3.FailWith = failure;

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DataSets().UseAsync(As(Role.Engineer), "ep", uri, Ct));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Same(pinned, _pins.Pinned);
    }

    [Fact]
    public async Task Use_AnObjectLargerThanTheLimit_IsRefusedWithTheLimitsKey()
    {
        var options = new DriftOptions { DataSetMaxBytes = 16 };

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DataSets(options).UseAsync(As(Role.Engineer), "ep", "s3://bucket/sets/train.csv", Ct));

        Assert.Contains("Drift:DataSetMaxBytes", refused.Message, StringComparison.Ordinal);
        Assert.Null(_pins.Pinned);
    }

    [Fact]
    public async Task Use_MoreColumnsThanAFeatureTable_IsRefused()
    {
        _s3.Put("bucket", "sets/wide.csv", string.Join(',', Enumerable.Range(0, 1002).Select(i => $"c{i}")) + "\n" + string.Join(',', Enumerable.Repeat("1", 1002)) + "\n");

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => DataSets().UseAsync(As(Role.Engineer), "ep", "s3://bucket/sets/wide.csv", Ct));

        Assert.Equal("s3://bucket/sets/wide.csv could not be read: it has more than 1000 feature columns. (Parameter 'uri')", refused.Message);
        Assert.Null(_pins.Pinned);
    }

    private DriftDataSets DataSets(DriftOptions? options = null) =>
        new(_s3, _pins, new DriftReadBoard(), Microsoft.Extensions.Options.Options.Create(options ?? new DriftOptions()), new FakeTimeProvider(Now));

    private static Actor As(Role role) => new("erin", new HashSet<Role> { role });
}
