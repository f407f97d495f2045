using Dashboard.Core.Alarms.Evaluation;
using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms.Calculation;

// Fold, SeriesSource and SeriesSources (the indexed resolver AlarmInputs uses) live in SeriesSources.cs.

/// <summary>
/// Which stored series reproduce a requested statistic/period exactly. Only three statistics fold exactly from a finer
/// period of the same statistic: Sum (sum of sums), Minimum (min of mins) and Maximum (max of maxes), and only to a
/// period that is a multiple of the stored one. Averages, percentiles and sample counts can't be recombined without the
/// raw samples, so they must be stored as requested.
/// </summary>
public static class SeriesDerivation
{
    public static SeriesSource? Find(SeriesKey requested, IReadOnlyCollection<SeriesKey> stored) =>
        Find(requested, stored.Contains, stored.Select(s => s.Period).Distinct().ToList());

    /// <summary>
    /// As <see cref="Find(SeriesKey, IReadOnlyCollection{SeriesKey})"/> with a membership test and the periods
    /// things are stored at; the coarsest fitting stored period wins (fewest points to fold).
    /// </summary>
    public static SeriesSource? Find(SeriesKey requested, Func<SeriesKey, bool> isStored, IReadOnlyCollection<int> storedPeriods)
    {
        ArgumentNullException.ThrowIfNull(requested);
        if (isStored(requested))
            return new SeriesSource(requested, Fold.Identity);
        if (FoldFor(requested.Stat) is not { } fold || requested.Period <= 0)
            return null;
        SeriesSource? best = null;
        foreach (var period in storedPeriods)
        {
            if (period <= 0 || period >= requested.Period || requested.Period % period != 0 || (best is not null && best.Stored.Period >= period))
                continue;
            var candidate = requested with { Period = period };
            if (isStored(candidate))
                best = new SeriesSource(candidate, fold);
        }
        return best;
    }

    /// <summary>The fold that reproduces <paramref name="stat"/> from finer periods exactly, or null.</summary>
    public static Fold? FoldFor(string stat) => stat switch
    {
        "Sum" => Fold.Sum,
        "Minimum" => Fold.Minimum,
        "Maximum" => Fold.Maximum,
        _ => null,
    };

    /// <summary>
    /// Folds <paramref name="points"/> into periods of <paramref name="period"/> seconds aligned on multiples of the
    /// period from Unix 0 (as CloudWatch aligns); a period with any stored datapoint gets a value. Sorted output.
    /// </summary>
    public static IReadOnlyList<MetricPoint> FoldPoints(IReadOnlyList<MetricPoint> points, int period, Fold fold)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(period);
        var sorted = points;
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Time < points[i - 1].Time)
            {
                sorted = points.OrderBy(p => p.Time).ToList();
                break;
            }
        }
        if (fold == Fold.Identity)
            return sorted;

        var result = new List<MetricPoint>();
        foreach (var p in sorted)
        {
            var start = Math.DivRem(p.Time, period, out var rem) * period - (rem < 0 ? period : 0);
            if (result.Count > 0 && result[^1].Time == start)
            {
                var last = result[^1].Value;
                result[^1] = new MetricPoint(start, fold switch
                {
                    Fold.Sum => last + p.Value,
                    Fold.Minimum => Math.Min(last, p.Value),
                    _ => Math.Max(last, p.Value),
                });
            }
            else
                result.Add(new MetricPoint(start, p.Value));
        }
        return result;
    }
}
