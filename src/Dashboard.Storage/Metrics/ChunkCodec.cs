using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// Encodes the points of one chunk (sorted by time, unique times, all at or after the chunk start) into a payload
/// and back, bit-exactly. Layout: [encoding byte][body]. Raw: int32 count, int32 offsets, float64 values.
/// Compressed: varint body length, then the compressed packed body (see <see cref="PackedBody"/>).
/// </summary>
public static class ChunkCodec
{
    private const int BrotliQuality = 5;
    private const int BrotliWindow = 22;

    public static byte[] Encode(ReadOnlySpan<MetricPoint> points, long start, ChunkEncoding encoding) => encoding switch
    {
        ChunkEncoding.Raw => EncodeRaw(points, start),
        ChunkEncoding.Deflate or ChunkEncoding.Brotli => EncodeCompressed(PackedBody.Write(points, start), encoding),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown chunk encoding."),
    };

    public static MetricPoint[] Decode(byte[] payload, long start)
    {
        var encoding = payload.Length == 0 ? 0 : (ChunkEncoding)payload[0];
        switch (encoding)
        {
            case ChunkEncoding.Raw:
                var raw = new MetricPoint[BinaryPrimitives.ReadInt32LittleEndian(payload.AsSpan(1))];
                DecodeRaw(payload.AsSpan(1), start, raw);
                return raw;
            case ChunkEncoding.Deflate or ChunkEncoding.Brotli:
                var body = Decompress(payload, encoding, out var length);
                try
                {
                    var points = new MetricPoint[PackedBody.CountOf(body.AsSpan(0, length))];
                    PackedBody.Read(body.AsSpan(0, length), start, points);
                    return points;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(body);
                }
            default:
                throw new InvalidDataException($"Unknown chunk encoding {(byte)encoding}.");
        }
    }

    /// <summary>
    /// Decodes into <paramref name="destination"/>, which must be exactly as long as the chunk's point count
    /// (the Count column): readers fill one array per series without an intermediate copy per chunk.
    /// </summary>
    public static void DecodeInto(byte[] payload, long start, Span<MetricPoint> destination)
    {
        var encoding = payload.Length == 0 ? 0 : (ChunkEncoding)payload[0];
        switch (encoding)
        {
            case ChunkEncoding.Raw:
                DecodeRaw(payload.AsSpan(1), start, destination);
                break;
            case ChunkEncoding.Deflate or ChunkEncoding.Brotli:
                var body = Decompress(payload, encoding, out var length);
                try
                {
                    PackedBody.Read(body.AsSpan(0, length), start, destination);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(body);
                }
                break;
            default:
                throw new InvalidDataException($"Unknown chunk encoding {(byte)encoding}.");
        }
    }

    internal static int Offset(long time, long start)
    {
        var offset = time - start;
        if (offset is < 0 or > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"Point time is outside the chunk starting at {start}.");
        }
        return (int)offset;
    }

    private static byte[] EncodeRaw(ReadOnlySpan<MetricPoint> points, long start)
    {
        var payload = new byte[1 + 4 + points.Length * 12];
        payload[0] = (byte)ChunkEncoding.Raw;
        BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(1), points.Length);
        var offsets = payload.AsSpan(5, points.Length * 4);
        var values = payload.AsSpan(5 + points.Length * 4);
        for (var i = 0; i < points.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(offsets[(i * 4)..], Offset(points[i].Time, start));
            BinaryPrimitives.WriteDoubleLittleEndian(values[(i * 8)..], points[i].Value);
        }
        return payload;
    }

    private static void DecodeRaw(ReadOnlySpan<byte> body, long start, Span<MetricPoint> points)
    {
        var count = BinaryPrimitives.ReadInt32LittleEndian(body);
        if (count < 0 || body.Length != 4 + (long)count * 12)
        {
            throw new InvalidDataException("Raw chunk length does not match its point count.");
        }
        if (count != points.Length)
        {
            throw new InvalidDataException($"Chunk holds {count} points, not the {points.Length} recorded for it.");
        }
        var offsets = body.Slice(4, count * 4);
        var values = body[(4 + count * 4)..];
        for (var i = 0; i < count; i++)
        {
            points[i] = new MetricPoint(start + BinaryPrimitives.ReadInt32LittleEndian(offsets[(i * 4)..]),
                BinaryPrimitives.ReadDoubleLittleEndian(values[(i * 8)..]));
        }
    }

    /// <summary>[encoding byte][varint body length][compressed body]; tier payloads (<see cref="RollupCodec"/>) share it.</summary>
    internal static byte[] EncodeCompressed(ReadOnlySpan<byte> body, ChunkEncoding encoding, int brotliQuality = BrotliQuality)
    {
        var output = new MemoryStream(body.Length / 2 + 16);
        output.WriteByte((byte)encoding);
        Span<byte> header = stackalloc byte[10];
        output.Write(header[..Varint.Write(header, (ulong)body.Length)]);
        if (encoding == ChunkEncoding.Deflate)
        {
            using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
            deflate.Write(body);
        }
        else
        {
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
            if (!BrotliEncoder.TryCompress(body, buffer, out var written, brotliQuality, BrotliWindow))
            {
                throw new InvalidOperationException("Brotli compression failed.");
            }
            output.Write(buffer, 0, written);
        }
        return output.ToArray();
    }

    /// <summary>Decompresses into a pooled buffer (return it to <see cref="ArrayPool{T}.Shared"/>); reads run hundreds of these.</summary>
    internal static byte[] Decompress(byte[] payload, ChunkEncoding encoding, out int length)
    {
        var read = 1 + Varint.Read(payload.AsSpan(1), out var declared);
        if (declared > 64 * 1024 * 1024)
        {
            throw new InvalidDataException("Chunk body is too large.");
        }
        length = (int)declared;
        var body = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            if (encoding == ChunkEncoding.Brotli)
            {
                if (!BrotliDecoder.TryDecompress(payload.AsSpan(read), body.AsSpan(0, length), out var written) || written != length)
                {
                    throw new InvalidDataException("Brotli chunk body is corrupt.");
                }
                return body;
            }

            using var deflate = new DeflateStream(new MemoryStream(payload, read, payload.Length - read, writable: false), CompressionMode.Decompress);
            deflate.ReadExactly(body.AsSpan(0, length));
            return body;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(body);
            throw;
        }
    }
}
