using Dashboard.Core.Metrics;
using Dashboard.Storage.Metrics;

namespace Dashboard.Storage.Tests.Metrics;

public class ChunkCodecTests
{
    private const long Start = TestSeries.Midnight;

    public static TheoryData<ChunkEncoding> Encodings => [ChunkEncoding.Raw, ChunkEncoding.Deflate, ChunkEncoding.Brotli];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_EmptyChunk_RoundTripsToEmpty(ChunkEncoding encoding)
    {
        var payload = ChunkCodec.Encode([], Start, encoding);

        Assert.Empty(ChunkCodec.Decode(payload, Start));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_EdgeValues_RoundTripBitExactly(ChunkEncoding encoding)
    {
        double[] values =
        [
            0, -0.0, 1, -1, 0.1, -123.45, double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon,
            double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1e-300, Math.PI, 9007199254740993d,
            BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_0001)), // a NaN with a payload
        ];
        var points = values.Select((v, i) => new MetricPoint(Start + i * 60, v)).ToArray();

        AssertRoundTrip(points, encoding);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_DecimalValues_RoundTripBitExactly(ChunkEncoding encoding)
    {
        var random = new Random(7);
        var points = TestSeries.Minutes(Start, 1440, i => Math.Round(50 + 20 * Math.Sin(i / 229.0) + random.NextDouble(), 2));

        AssertRoundTrip(points, encoding);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_FullPrecisionNoise_RoundTripsBitExactly(ChunkEncoding encoding)
    {
        var random = new Random(11);
        var points = TestSeries.Minutes(Start, 1440, _ => (random.NextDouble() - 0.5) * 1e6);

        AssertRoundTrip(points, encoding);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Encode_HugeIntegersAndIrregularTimes_RoundTrip(ChunkEncoding encoding)
    {
        MetricPoint[] points =
        [
            new(Start, 4.5e15), new(Start + 1, -4.5e15), new(Start + 7, 123456789012345),
            new(Start + 86_399, 1e-9), new(Start + 86_400 * 3, 2.000000001),
        ];

        AssertRoundTrip(points, encoding);
    }

    [Fact]
    public void Encode_DecimalData_CompressesBelowFourBytesPerPoint()
    {
        var points = TestSeries.Minutes(Start, 1440, i => Math.Round(100 + 30 * Math.Sin(i / 229.0) + (i % 7) * 0.13, 2));

        var payload = ChunkCodec.Encode(points, Start, ChunkEncoding.Deflate);

        Assert.True(payload.Length < 1440 * 4, $"payload {payload.Length} bytes");
    }

    [Fact]
    public void Encode_UnsortedPoints_Throws()
    {
        MetricPoint[] points = [new(Start + 60, 1), new(Start, 2)];

        Assert.Throws<ArgumentException>(() => ChunkCodec.Encode(points, Start, ChunkEncoding.Deflate));
    }

    [Fact]
    public void Encode_PointBeforeChunkStart_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkCodec.Encode([new MetricPoint(Start - 1, 1)], Start, ChunkEncoding.Raw));
    }

    [Fact]
    public void Decode_UnknownEncoding_ThrowsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode([99, 0, 0], Start));
    }

    private static void AssertRoundTrip(MetricPoint[] points, ChunkEncoding encoding)
    {
        var decoded = ChunkCodec.Decode(ChunkCodec.Encode(points, Start, encoding), Start);

        Assert.Equal(points.Length, decoded.Length);
        for (var i = 0; i < points.Length; i++)
        {
            Assert.Equal(points[i].Time, decoded[i].Time);
            Assert.Equal(BitConverter.DoubleToInt64Bits(points[i].Value), BitConverter.DoubleToInt64Bits(decoded[i].Value));
        }
    }
}
