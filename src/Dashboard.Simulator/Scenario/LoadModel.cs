namespace Dashboard.Simulator.Scenario;

/// <summary>Daily and weekly traffic cycles in UTC, as a factor of the weekday peak.</summary>
public static class LoadModel
{
    public const int MinutesPerDay = 1440;

    public static long FloorDiv(long value, long divisor)
    {
        var q = Math.DivRem(value, divisor, out var r);
        return r < 0 ? q - 1 : q;
    }

    public static long FloorMod(long value, long divisor)
    {
        var r = value % divisor;
        return r < 0 ? r + divisor : r;
    }

    /// <summary>Saturday or Sunday (UTC). Day 0 of the Unix epoch was a Thursday.</summary>
    public static bool IsWeekend(long minute)
    {
        var dayOfWeek = FloorMod(FloorDiv(minute, MinutesPerDay) + 4, 7); // 0 = Sunday
        return dayOfWeek is 0 or 6;
    }

    /// <summary>0 at 03:00 UTC, 1 at 15:00 UTC, a smooth cosine in between.</summary>
    public static double Daily(long minute)
    {
        var hour = FloorMod(minute, MinutesPerDay) / 60.0;
        return 0.5 - 0.5 * Math.Cos(2 * Math.PI * (hour - 3) / 24);
    }

    public static double Factor(LoadShape shape, long minute)
    {
        var daily = Daily(minute);
        var weekend = IsWeekend(minute);
        return shape switch
        {
            LoadShape.Steady => (0.6 + 0.4 * daily) * (weekend ? 0.85 : 1),
            LoadShape.NightQuiet => (0.01 + 0.99 * daily * daily * daily) * (weekend ? 0.4 : 1),
            _ => (0.25 + 0.75 * daily) * (weekend ? 0.55 : 1),
        };
    }
}
