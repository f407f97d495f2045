using System.Globalization;

namespace Dashboard.Simulator.S3;

/// <summary>One object of the simulated bucket: its key and date, and how to build its bytes (on first read).</summary>
/// <param name="Build">A pure function: the same key (and <see cref="CacheKey"/>) always builds the same bytes.</param>
public sealed record S3Entry(string Key, DateTimeOffset LastModified, string ContentType, Func<byte[]> Build)
{
    /// <summary>What the bytes are cached under: the key, plus anything else they depend on (a fault switch).</summary>
    public string CacheKey { get; init; } = Key;
}

/// <summary>An object's bytes with the quoted MD5 ETag AWSSDK.S3 checks the body against.</summary>
public sealed record S3Blob(S3Entry Entry, byte[] Content, string ETag);

/// <summary>
/// A family of generated objects under one <see cref="Root"/> (no other source's root starts with it, so sources
/// sorted by root list the whole bucket in key order). Each lists its keys in ordinal order, skipping whole folders
/// that cannot match, and finds a key without listing.
/// </summary>
internal interface IS3Source
{
    string Root { get; }

    /// <summary>The keys starting with <paramref name="prefix"/> and after <paramref name="after"/> that exist at <paramref name="now"/>, in order.</summary>
    IEnumerable<S3Entry> List(string prefix, string after, DateTimeOffset now);

    S3Entry? Find(string key, DateTimeOffset now);
}

/// <summary>Key arithmetic shared by the sources.</summary>
internal static class S3Keys
{
    private const string HourFormat = "yyyy/MM/dd/HH";

    public static string HourPath(DateTimeOffset hour) => hour.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses the <c>yyyy/MM/dd/HH/</c> at the start of <paramref name="path"/>, leaving what follows in <paramref name="rest"/>.</summary>
    public static bool TryParseHour(string path, out DateTimeOffset hour, out string rest)
    {
        hour = default;
        rest = "";
        if (path.Length < HourFormat.Length + 1 || path[HourFormat.Length] != '/'
            || !DateTime.TryParseExact(path[..HourFormat.Length], HourFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }
        hour = new DateTimeOffset(parsed, TimeSpan.Zero);
        rest = path[(HourFormat.Length + 1)..];
        return true;
    }

    /// <summary>
    /// Whether a folder can hold a key that starts with <paramref name="prefix"/> and sorts after <paramref name="after"/>:
    /// a folder before <paramref name="after"/> that is not a prefix of it only holds keys before it.
    /// </summary>
    public static bool MayHold(string folder, string prefix, string after) =>
        (folder.StartsWith(prefix, StringComparison.Ordinal) || prefix.StartsWith(folder, StringComparison.Ordinal))
        && (string.CompareOrdinal(folder, after) > 0 || after.StartsWith(folder, StringComparison.Ordinal));

    public static bool Matches(string key, string prefix, string after) =>
        key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(key, after) > 0;
}

/// <summary>A handful of objects that exist from their date on (baselines, training data sets).</summary>
internal sealed class FixedSource(string root, IReadOnlyList<S3Entry> entries) : IS3Source
{
    private readonly S3Entry[] _entries = [.. entries.OrderBy(e => e.Key, StringComparer.Ordinal)];

    public string Root => root;

    public IEnumerable<S3Entry> List(string prefix, string after, DateTimeOffset now) =>
        _entries.Where(e => e.LastModified <= now && S3Keys.Matches(e.Key, prefix, after));

    public S3Entry? Find(string key, DateTimeOffset now) =>
        _entries.FirstOrDefault(e => e.LastModified <= now && string.Equals(e.Key, key, StringComparison.Ordinal));
}
