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
/// The stored series, indexed for the evaluation worker's many lookups; <see cref="SeriesDerivation"/> says which
/// stored series reproduces a requested statistic and period exactly.
/// </summary>
public sealed class SeriesSources(IEnumerable<SeriesKey> stored)
{
    private readonly HashSet<SeriesKey> _stored = [.. stored];
    private IReadOnlyCollection<int>? _periods;

    public SeriesSource? Resolve(SeriesKey requested) =>
        SeriesDerivation.Find(requested, _stored.Contains, _periods ??= _stored.Select(k => k.Period).Distinct().ToList());
}
