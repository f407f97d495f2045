namespace Dashboard.Core.Metrics;

/// <summary>
/// A batch of points for one series, in any order; a point at an existing time replaces the stored value.
/// <paramref name="Coverage"/>, when set, is the time range the collector has now fetched for the series
/// (stored with the points, in the same transaction, so a crash never records a range whose points are lost).
/// </summary>
public sealed record SeriesPoints(SeriesKey Key, IReadOnlyList<MetricPoint> Points, FetchedRange? Coverage = null);

/// <summary>A contiguous range [From, To) of Unix seconds that has been fetched from CloudWatch.</summary>
public readonly record struct FetchedRange(long From, long To);
