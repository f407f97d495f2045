using Dashboard.Core.Fleet;
using Dashboard.Core.Health;
using Dashboard.Core.Live;

namespace Dashboard.Core.Overview;

/// <summary>The fleet page's data: the health summary and one row per endpoint.</summary>
public sealed record FleetOverview(
    IReadOnlyList<EndpointRow> Rows,
    HealthCounts Counts,
    BackfillProgress Backfill,
    IReadOnlyList<SourceStatus> Sources,
    DateTimeOffset ComputedAt)
{
    public static readonly FleetOverview Empty = new([], new HealthCounts(0, 0, 0), BackfillProgress.None, [], DateTimeOffset.MinValue);
}

/// <param name="InvocationsPerMinute">Mean over the last 5 minutes, all variants.</param>
/// <param name="ErrorRatePercent">(4XX + 5XX) / invocations over the last 5 minutes.</param>
/// <param name="P90LatencyMs">p90 ModelLatency over the last 5 minutes, weighted by each variant's invocations.</param>
/// <param name="TopDeviation">The metric furthest from its baseline right now, if any has a baseline.</param>
public sealed record EndpointRow(
    EndpointState Endpoint,
    HealthAssessment Health,
    double? InvocationsPerMinute,
    double? ErrorRatePercent,
    double? P90LatencyMs,
    IReadOnlyList<double> InvocationsTrend,
    IReadOnlyList<double> ErrorRateTrend,
    IReadOnlyList<double> LatencyTrend,
    BaselineDeviation? TopDeviation,
    DateTimeOffset? DataAsOf);

/// <summary>How far a metric is from its baseline: <see cref="Z"/> in robust standard deviations (signed).</summary>
public sealed record BaselineDeviation(string Metric, string Unit, double Value, double BaselineMedian, double Z)
{
    public string Describe() =>
        $"{Metric} {Format(Value)} {Unit} vs baseline {Format(BaselineMedian)} {Unit} ({(Z >= 0 ? "+" : "")}{Z:0.0}σ)";

    private static string Format(double value) => Math.Abs(value) >= 100 ? value.ToString("0") : value.ToString("0.##");
}
