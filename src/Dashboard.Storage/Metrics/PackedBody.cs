using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>
/// The uncompressed body of a compressed chunk, shaped so that Deflate/Brotli find long repeats:
/// varint count, a scale byte, varint time deltas (a steady period becomes one repeated byte), then the values.
/// CloudWatch values are mostly decimals with few digits (12.34, 7, 0.5): when every value of the chunk is exactly
/// m / 10^scale for an integer m, values are stored as zigzag varint deltas of m (one or two bytes each).
/// Otherwise each value's bits are XORed with the previous value's and byte-shuffled into eight planes, so the
/// sign/exponent planes, which barely change, compress to almost nothing. Both paths are exact to the bit.
/// </summary>
internal static class PackedBody
{
    private const byte NoScale = 0xFF;
    private const int MaxScale = 9;
    private const double MaxExactInteger = 9007199254740992d; // 2^53: beyond it a double no longer holds every integer

    private static readonly double[] PowersOfTen = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    public static byte[] Write(ReadOnlySpan<MetricPoint> points, long start)
    {
        var buffer = new byte[11 + points.Length * 15];
        var at = Varint.Write(buffer, (ulong)points.Length);
        var scale = FindScale(points);
        buffer[at++] = scale;

        var previousOffset = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var offset = ChunkCodec.Offset(points[i].Time, start);
            if (i > 0 && offset <= previousOffset)
            {
                throw new ArgumentException("Chunk points must be sorted by time with unique times.", nameof(points));
            }
            at += Varint.Write(buffer.AsSpan(at), (ulong)(offset - previousOffset));
            previousOffset = offset;
        }

        if (scale == NoScale)
        {
            var planes = buffer.AsSpan(at, points.Length * 8);
            ulong previous = 0;
            for (var i = 0; i < points.Length; i++)
            {
                var bits = (ulong)BitConverter.DoubleToInt64Bits(points[i].Value);
                var xor = bits ^ previous;
                previous = bits;
                for (var plane = 0; plane < 8; plane++)
                {
                    planes[plane * points.Length + i] = (byte)(xor >> (plane * 8));
                }
            }
            at += planes.Length;
        }
        else
        {
            var power = PowersOfTen[scale];
            long previous = 0;
            for (var i = 0; i < points.Length; i++)
            {
                var scaled = (long)Math.Round(points[i].Value * power);
                at += Varint.Write(buffer.AsSpan(at), Varint.ZigZag(scaled - previous));
                previous = scaled;
            }
        }
        return buffer.AsSpan(0, at).ToArray();
    }

    public static int CountOf(ReadOnlySpan<byte> body)
    {
        Varint.Read(body, out var count);
        return count <= (ulong)body.Length ? (int)count : throw new InvalidDataException("Chunk point count exceeds its body.");
    }

    public static void Read(ReadOnlySpan<byte> body, long start, Span<MetricPoint> points)
    {
        var at = Varint.Read(body, out var count64);
        if (count64 != (ulong)points.Length)
        {
            throw new InvalidDataException($"Chunk holds {count64} points, not the {points.Length} recorded for it.");
        }
        var count = points.Length;
        var scale = body[at++];

        var time = start;
        for (var i = 0; i < points.Length; i++)
        {
            time += (long)Varint.Next(body, ref at);
            points[i] = new MetricPoint(time, 0);
        }

        if (scale == NoScale)
        {
            var planes = body.Slice(at, count * 8);
            ulong previous = 0;
            for (var i = 0; i < points.Length; i++)
            {
                ulong xor = 0;
                for (var plane = 0; plane < 8; plane++)
                {
                    xor |= (ulong)planes[plane * count + i] << (plane * 8);
                }
                previous ^= xor;
                points[i] = new MetricPoint(points[i].Time, BitConverter.Int64BitsToDouble((long)previous));
            }
        }
        else
        {
            if (scale > MaxScale)
            {
                throw new InvalidDataException($"Unknown value scale {scale}.");
            }
            var power = PowersOfTen[scale];
            long scaled = 0;
            for (var i = 0; i < points.Length; i++)
            {
                scaled += Varint.UnZigZag(Varint.Next(body, ref at));
                points[i] = new MetricPoint(points[i].Time, Unscale(scaled, power));
            }
        }
    }

    /// <summary>The smallest decimal scale at which every value round-trips bit-exactly, or <see cref="NoScale"/>.</summary>
    private static byte FindScale(ReadOnlySpan<MetricPoint> points)
    {
        if (points.IsEmpty)
        {
            return NoScale;
        }
        for (byte scale = 0; scale <= MaxScale; scale++)
        {
            if (AllExactAt(points, PowersOfTen[scale]))
            {
                return scale;
            }
        }
        return NoScale;
    }

    private static bool AllExactAt(ReadOnlySpan<MetricPoint> points, double power)
    {
        foreach (var point in points)
        {
            var scaled = Math.Round(point.Value * power);
            // NaN, infinities and -0.0 fail the bit comparison and so fall back to the XOR path.
            if (!(Math.Abs(scaled) < MaxExactInteger)
                || BitConverter.DoubleToInt64Bits(Unscale((long)scaled, power)) != BitConverter.DoubleToInt64Bits(point.Value))
            {
                return false;
            }
        }
        return true;
    }

    // Both operands are exact doubles, so IEEE division gives the double nearest to m / 10^scale: the same double
    // a parser produces for that decimal, and the same on encode and decode.
    private static double Unscale(long scaled, double power) => scaled / power;
}
