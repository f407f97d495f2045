using System.Globalization;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Baselines;

/// <summary>
/// The default band: each hour is compared with the same UTC hour on the previous days, weekdays with weekdays and
/// weekends with weekends, because SageMaker traffic follows office hours and weekends look nothing like Mondays.
/// Median and MAD rather than mean and standard deviation, so last week's incident does not widen this week's band.
/// </summary>
public static class SeasonalBaseline
{
    /// <summary>
    /// Fewest days of the matching type an hour's band is learned from. A 7-day lookback holds only 2 weekend days, and
    /// when one of them is already part of a regression the band spans both regimes and absorbs it (a weekend-long
    /// regression was flagged only at Monday 00:00, by the weekday band); so weekend hours reach back a second week.
    /// </summary>
    public const int MinMatchingDays = 3;

    /// <summary>
    /// One band per clock hour overlapping [<paramref name="from"/>, <paramref name="to"/>); the first and last band keep
    /// whole-hour bounds even when from/to fall inside an hour. Hours without enough history get no band (the list
    /// then has gaps; it stays sorted by Start). For each hour H: the points of the same hour-of-day on the previous
    /// LookbackDays days whose day type (weekday, or Saturday/Sunday) matches H's, reaching back up to 2 × LookbackDays
    /// days until <see cref="MinMatchingDays"/> such days with data are found; if fewer than MinSamples points, the
    /// points of all of the previous LookbackDays days (band marked <see cref="BaselineBand.IsFallback"/>); if still
    /// fewer, no band. <see cref="BaselineBand.Days"/> says how many days with data the band was learned from.
    /// </summary>
    /// <param name="history">Sorted by time and covering [from − 2 · LookbackDays · 86400, to) (with only
    /// LookbackDays days, weekend hours use the weekend days found there); anything outside is ignored.</param>
    public static IReadOnlyList<BaselineBand> Compute(IReadOnlyList<MetricPoint> history, long from, long to, BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (to <= from)
        {
            return [];
        }

        var firstHour = UtcClock.HourFloor(from);
        var bandHours = (int)((UtcClock.HourCeiling(to) - firstHour) / UtcClock.Hour);
        var searchDays = 2 * options.LookbackDays;
        var lookbackHours = searchDays * 24;
        var buckets = HourBuckets.Build(history, firstHour - lookbackHours * UtcClock.Hour, lookbackHours + bandHours);

        var largestBucket = 0;
        for (var i = 0; i < buckets.HourCount; i++)
        {
            largestBucket = Math.Max(largestBucket, buckets.CountAt(i));
        }
        var scratch = new double[largestBucket * searchDays];
        var bands = new List<BaselineBand>(bandHours);
        var matchingDays = new List<int>(searchDays);

        for (var h = 0; h < bandHours; h++)
        {
            var hourIndex = lookbackHours + h;
            var start = firstHour + h * UtcClock.Hour;
            var weekend = UtcClock.IsWeekend(start);

            matchingDays.Clear();
            int matching = 0, all = 0, allDays = 0;
            for (var d = 1; d <= searchDays; d++)
            {
                var count = buckets.CountAt(hourIndex - 24 * d);
                if (d <= options.LookbackDays)
                {
                    all += count;
                    allDays += count > 0 ? 1 : 0;
                }
                var enough = d > options.LookbackDays && matchingDays.Count >= MinMatchingDays;
                if (!enough && count > 0 && UtcClock.IsWeekend(start - d * UtcClock.Day) == weekend)
                {
                    matching += count;
                    matchingDays.Add(d);
                }
            }

            bool isFallback;
            if (matching >= options.MinSamples)
            {
                isFallback = false;
            }
            else if (all >= options.MinSamples)
            {
                isFallback = true;
                matchingDays.Clear();
                for (var d = 1; d <= options.LookbackDays; d++)
                {
                    if (buckets.CountAt(hourIndex - 24 * d) > 0)
                    {
                        matchingDays.Add(d);
                    }
                }
            }
            else
            {
                continue;
            }

            var filled = 0;
            foreach (var d in matchingDays)
            {
                var index = hourIndex - 24 * d;
                var count = buckets.CountAt(index);
                Array.Copy(buckets.Values, buckets.Offsets[index], scratch, filled, count);
                filled += count;
            }

            bands.Add(RobustStats.Band(start, start + UtcClock.Hour, scratch, filled, options.K, isFallback) with
            {
                Days = matchingDays.Count,
                IsThin = matchingDays.Count < Math.Min(MinMatchingDays, options.LookbackDays),
            });
        }
        return bands;
    }

    /// <summary>The rule in one sentence, shown next to every chart that draws the band.</summary>
    public static string Describe(BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var days = options.LookbackDays == 1 ? "day" : $"{options.LookbackDays} days";
        return string.Create(CultureInfo.InvariantCulture,
            $"Same hour of the day over the previous {days}, weekdays against weekdays and weekends against weekends " +
            $"(reaching back up to {2 * options.LookbackDays} days for at least {MinMatchingDays} such days) " +
            $"(all days when fewer than {options.MinSamples} points match; no band when all days have fewer); " +
            $"band = median ± {options.K:0.##} × 1.4826 × MAD, with MAD at least {RobustStats.MadFloorFraction * 100:0.##} % of the median.");
    }
}
