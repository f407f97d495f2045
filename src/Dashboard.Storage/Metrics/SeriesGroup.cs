using Dashboard.Core.Metrics;

namespace Dashboard.Storage.Metrics;

/// <summary>Everything one write call brings for one series.</summary>
internal sealed class SeriesGroup(SeriesKey key, List<MetricPoint> points)
{
    public SeriesKey Key { get; } = key;
    public List<MetricPoint> Points { get; } = points;
    public FetchedRange? Coverage { get; set; }
}
