using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms;

/// <summary>How a requested statistic is computed from a stored one.</summary>
public enum Fold
{
    Identity,
    Sum,
    Minimum,
    Maximum,
}

/// <summary>The stored series an alarm reads for a requested series, and how its points fold into the alarm's periods.</summary>
public sealed record SeriesSource(SeriesKey Stored, Fold Fold);

/// <summary>
/// Finds the stored series behind a requested statistic and period. Only what is exact is allowed: the same
/// statistic and period, or Sum, Minimum and Maximum over whole multiples of the stored period (a sum of sums, a
/// minimum of minimums, a maximum of maximums). Averages and percentiles of longer periods cannot be rebuilt from
/// stored ones, so they have no source.
/// </summary>
public sealed class SeriesSources
{
    private readonly Dictionary<(string Namespace, string Metric, string Dimensions), List<SeriesKey>> _byMetric = [];

    public SeriesSources(IEnumerable<SeriesKey> stored)
    {
        foreach (var key in stored)
        {
            var identity = (key.Namespace, key.MetricName, key.Dimensions);
            if (!_byMetric.TryGetValue(identity, out var list))
            {
                _byMetric[identity] = list = [];
            }
            list.Add(key);
        }
    }

    public SeriesSource? Resolve(SeriesKey requested)
    {
        if (!_byMetric.TryGetValue((requested.Namespace, requested.MetricName, requested.Dimensions), out var stored))
        {
            return null;
        }
        SeriesSource? folded = null;
        foreach (var key in stored)
        {
            if (key.Stat != requested.Stat)
            {
                continue;
            }
            if (key.Period == requested.Period)
            {
                return new SeriesSource(key, Fold.Identity);
            }
            if (requested.Period % key.Period == 0 && FoldOf(key.Stat) is { } fold)
            {
                folded ??= new SeriesSource(key, fold);
            }
        }
        return folded;
    }

    /// <summary>The statistics stored for the metric of <paramref name="requested"/> (any period), for messages.</summary>
    public IReadOnlyList<SeriesKey> StoredFor(SeriesKey requested) =>
        _byMetric.TryGetValue((requested.Namespace, requested.MetricName, requested.Dimensions), out var stored) ? stored : [];

    private static Fold? FoldOf(string stat) => stat switch
    {
        "Sum" => Fold.Sum,
        "Minimum" => Fold.Minimum,
        "Maximum" => Fold.Maximum,
        _ => null,
    };
}
