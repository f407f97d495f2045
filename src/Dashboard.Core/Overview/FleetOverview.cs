using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Monitor;
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
    /// <summary>Every figure of a row (the numbers, the deviation, the health) is over the last 10 complete minutes.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(10);

    public static readonly FleetOverview Empty = new([], new HealthCounts(0, 0, 0), BackfillProgress.None, [], DateTimeOffset.MinValue);

    /// <summary>The window every figure of a row is computed over, ending at the last complete minute.</summary>
    public TimeSpan Window { get; init; } = DefaultWindow;

    /// <summary>The window in words, for headers and the Why panel: "last 10 min".</summary>
    public string WindowLabel => $"last {Window.TotalMinutes:0} min";
}

/// <param name="InvocationsPerMinute">Mean per minute over the window (<see cref="FleetOverview.Window"/>), all variants.</param>
/// <param name="ErrorRatePercent">(4XX + 5XX) / invocations over the window.</param>
/// <param name="P90LatencyMs">p90 ModelLatency over the window, weighted by each variant's invocations.</param>
/// <param name="TopDeviation">The metric furthest from its baseline over the window, if any has a baseline.</param>
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
    DateTimeOffset? DataAsOf)
{
    /// <summary>The endpoint's worst drifting feature and headline quality, as the drift reader last computed them; null without capture.</summary>
    public DriftStanding? Drift { get; init; }

    /// <summary>Whether the drift reader has looked at the endpoint yet (without a standing then: it has no data capture).</summary>
    public bool DriftRead { get; init; }

    /// <summary>The endpoint's Model Monitor schedules as the drift reader last read them; null before its first read.</summary>
    public IReadOnlyList<MonitorSchedule>? Monitors { get; init; }
}

/// <summary>How far a metric is from its baseline: <see cref="Z"/> in robust standard deviations (signed).</summary>
public sealed record BaselineDeviation(string Metric, string Unit, double Value, double BaselineMedian, double Z)
{
    public string Describe() =>
        $"{Metric} {Format(Value)} {Unit} vs baseline {Format(BaselineMedian)} {Unit} ({(Z >= 0 ? "+" : "")}{Z:0.0}σ)";

    private static string Format(double value) => Math.Abs(value) >= 100 ? value.ToString("0") : value.ToString("0.##");
}
