using System.Buffers.Text;
using System.Text.Json;

namespace Dashboard.Simulator.Wire;

/// <summary>
/// Opaque pagination tokens: a small JSON cursor, base64url-encoded, tied to a fingerprint of the request so a
/// token from one query cannot silently page through another.
/// </summary>
public static class PageToken
{
    public static string Encode<T>(T cursor) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(cursor));

    public static bool TryDecode<T>(string token, out T? cursor)
    {
        cursor = default;
        try
        {
            cursor = JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(token));
            return cursor is not null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>A stable fingerprint of the parts of a request a token must not outlive.</summary>
    public static string Fingerprint(params object?[] parts)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(parts, Dashboard.Core.Wire.AwsJson.Options);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(json), 0, 8);
    }
}
