using System.Globalization;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Monitor;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.SageMaker;

namespace Dashboard.Web.Fleet;

/// <summary>
/// A fleet cell's text and whether it needs a look (drawn in the warning colour); a <paramref name="Detail"/> goes on a
/// second line, so narrow columns stay narrow.
/// </summary>
public sealed record FleetLine(string Text, bool Warn, string? Detail = null)
{
    public string Sentence => Detail is null ? Text : $"{Text} · {Detail}";
}

/// <summary>How the fleet page words an endpoint's drift, quality and Model Monitor schedules, from what the drift reader last left.</summary>
public static class FleetDriftFormat
{
    /// <summary>"channel" over "4.20× threshold" (the worst feature in its own thresholds); null without a scored feature.</summary>
    public static FleetLine? Drift(DriftStanding? standing) => standing?.Worst is { } worst
        ? new FleetLine(worst.Feature, worst.Drifted, string.Create(CultureInfo.InvariantCulture, $"{worst.InThresholds:0.00}× threshold"))
        : null;

    /// <summary>"F1 0.71" over "baseline 0.86", warned when worse than the baseline beyond its interval; null without labels.</summary>
    public static FleetLine? Quality(DriftStanding? standing) => standing?.Quality is { } q
        ? new FleetLine($"{QualityMetrics.Label(q.LastDay.Name)} {Number(q.LastDay.Value)}", q.Worse, $"baseline {Number(q.Baseline)}")
        : null;

    /// <summary>
    /// "2 schedules · last run: 3 violations", "1 schedule · last run failed", "none"; null before the reader's first look.
    /// The last run is the newest finished execution of any schedule (one in progress says nothing yet).
    /// </summary>
    public static FleetLine? Monitor(IReadOnlyList<MonitorSchedule>? schedules)
    {
        if (schedules is null)
        {
            return null;
        }
        if (schedules.Count == 0)
        {
            return new FleetLine("none", false);
        }
        var count = schedules.Count == 1 ? "1 schedule" : $"{schedules.Count} schedules";
        var last = schedules.SelectMany(s => s.Executions).Where(e => e.Status is not (MonitoringExecutionStatuses.Pending or MonitoringExecutionStatuses.InProgress
            or MonitoringExecutionStatuses.Stopping)).MaxBy(e => e.ScheduledTime);
        return last?.Status switch
        {
            null => new FleetLine(count, false, "no run yet"),
            MonitoringExecutionStatuses.Completed => new FleetLine(count, false, "last run: no violations"),
            MonitoringExecutionStatuses.CompletedWithViolations => new FleetLine(count, true, $"last run: {Violations(last.Violations)}"),
            MonitoringExecutionStatuses.Failed => new FleetLine(count, true, "last run failed"),
            var status => new FleetLine(count, false, $"last run {status.ToLowerInvariant()}"),
        };
    }

    /// <summary>Sorts the drift column: the worst feature in thresholds, endpoints without drift last.</summary>
    public static double SortKey(DriftStanding? standing) => standing?.Worst?.InThresholds ?? -1;

    private static string Violations(IReadOnlyList<MonitorViolation>? violations) => violations?.Count switch
    {
        null => "violations",
        1 => "1 violation",
        var n => $"{n} violations",
    };

    private static string Number(double value) => Math.Abs(value) >= 100
        ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
