namespace Dashboard.Storage.Metrics;

/// <summary>LEB128 unsigned varints and zigzag for signed deltas: small numbers take one byte before compression.</summary>
internal static class Varint
{
    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    public static int Read(ReadOnlySpan<byte> source, out ulong value)
    {
        value = 0;
        for (int i = 0, shift = 0; i < source.Length && shift < 64; i++, shift += 7)
        {
            var b = source[i];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return i + 1;
            }
        }
        throw new InvalidDataException("Truncated or overlong varint.");
    }

    /// <summary>Reads at <paramref name="at"/> and advances it; the one-byte case is inlined for the decode loops.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static ulong Next(ReadOnlySpan<byte> source, ref int at)
    {
        var first = source[at];
        if (first < 0x80)
        {
            at++;
            return first;
        }
        at += Read(source[at..], out var value);
        return value;
    }

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
