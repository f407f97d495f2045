using Dashboard.Core.Metrics;

namespace Dashboard.Core.Storage;

/// <summary>What the collectors have fetched so far: per series, the range stored with <see cref="SeriesPoints.Coverage"/>.</summary>
public interface ICoverageQueries
{
    Task<IReadOnlyDictionary<SeriesKey, FetchedRange>> GetCoverageAsync(CancellationToken cancellationToken = default);
}
