using System.Globalization;

namespace Dashboard.Web.Navigation;

/// <summary>
/// An endpoint view as the page shows it, whatever its URL asked for: a custom range lies within the stored history
/// (from its first day up to now) and spans at most <see cref="TimeRange.MaxSpan"/>; a baseline window from the URL
/// lies within the stored history too. What was cut is said in <see cref="Notice"/>, in words, so nobody mistakes
/// the chart for the range they typed. A page's cost therefore follows what is stored, never the URL.
/// </summary>
public sealed record CappedView(EndpointView View, string? Notice)
{
    /// <param name="historyStart">Where the endpoint's stored history begins; null when nothing is stored.</param>
    public static CappedView Of(EndpointView asked, DateTimeOffset? historyStart, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(asked);
        var notices = new List<string>();
        var view = asked;
        if (!asked.Range.IsRelative)
        {
            var (range, notice) = CapRange(asked.Range, historyStart, now);
            view = view with { Range = range };
            if (notice is not null)
            {
                notices.Add(notice);
            }
        }
        if (asked.IsPinned && historyStart is { } start)
        {
            var (from, to) = (Later(asked.PinFrom!.Value, start), Earlier(asked.PinTo!.Value, now));
            // A window wholly outside the history is left as asked: no stored point lies in it, so it costs nothing.
            if (to > from && (from != asked.PinFrom || to != asked.PinTo))
            {
                view = view with { PinFrom = from, PinTo = to };
                notices.Add($"The baseline window you asked for, {Span(asked.PinFrom.Value, asked.PinTo.Value)}, is cut to the stored history: {Span(from, to)}.");
            }
        }
        return new CappedView(view, notices.Count == 0 ? null : string.Join(" ", notices));
    }

    private static (TimeRange Range, string? Notice) CapRange(TimeRange asked, DateTimeOffset? historyStart, DateTimeOffset now)
    {
        var end = TimeRange.NextMinute(now);
        var start = historyStart ?? end;
        if (historyStart is null || asked.To <= start || asked.From >= end)
        {
            var fallback = TimeRange.Parse(TimeRange.Default, null, null, now);
            var why = historyStart is null ? "nothing is stored for this endpoint yet"
                : asked.From >= end ? "that is in the future"
                : $"the stored history begins on {Day(start)}";
            return (fallback, $"Nothing is stored for {Span(asked.From, asked.To)} ({why}); showing the last 24 hours.");
        }

        var reasons = new List<string>();
        var (from, to) = (asked.From, asked.To);
        if (from < start)
        {
            from = start;
            reasons.Add($"the stored history begins on {Day(start)}");
        }
        if (to > end)
        {
            to = end;
            reasons.Add("nothing is stored after now");
        }
        if (to - from > TimeRange.MaxSpan)
        {
            from = to - TimeRange.MaxSpan;
            reasons.Add($"a chart shows at most {TimeRange.MaxSpan.TotalDays:0} days, the latest of them");
        }
        return reasons.Count == 0
            ? (asked, null)
            : (new TimeRange(TimeRange.Custom, from, to), $"You asked for {Span(asked.From, asked.To)}; showing {Span(from, to)}, because {Words(reasons)}.");
    }

    private static string Words(List<string> parts) =>
        parts.Count == 1 ? parts[0] : string.Join(", ", parts[..^1]) + " and " + parts[^1];

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Span(DateTimeOffset from, DateTimeOffset to) => $"{Time(from)} – {Time(to)} UTC";

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
