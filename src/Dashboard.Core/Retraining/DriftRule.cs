using System.Globalization;
using Dashboard.Core.Drift;

namespace Dashboard.Core.Retraining;

/// <summary>
/// "Drift over threshold for N hours": some feature's hourly drift score (the stored Dashboard/Drift series) has been at
/// or over its own threshold for each of the last <c>hours</c> hours, the newest no more than two hours old. A pure function.
/// </summary>
public static class DriftRule
{
    private const long Hour = 3600;

    /// <summary>The finding in words for the worst such feature ("income: drift 0.43 ≥ 0.20 for 6 h"), or null.</summary>
    public static string? Finding(IReadOnlyList<FeatureDriftRow> rows, DateTimeOffset now, int hours)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var end = now.ToUnixTimeSeconds();
        var over = rows.Select(row => (Row: row, Points: row.Trend.Where(p => p.Time > end - (hours + 2) * Hour).OrderBy(p => p.Time).ToList()))
            .Where(r => r.Points.Count >= hours && r.Points[^1].Time >= end - 2 * Hour
                && r.Points.TakeLast(hours).All(p => p.Value >= r.Row.Setting.Threshold)
                && r.Points[^1].Time - r.Points[^hours].Time <= (hours - 1) * Hour)
            .OrderByDescending(r => r.Row.Severity)
            .Select(r => r.Row)
            .FirstOrDefault();
        return over is null ? null : string.Create(CultureInfo.InvariantCulture,
            $"{(over.IsOutput ? "the prediction" : over.Feature)}: drift {over.Score:0.000} at or over its threshold {over.Setting.Threshold:0.000} for {hours} h");
    }
}
