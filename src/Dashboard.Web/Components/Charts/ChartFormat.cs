using System.Globalization;

namespace Dashboard.Web.Components.Charts;

/// <summary>Number and time text shared by the table view, the sparkline tooltip and (in JS) the chart tooltip.</summary>
public static class ChartFormat
{
    /// <summary>
    /// Three significant digits below 100 and whole numbers from 100 up (0.0123, 12.3, 412, 12,345): enough to
    /// read a dashboard, without the noise of full precision. metricChart.js formats the same way.
    /// </summary>
    public static string Value(double value, IFormatProvider? provider = null)
    {
        provider ??= CultureInfo.CurrentCulture;
        if (!double.IsFinite(value))
        {
            return "–";
        }
        if (Math.Abs(value) >= 100 || value == 0)
        {
            return value.ToString("N0", provider);
        }
        // Round half away from zero first, as Intl.NumberFormat does in the chart's tooltip ("G3" alone rounds
        // 45.25 to 45.2, the tooltip says 45.3).
        var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15);
        return Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("G3", provider);
    }

    public static string ValueWithUnit(double value, string? unit) =>
        string.IsNullOrEmpty(unit) ? Value(value) : $"{Value(value)} {unit}";

    /// <summary>ISO-like local time (sortable, unambiguous), in the viewer's time zone rather than the server's.</summary>
    public static string LocalTime(long timeMs, TimeZoneInfo timeZone) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(timeMs), timeZone)
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string UtcIso(long timeMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(timeMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
