using Dashboard.Core.Metrics;

namespace Dashboard.Core.Collectors;

/// <summary>
/// One time window [Start, End) of one poll and the series that still miss data inside it. <see cref="Horizon"/> is
/// the oldest time the poll keeps history for: a fetched range that ended before it no longer counts.
/// </summary>
public sealed record FetchWindow(long Start, long End, IReadOnlyList<SeriesKey> Series)
{
    public long Horizon { get; init; }
}

/// <summary>
/// Plans a poll: which windows to fetch, newest first, and which series each needs. The recent window spans the
/// last full hour and the current one, or from the hour before <c>lookback</c> when a series may be read that rarely
/// (every minute series re-reads its trailing window there, a slowly read one every minute since its last read, and
/// hourly series their last hour); older history comes in day windows. Series with the same needs share windows, so a
/// steady-state poll is one window: ceil(series / 500) GetMetricData calls.
/// </summary>
public static class PollPlanner
{
    private const long Hour = 3600;
    private const long Day = 86400;

    public static IReadOnlyList<FetchWindow> Plan(
        IReadOnlyList<SeriesKey> series,
        IReadOnlyDictionary<SeriesKey, FetchedRange> coverage,
        DateTimeOffset now,
        int backfillDays,
        TimeSpan trailing,
        TimeSpan? lookback = null)
    {
        var end = Floor(now.ToUnixTimeSeconds(), 60);
        var oldest = Floor(end - backfillDays * Day, Hour);
        var recentStart = Math.Max(oldest, Floor(end - Math.Max(Hour, (long)(lookback ?? TimeSpan.Zero).TotalSeconds), Hour));

        var windows = new List<(long Start, long End)> { (recentStart, end) };
        for (var windowEnd = recentStart; windowEnd > oldest; windowEnd -= Day)
        {
            windows.Add((Math.Max(oldest, windowEnd - Day), windowEnd));
        }

        var plan = new List<FetchWindow>();
        foreach (var (start, windowEnd) in windows)
        {
            var needed = series.Where(s => Missing(s, coverage, oldest, end, trailing).Any(r => r.From < windowEnd && r.To > start)).ToList();
            if (needed.Count > 0)
            {
                plan.Add(new FetchWindow(start, windowEnd, needed) { Horizon = oldest });
            }
        }
        return plan;
    }

    /// <summary>
    /// The coverage of a series after a window of a poll ending at <paramref name="pollEnd"/> was fetched. Windows are
    /// fetched newest first and a failure ends the poll, so every newer window of this poll was fetched already.
    /// </summary>
    public static FetchedRange Advance(FetchedRange? current, FetchWindow window, SeriesKey series, long pollEnd)
    {
        var until = Floor(pollEnd, series.Period);
        if (current is not { } range || range.To < window.Horizon)
        {
            return new FetchedRange(window.Start, until);
        }
        var from = window.Start < range.From && window.End >= range.From ? window.Start : range.From;
        var to = window.Start <= range.To ? Math.Max(range.To, until) : range.To;
        return new FetchedRange(from, to);
    }

    private static IEnumerable<FetchedRange> Missing(SeriesKey series, IReadOnlyDictionary<SeriesKey, FetchedRange> coverage,
        long oldest, long end, TimeSpan trailing)
    {
        if (!coverage.TryGetValue(series, out var range) || range.To < oldest)
        {
            // Never fetched, or only before the horizon (the dashboard was off for longer than the backfill): all of it.
            yield return new FetchedRange(oldest, end);
            yield break;
        }
        if (range.From > oldest)
        {
            yield return new FetchedRange(oldest, range.From);
        }
        // Minute series re-read a trailing window (late points are revised for free); an hourly series only needs
        // the hours completed since its watermark, which always lie in the recent window.
        var reread = series.Period >= Hour ? 0 : Math.Max(series.Period, (long)trailing.TotalSeconds);
        var upperStart = Math.Max(oldest, range.To - reread);
        if (Floor(end, series.Period) > range.To || series.Period < Hour)
        {
            yield return new FetchedRange(upperStart, end);
        }
    }

    private static long Floor(long value, long step) => value - (value % step + step) % step;
}
