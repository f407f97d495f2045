using Dashboard.Core.Alarms;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Alarms.Calculation;

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
/// The stored series, indexed for the evaluation worker's many lookups; <see cref="SeriesDerivation"/> says which
/// stored series reproduces a requested statistic and period exactly.
/// </summary>
public sealed class SeriesSources(IEnumerable<SeriesKey> stored)
{
    private readonly HashSet<SeriesKey> _stored = [.. stored];
    private IReadOnlyCollection<int>? _periods;
    private Dictionary<SeriesKey, int>? _finestPeriods;

    public SeriesSource? Resolve(SeriesKey requested) =>
        SeriesDerivation.Find(requested, _stored.Contains, _periods ??= _stored.Select(k => k.Period).Distinct().ToList());

    /// <summary>
    /// Whether the collector can fetch <paramref name="requested"/> from CloudWatch as it is, when nothing stored
    /// reproduces it: the same metric and dimensions are stored (so CloudWatch has them), the statistic is one CloudWatch
    /// computes and the period a multiple of the finest one stored for the metric (SageMaker publishes per minute, Model
    /// Monitor per hour). CloudWatch then aggregates the statistic over the period itself, exactly.
    /// </summary>
    public bool CanCollect(SeriesKey requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        _finestPeriods ??= _stored.GroupBy(k => k.WithoutStatistic()).ToDictionary(g => g.Key, g => g.Min(k => k.Period));
        return _finestPeriods.TryGetValue(requested.WithoutStatistic(), out var finest) && finest > 0 && requested.Period % finest == 0
            && Statistics.TryParse(requested.Stat, out _);
    }

    /// <summary>Nothing stored reproduces <paramref name="requested"/>, and the collector fetches it once an alarm reads it.</summary>
    public bool AwaitsCollection(SeriesKey requested) => Resolve(requested) is null && CanCollect(requested);
}
