namespace Dashboard.Core.Metrics;

/// <summary>A batch of points for one series, in any order; a point at an existing time replaces the stored value.</summary>
public sealed record SeriesPoints(SeriesKey Key, IReadOnlyList<MetricPoint> Points);
