namespace Dashboard.Core.Baselines;

/// <summary>
/// Calendar arithmetic on Unix seconds without DateTimeOffset, because the baselines call it for every hour of a
/// month-long chart. Everything is UTC: CloudWatch's periods are UTC and a fleet spans time zones anyway.
/// </summary>
internal static class UtcClock
{
    public const long Hour = 3600;
    public const long Day = 86_400;
    public const long Week = 7 * Day;

    // 1970-01-01 was a Thursday: Thursday 00:00 is 72 hours after Monday 00:00.
    private const long EpochHourOfWeek = 72;

    public static long FloorDiv(long value, long divisor)
    {
        var quotient = value / divisor;
        return value % divisor < 0 ? quotient - 1 : quotient;
    }

    public static long HourFloor(long time) => FloorDiv(time, Hour) * Hour;

    public static long HourCeiling(long time) => -FloorDiv(-time, Hour) * Hour;

    /// <summary>0 = Monday 00:00–01:00 UTC … 167 = Sunday 23:00–24:00.</summary>
    public static int HourOfWeek(long time) => (int)(((FloorDiv(time, Hour) + EpochHourOfWeek) % 168 + 168) % 168);

    public static int HourOfDay(long time) => (int)((FloorDiv(time, Hour) % 24 + 24) % 24);

    /// <summary>Saturday or Sunday (UTC).</summary>
    public static bool IsWeekend(long time) => HourOfWeek(time) >= 5 * 24;
}
