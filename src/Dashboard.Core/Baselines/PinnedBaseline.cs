using System.Globalization;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Baselines;

/// <summary>How a pinned window's points are grouped, chosen from the window's length.</summary>
public enum PinnedGrouping
{
    /// <summary>Window shorter than a day: one band for every hour.</summary>
    Flat,

    /// <summary>Window of at least one day: 24 groups, UTC hour of the day.</summary>
    HourOfDay,

    /// <summary>Window of at least seven days: 168 groups, UTC hour of the week (Monday 00:00 first).</summary>
    HourOfWeek,
}

/// <summary>
/// A band learned from a window an engineer pinned ("last Tuesday was normal"), used instead of the rolling seasonal
/// history, for example after a known-bad week or to compare against the state before a deployment.
/// </summary>
public static class PinnedBaseline
{
    public static PinnedGrouping GroupingFor(long windowStart, long windowEnd) => (windowEnd - windowStart) switch
    {
        >= UtcClock.Week => PinnedGrouping.HourOfWeek,
        >= UtcClock.Day => PinnedGrouping.HourOfDay,
        _ => PinnedGrouping.Flat,
    };

    /// <summary>
    /// One band per clock hour overlapping [<paramref name="from"/>, <paramref name="to"/>), each taken from the window's
    /// points in the same group (see <see cref="GroupingFor"/>). A group with fewer than MinSamples points gets the
    /// whole window's band (marked <see cref="BaselineBand.IsFallback"/>); a window with fewer than MinSamples points in
    /// total gives no bands.
    /// </summary>
    /// <param name="window">Points of the pinned window in any order; points outside [windowStart, windowEnd) are ignored.</param>
    public static IReadOnlyList<BaselineBand> Compute(
        IReadOnlyList<MetricPoint> window, long windowStart, long windowEnd, long from, long to, BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (to <= from || windowEnd <= windowStart)
        {
            return [];
        }

        var grouping = GroupingFor(windowStart, windowEnd);
        var groupCount = grouping switch
        {
            PinnedGrouping.HourOfWeek => 168,
            PinnedGrouping.HourOfDay => 24,
            _ => 1,
        };

        // Counting sort by group: one pass to size the groups, one to place the values contiguously.
        var offsets = new int[groupCount + 1];
        for (var i = 0; i < window.Count; i++)
        {
            if (InWindow(window[i], windowStart, windowEnd))
            {
                offsets[GroupOf(window[i].Time, grouping) + 1]++;
            }
        }
        for (var g = 0; g < groupCount; g++)
        {
            offsets[g + 1] += offsets[g];
        }
        var total = offsets[groupCount];
        if (total < options.MinSamples)
        {
            return [];
        }

        var values = new double[total];
        var next = (int[])offsets.Clone();
        for (var i = 0; i < window.Count; i++)
        {
            if (InWindow(window[i], windowStart, windowEnd))
            {
                values[next[GroupOf(window[i].Time, grouping)]++] = window[i].Value;
            }
        }

        var scratch = new double[total];
        Array.Copy(values, scratch, total);
        var whole = RobustStats.Band(0, 0, scratch, total, options.K, isFallback: groupCount > 1);
        var groupBands = new BaselineBand[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            var count = offsets[g + 1] - offsets[g];
            if (count >= options.MinSamples)
            {
                Array.Copy(values, offsets[g], scratch, 0, count);
                groupBands[g] = RobustStats.Band(0, 0, scratch, count, options.K, isFallback: false);
            }
            else
            {
                groupBands[g] = whole;
            }
        }

        var firstHour = UtcClock.HourFloor(from);
        var hours = (int)((UtcClock.HourCeiling(to) - firstHour) / UtcClock.Hour);
        var bands = new BaselineBand[hours];
        for (var h = 0; h < hours; h++)
        {
            var start = firstHour + h * UtcClock.Hour;
            bands[h] = groupBands[GroupOf(start, grouping)] with { Start = start, End = start + UtcClock.Hour };
        }
        return bands;
    }

    /// <summary>The rule in one sentence, naming the pinned window.</summary>
    public static string Describe(long windowStart, long windowEnd, BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grouping = GroupingFor(windowStart, windowEnd) switch
        {
            PinnedGrouping.HourOfWeek => "same hour of the week within the window (the whole window when that hour has fewer than {0} points)",
            PinnedGrouping.HourOfDay => "same hour of the day within the window (the whole window when that hour has fewer than {0} points)",
            _ => "one flat band from the whole window (none when it has fewer than {0} points)",
        };
        grouping = string.Format(CultureInfo.InvariantCulture, grouping, options.MinSamples);
        var start = DateTimeOffset.FromUnixTimeSeconds(windowStart);
        var end = DateTimeOffset.FromUnixTimeSeconds(windowEnd);
        return string.Create(CultureInfo.InvariantCulture,
            $"Pinned window {start:yyyy-MM-dd HH:mm} – {end:yyyy-MM-dd HH:mm} UTC: {grouping}; " +
            $"band = median ± {options.K:0.##} × 1.4826 × MAD, with MAD at least {RobustStats.MadFloorFraction * 100:0.##} % of the median.");
    }

    private static bool InWindow(MetricPoint point, long windowStart, long windowEnd) =>
        point.Time >= windowStart && point.Time < windowEnd && double.IsFinite(point.Value);

    private static int GroupOf(long time, PinnedGrouping grouping) => grouping switch
    {
        PinnedGrouping.HourOfWeek => UtcClock.HourOfWeek(time),
        PinnedGrouping.HourOfDay => UtcClock.HourOfDay(time),
        _ => 0,
    };
}
