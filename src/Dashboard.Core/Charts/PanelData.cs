using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Charts;

/// <summary>A line of a panel, in display units (latency in ms).</summary>
public sealed record PanelLine(string Name, string Variant, IReadOnlyList<MetricPoint> Points);

/// <summary>The baseline band drawn for one variant's band series, in display units.</summary>
public sealed record PanelBand(string Name, IReadOnlyList<BaselineBand> Bands);

/// <summary>A horizontal reference line: an instance ceiling or a drift threshold.</summary>
public sealed record PanelReference(double Value, string Label);

/// <summary>Everything one chart shows, ready to be drawn.</summary>
public sealed record PanelData(
    PanelSpec Spec,
    IReadOnlyList<PanelLine> Lines,
    IReadOnlyList<PanelBand> Bands,
    IReadOnlyList<MetricPoint> Outliers,
    IReadOnlyList<PanelLine> Previous,
    IReadOnlyList<PanelReference> References,
    string BaselineRule);
