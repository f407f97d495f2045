using System.Globalization;

namespace Dashboard.Core.Health;

/// <summary>One minute's metric assessment against the limits (Enter) and against the clearing limits (Stay).</summary>
public sealed record MinuteAssessment(DateTimeOffset Minute, HealthAssessment Enter, HealthAssessment Stay);

/// <summary>
/// Turns per-minute metric assessments into the level the fleet page shows. Recomputed from stored history each time,
/// so it needs no state: the minutes before the first one given are taken as Healthy.
/// </summary>
public static class HealthHysteresis
{
    /// <summary>
    /// Walks the minutes oldest first: the level rises to L when every one of the last EnterMinutes minutes was at
    /// least L against the limits, and falls to L when none of the last ClearMinutes minutes was above L against the
    /// clearing limits. The reasons are the latest minute's while it still breaks the limits; while the level is held
    /// they name the last minute that did and when the level will clear.
    /// </summary>
    public static HealthAssessment Hold(IReadOnlyList<MinuteAssessment> minutes, HealthThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(minutes);
        ArgumentNullException.ThrowIfNull(thresholds);
        var level = HealthLevel.Healthy;
        for (var i = 0; i < minutes.Count; i++)
        {
            if (i + 1 >= thresholds.EnterMinutes)
            {
                var sustained = Enumerable.Range(i + 1 - thresholds.EnterMinutes, thresholds.EnterMinutes).Min(j => minutes[j].Enter.Level);
                if (sustained > level)
                {
                    level = sustained;
                    continue;
                }
            }
            if (i + 1 >= thresholds.ClearMinutes)
            {
                var stays = Enumerable.Range(i + 1 - thresholds.ClearMinutes, thresholds.ClearMinutes).Max(j => minutes[j].Stay.Level);
                if (stays < level)
                {
                    level = stays;
                }
            }
        }

        if (level == HealthLevel.Healthy)
        {
            return HealthAssessment.Healthy;
        }
        var latest = minutes[^1];
        if (latest.Enter.Level >= level)
        {
            return new HealthAssessment(level, latest.Enter.Reasons);
        }
        var last = minutes.Last(m => m.Enter.Level >= level);
        var reasons = last.Enter.Reasons
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r}, until {last.Minute.UtcDateTime:HH:mm} UTC"))
            .Append(string.Create(CultureInfo.InvariantCulture,
                $"Held until {thresholds.ClearMinutes} minutes below {thresholds.ClearFraction * 100:0.#} % of the limits"))
            .ToList();
        return new HealthAssessment(level, reasons);
    }
}
