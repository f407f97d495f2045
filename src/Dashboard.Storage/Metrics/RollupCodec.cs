using System.Buffers;
using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Encodes one day of one tier's buckets (see <see cref="Rollups"/>) into a payload and back, bit-exactly. The body is
/// four <see cref="PackedBody"/> columns (min, max, sum, count), each with its varint length, whose times count steps
/// from the day's start (one byte each between neighbouring buckets, and the same bytes in every column, so they
/// compress away); short decimals (most minimums and maximums, every count, the tidied sums) stay short.
/// Layout: [encoding byte] then, for <see cref="ChunkEncoding.Raw"/>, the body as it is; otherwise as a compressed chunk.
/// </summary>
public static class RollupCodec
{
    private const int Columns = 4;

    /// <summary>
    /// Tier rows are rewritten on every poll beside the day's chunk: quality 1 encodes them several times faster than the
    /// chunks' 5 for a few per cent more bytes (tests/Dashboard.Benchmarks/README.md), and decoding costs the same.
    /// </summary>
    private const int BrotliQuality = 1;

    public static byte[] Encode(ReadOnlySpan<RollupPoint> buckets, long start, int step, ChunkEncoding encoding)
    {
        var column = new MetricPoint[buckets.Length];
        var body = new MemoryStream(64 + buckets.Length * 12);
        Span<byte> header = stackalloc byte[10];
        for (var c = 0; c < Columns; c++)
        {
            for (var i = 0; i < buckets.Length; i++)
            {
                var b = buckets[i];
                if ((b.Time - start) % step != 0)
                {
                    throw new ArgumentException($"Bucket {b.Time} is not on a {step} s boundary of the day starting at {start}.", nameof(buckets));
                }
                column[i] = new MetricPoint(start + (b.Time - start) / step, c switch { 0 => b.Min, 1 => b.Max, 2 => b.Sum, _ => b.Count });
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
                return ChunkCodec.EncodeCompressed(bytes, encoding, BrotliQuality);
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown chunk encoding.");
        }
    }

    /// <summary>Decodes into <paramref name="destination"/>, exactly as long as the stored bucket count (the Count column).</summary>
    public static void DecodeInto(byte[] payload, long start, int step, Span<RollupPoint> destination)
    {
        var encoding = payload.Length == 0 ? 0 : (ChunkEncoding)payload[0];
        switch (encoding)
        {
            case ChunkEncoding.Raw:
                ReadBody(payload.AsSpan(1), start, step, destination);
                break;
            case ChunkEncoding.Deflate or ChunkEncoding.Brotli:
                var body = ChunkCodec.Decompress(payload, encoding, out var length);
                try
                {
                    ReadBody(body.AsSpan(0, length), start, step, destination);
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

    public static RollupPoint[] Decode(byte[] payload, long start, int step, int count)
    {
        var buckets = new RollupPoint[count];
        DecodeInto(payload, start, step, buckets);
        return buckets;
    }

    private static void ReadBody(ReadOnlySpan<byte> body, long start, int step, Span<RollupPoint> destination)
    {
        var n = destination.Length;
        var rented = ArrayPool<MetricPoint>.Shared.Rent(Math.Max(n * Columns, 1));
        try
        {
            var at = 0;
            for (var c = 0; c < Columns; c++)
            {
                at += Varint.Read(body[at..], out var length);
                if (length > (ulong)(body.Length - at))
                {
                    throw new InvalidDataException("Rollup column is longer than its payload.");
                }
                PackedBody.Read(body.Slice(at, (int)length), start, rented.AsSpan(c * n, n));
                at += (int)length;
            }
            var min = rented.AsSpan(0, n);
            var max = rented.AsSpan(n, n);
            var sum = rented.AsSpan(2 * n, n);
            var count = rented.AsSpan(3 * n, n);
            for (var i = 0; i < n; i++)
            {
                destination[i] = new RollupPoint(start + (min[i].Time - start) * step, min[i].Value, max[i].Value, sum[i].Value, (int)count[i].Value);
            }
        }
        finally
        {
            ArrayPool<MetricPoint>.Shared.Return(rented);
        }
    }
}
