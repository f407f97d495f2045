using System.Globalization;

namespace Dashboard.Web.Drift;

/// <summary>
/// The window a feature's distribution is shown for: a preset (last hour, day, week) or from/to picked by the user, read
/// from the URL. Any reader can write any URL, so the values are length-bounded, parsed in one exact format and checked
/// (from before to, nothing in the future, nothing older than the summaries kept); a bad one is reported at its field and
/// the last 24 h are shown meanwhile.
/// </summary>
public sealed record DistributionWindow(string Key, long From, long To, string? FromText, string? ToText, string? FromError, string? ToError)
{
    public const string Custom = "custom";
    public const string Format = "yyyy-MM-dd HH:mm";

    /// <summary>How the URL carries a time: no space to escape.</summary>
    public const string UrlFormat = "yyyy-MM-dd'T'HH:mm";

    /// <summary>Longer URL values are not parsed, and echoed cut to this length.</summary>
    public const int MaxText = 32;

    public static readonly (string Key, string Text, long Seconds)[] Presets =
        [("24h", "last 24 h", 86_400), ("7d", "last 7 days", 7 * 86_400), ("1h", "last hour", 3600)];

    private static readonly string[] Formats = [Format, UrlFormat, "yyyy-MM-dd"];

    public bool IsValid => FromError is null && ToError is null;

    public bool IsCustom => Key == Custom;

    /// <summary>The window as text, e.g. "2026-12-01 10:00 – 2026-12-02 10:00 UTC".</summary>
    public string Describe() => $"{Text(From)} – {Text(To)} UTC";

    public static DistributionWindow Parse(string? key, string? fromText, string? toText, DateTimeOffset now, int retentionDays)
    {
        var end = now.ToUnixTimeSeconds();
        if (key != Custom)
        {
            var preset = Presets.FirstOrDefault(p => p.Key == key);
            preset = preset.Key is null ? Presets[0] : preset;
            return new DistributionWindow(preset.Key, end - preset.Seconds, end, null, null, null, null);
        }
        var oldest = end / 3600 * 3600 - retentionDays * 86_400L;
        var fromError = Time(fromText, required: true, out var from);
        var toError = Time(toText, required: false, out var to);
        to ??= end;
        fromError ??= from < oldest ? $"Summaries are kept {retentionDays} days: start at {Text(oldest)} or later."
            : from >= end ? "Must be in the past." : null;
        toError ??= to > end ? $"Cannot end after now ({Text(end)} UTC)."
            : fromError is null && to <= from ? "Must be after From." : null;
        var (shownFrom, shownTo) = fromError is null && toError is null ? (from!.Value, to.Value) : (end - Presets[0].Seconds, end);
        return new DistributionWindow(Custom, shownFrom, shownTo, Cut(fromText), Cut(toText), fromError, toError);
    }

    /// <summary>A time as the URL carries it.</summary>
    public static string UrlText(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString(UrlFormat, CultureInfo.InvariantCulture);

    public static string Text(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses a UTC time; null or a message for the field.</summary>
    public static string? Time(string? text, bool required, out long? seconds)
    {
        seconds = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? $"Required, as {Format} (UTC)." : null;
        }
        if (text.Length > MaxText || !DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return $"Write it as {Format} (UTC), e.g. 2026-12-01 00:00.";
        }
        seconds = time.ToUnixTimeSeconds();
        return null;
    }

    private static string? Cut(string? text) => text is null || text.Length <= MaxText ? text : text[..MaxText] + "…";
}
