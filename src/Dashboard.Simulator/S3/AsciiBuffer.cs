using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace Dashboard.Simulator.S3;

/// <summary>
/// A growable byte buffer for generated text that is plain ASCII (names, categories, ids, numbers, base64), written
/// straight as UTF-8 from pooled arrays: building days of capture through strings spent most of its time copying them.
/// </summary>
internal sealed class AsciiBuffer(int capacity) : IDisposable
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(64, capacity));

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Length);

    public AsciiBuffer Append(string text)
    {
        var span = Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }
        Length += text.Length;
        return this;
    }

    public AsciiBuffer Append(char c)
    {
        Reserve(1)[0] = (byte)c;
        Length++;
        return this;
    }

    public AsciiBuffer Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Length += bytes.Length;
        return this;
    }

    /// <summary>The shortest text that reads back as the same double, invariant culture.</summary>
    public AsciiBuffer Append(double value)
    {
        if (!value.TryFormat(Reserve(32), out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Could not format {value}.");
        }
        Length += written;
        return this;
    }

    /// <summary>The bytes as the content of a JSON string: quotes and backslashes escaped.</summary>
    public AsciiBuffer AppendEscaped(ReadOnlySpan<byte> bytes)
    {
        var span = Reserve(bytes.Length * 2);
        var at = 0;
        foreach (var b in bytes)
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                span[at++] = (byte)'\\';
            }
            span[at++] = b;
        }
        Length += at;
        return this;
    }

    public AsciiBuffer AppendBase64(ReadOnlySpan<byte> bytes)
    {
        Base64.EncodeToUtf8(bytes, Reserve(Base64.GetMaxEncodedToUtf8Length(bytes.Length)), out _, out var written);
        Length += written;
        return this;
    }

    /// <summary>Drops the last <paramref name="count"/> bytes.</summary>
    public void Trim(int count) => Length -= count;

    public void Clear() => Length = 0;

    public byte[] ToArray() => Written.ToArray();

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _bytes.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Length + count));
            Written.CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }
        return _bytes.AsSpan(Length, count);
    }
}
