using Dashboard.Core.Baselines;
using Dashboard.Core.Metrics;

namespace Dashboard.Core.Charts;

/// <summary>A line of a panel, in display units (latency in ms).</summary>
public sealed record PanelLine(string Name, string Variant, IReadOnlyList<MetricPoint> Points);

/// <summary>
/// The baseline band of one line, in display units: <see cref="Line"/> is the <see cref="PanelLine.Name"/> it belongs
/// to (each percentile of a latency panel has its own), so a chart can colour and toggle them together.
/// </summary>
public sealed record PanelBand(string Name, IReadOnlyList<BaselineBand> Bands, string Line);

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
