using System.Globalization;

namespace Dashboard.Web.Navigation;

/// <summary>
/// The time range of the endpoint page as it appears in the URL: a relative preset ("24h": the last 24 hours,
/// moving with the clock) or a fixed custom window ("custom" with from/to in UTC ISO-8601).
/// </summary>
public sealed record TimeRange(string Key, DateTimeOffset From, DateTimeOffset To)
{
    public static readonly IReadOnlyList<(string Key, string Label, TimeSpan Span)> Presets =
    [
        ("1h", "1 h", TimeSpan.FromHours(1)),
        ("6h", "6 h", TimeSpan.FromHours(6)),
        ("24h", "24 h", TimeSpan.FromHours(24)),
        ("7d", "7 d", TimeSpan.FromDays(7)),
        ("14d", "14 d", TimeSpan.FromDays(14)),
        ("30d", "30 d", TimeSpan.FromDays(30)),
        ("90d", "90 d", TimeSpan.FromDays(90)),
    ];

    public const string Default = "24h";
    public const string Custom = "custom";

    /// <summary>
    /// The longest range a chart shows: what the toolbar's Custom… allows, and what a URL is cut to. Ranges longer than
    /// about 15 days read a rolled-up tier (Rollups.StepFor), so 90 days cost less than 15 days of minutes.
    /// </summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(90);

    public bool IsRelative => Key != Custom;

    public TimeSpan Span => To - From;

    /// <summary>Reads the URL's values; anything unreadable falls back to the default preset rather than failing the page.</summary>
    public static TimeRange Parse(string? key, string? from, string? to, DateTimeOffset now)
    {
        if (key == Custom && TryParseTime(from, out var start) && TryParseTime(to, out var end) && end > start)
        {
            return new TimeRange(Custom, start, end);
        }
        var preset = Presets.FirstOrDefault(p => p.Key == key);
        if (preset.Key is null)
        {
            preset = Presets.First(p => p.Key == Default);
        }
        var presetEnd = NextMinute(now);
        return new TimeRange(preset.Key, presetEnd - preset.Span, presetEnd);
    }

    /// <summary>The end of every live range: the next whole minute, so the current minute's point is inside.</summary>
    public static DateTimeOffset NextMinute(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an ISO 8601 time as the URLs carry it (UTC unless an offset is given). Strict on purpose: a lenient parse
    /// turns careless text such as "1,5.2" into some date nobody asked for.
    /// </summary>
    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static readonly string[] IsoFormats =
    [
        .. from clock in new[] { "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" }
           from zone in new[] { "", "'Z'", "zzz" }
           select clock + zone,
        "yyyy-MM-dd",
    ];
}
