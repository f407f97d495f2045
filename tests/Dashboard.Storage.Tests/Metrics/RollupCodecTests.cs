using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;

namespace Dashboard.Storage.Tests.Metrics;

public class RollupCodecTests
{
    [Theory]
    [InlineData(ChunkEncoding.Raw)]
    [InlineData(ChunkEncoding.Deflate)]
    [InlineData(ChunkEncoding.Brotli)]
    public void EncodeDecode_ADayOfBuckets_RoundTripsBitExactly(ChunkEncoding encoding)
    {
        var minutes = TestSeries.Minutes(TestSeries.Midnight, 1440, i => i % 97 == 0 ? double.NaN : Math.Round(Math.Sin(i / 30.0) * 100, 2) + 0.1);
        var buckets = Rollups.Aggregate(minutes, Rollups.QuarterHour);

        var payload = RollupCodec.Encode(buckets, TestSeries.Midnight, Rollups.QuarterHour, encoding);

        Assert.Equal(buckets, RollupCodec.Decode(payload, TestSeries.Midnight, Rollups.QuarterHour, buckets.Length));
    }

    [Fact]
    public void EncodeDecode_NoBuckets_RoundTrips()
    {
        var payload = RollupCodec.Encode([], TestSeries.Midnight, Rollups.QuarterHour, ChunkEncoding.Brotli);

        Assert.Empty(RollupCodec.Decode(payload, TestSeries.Midnight, Rollups.QuarterHour, 0));
    }

    [Fact]
    public void Encode_BucketOffItsStep_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            RollupCodec.Encode([new RollupPoint(TestSeries.Midnight + 60, 1, 1, 1, 1)], TestSeries.Midnight, Rollups.QuarterHour, ChunkEncoding.Brotli));
    }

    [Fact]
    public void Decode_CountOtherThanStored_Throws()
    {
        var buckets = Rollups.Aggregate(TestSeries.Minutes(TestSeries.Midnight, 60), Rollups.QuarterHour);
        var payload = RollupCodec.Encode(buckets, TestSeries.Midnight, Rollups.QuarterHour, ChunkEncoding.Brotli);

        Assert.Throws<InvalidDataException>(() => RollupCodec.Decode(payload, TestSeries.Midnight, Rollups.QuarterHour, buckets.Length + 1));
    }
}
