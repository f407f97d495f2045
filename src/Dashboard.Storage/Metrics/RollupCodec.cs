using System.Buffers;
using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Encodes one day of one tier's buckets (see <see cref="Rollups"/>) into a payload and back, bit-exactly. The body is
/// four <see cref="PackedBody"/> columns (min, max, sum, count), each with its varint length: the same bucket times in
/// each column compress to almost nothing, and short decimals (most minimums and maximums, every count) stay short.
/// Layout: [encoding byte] then, for <see cref="ChunkEncoding.Raw"/>, the body as it is; otherwise as a compressed chunk.
/// </summary>
public static class RollupCodec
{
    private const int Columns = 4;

    public static byte[] Encode(ReadOnlySpan<RollupPoint> buckets, long start, ChunkEncoding encoding)
    {
        var column = new MetricPoint[buckets.Length];
        var body = new MemoryStream(64 + buckets.Length * 16);
        Span<byte> header = stackalloc byte[10];
        for (var c = 0; c < Columns; c++)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                var b = buckets[i];
                column[i] = new MetricPoint(b.Time, c switch { 0 => b.Min, 1 => b.Max, 2 => b.Sum, _ => b.Count });
            }
            var packed = PackedBody.Write(column, start);
            body.Write(header[..Varint.Write(header, (ulong)packed.Length)]);
            body.Write(packed);
        }
        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        switch (encoding)
        {
            case ChunkEncoding.Raw:
                var payload = new byte[1 + bytes.Length];
                payload[0] = (byte)ChunkEncoding.Raw;
                bytes.CopyTo(payload.AsSpan(1));
                return payload;
            case ChunkEncoding.Deflate or ChunkEncoding.Brotli:
                return ChunkCodec.EncodeCompressed(bytes, encoding);
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown chunk encoding.");
        }
    }

    /// <summary>Decodes into <paramref name="destination"/>, exactly as long as the stored bucket count (the Count column).</summary>
    public static void DecodeInto(byte[] payload, long start, Span<RollupPoint> destination)
    {
        var encoding = payload.Length == 0 ? 0 : (ChunkEncoding)payload[0];
        switch (encoding)
        {
            case ChunkEncoding.Raw:
                ReadBody(payload.AsSpan(1), start, destination);
                break;
            case ChunkEncoding.Deflate or ChunkEncoding.Brotli:
                var body = ChunkCodec.Decompress(payload, encoding, out var length);
                try
                {
                    ReadBody(body.AsSpan(0, length), start, destination);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(body);
                }
                break;
            default:
                throw new InvalidDataException($"Unknown rollup encoding {(byte)encoding}.");
        }
    }

    public static RollupPoint[] Decode(byte[] payload, long start, int count)
    {
        var buckets = new RollupPoint[count];
        DecodeInto(payload, start, buckets);
        return buckets;
    }

    private static void ReadBody(ReadOnlySpan<byte> body, long start, Span<RollupPoint> destination)
    {
        var column = ArrayPool<MetricPoint>.Shared.Rent(Math.Max(destination.Length, 1));
        try
        {
            var points = column.AsSpan(0, destination.Length);
            var at = 0;
            for (var c = 0; c < Columns; c++)
            {
                at += Varint.Read(body[at..], out var length);
                if (length > (ulong)(body.Length - at))
                {
                    throw new InvalidDataException("Rollup column is longer than its payload.");
                }
                PackedBody.Read(body.Slice(at, (int)length), start, points);
                at += (int)length;
                for (var i = 0; i < points.Length; i++)
                {
                    var value = points[i].Value;
                    var b = destination[i];
                    destination[i] = c switch
                    {
                        0 => new RollupPoint(points[i].Time, value, 0, 0, 0),
                        1 => b with { Max = value },
                        2 => b with { Sum = value },
                        _ => b with { Count = (int)value },
                    };
                }
            }
        }
        finally
        {
            ArrayPool<MetricPoint>.Shared.Return(column);
        }
    }
}
