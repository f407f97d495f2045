using System.Security.Cryptography;
using Dashboard.Simulator.S3;

namespace Dashboard.Simulator.Tests.S3;

/// <summary>Every object is a pure function of (seed, anchor, key): read twice, by two simulators, it is the same bytes.</summary>
public sealed class BucketDeterminismTests
{
    private static readonly string[] Prefixes =
    [
        TestBucket.CreditCapture + TestBucket.HourPath(TestClock.Anchor.AddHours(-3)) + "/",
        "datacapture/fraud-detector/fraud-detector/AllTraffic/" + TestBucket.HourPath(TestClock.Anchor.AddDays(-6)) + "/",
        TestBucket.CreditLabels + TestBucket.HourPath(TestClock.Anchor.AddHours(-2)) + "/",
        "model-monitor/reports/credit-risk/credit-risk-data-quality/" + TestBucket.HourPath(TestClock.Anchor) + "/",
        "datasets/pricing-ab/",
    ];

    [Fact]
    public void SameKey_TwoSimulators_SameBytes()
    {
        var a = TestBucket.Create();
        var b = TestBucket.Create();

        foreach (var prefix in Prefixes)
        {
            var files = a.List(prefix);
            Assert.NotEmpty(files);
            Assert.Equal(files.Select(f => (f.Key, f.LastModified)), b.List(prefix).Select(f => (f.Key, f.LastModified)));
            Assert.All(files, f => Assert.Equal(a.Read(f), b.Read(f.Key)));
        }
    }

    [Fact]
    public void SameKey_ReadAgainAfterItWasBuilt_SameBytesAndETag()
    {
        var bucket = TestBucket.Create();
        var entry = bucket.List(Prefixes[0])[2];

        var first = bucket.Catalog.Read(entry);
        var rebuilt = entry.Build();

        Assert.Equal(first.Content, rebuilt);
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData(rebuilt)) + "\"", first.ETag);
        Assert.Equal((first.Content.LongLength, first.ETag), bucket.Catalog.Describe(bucket.Find(entry.Key)));
    }

    [Fact]
    public void OtherSeed_OtherData()
    {
        var a = TestBucket.Create();
        var b = TestBucket.Create(seed: 7);

        Assert.NotEqual(a.Read(a.List(Prefixes[0])[0]), b.Read(b.List(Prefixes[0])[0]));
    }
}
