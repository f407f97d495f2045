using System.Text;

namespace Dashboard.Aws.Wire;

/// <summary>A short, single-line piece of a reply body for error messages (replies never carry request headers).</summary>
internal static class BodyExcerpt
{
    internal const int MaxChars = 200;

    public static string From(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return "(empty body)";
        }
        // Decode a little more than needed; invalid UTF-8 becomes U+FFFD rather than throwing.
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxChars * 4)]);
        var builder = new StringBuilder(Math.Min(text.Length, MaxChars + 1));
        foreach (var c in text)
        {
            if (builder.Length == MaxChars)
            {
                break;
            }
            builder.Append(char.IsControl(c) ? ' ' : c);
        }
        if (text.Length > MaxChars || body.Length > MaxChars * 4)
        {
            builder.Append('…');
        }
        return builder.ToString().Trim();
    }
}
