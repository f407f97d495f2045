using Dashboard.Core.Baselines;
using static Dashboard.Core.Tests.Baselines.SyntheticSeries;

namespace Dashboard.Core.Tests.Baselines;

public class UtcClockTests
{
    [Fact]
    public void HourOfWeek_EveryHourOfAFortnight_MatchesDateTimeOffset()
    {
        for (var t = Monday - 7 * Day; t < Monday + 14 * Day; t += Hour)
        {
            var date = DateTimeOffset.FromUnixTimeSeconds(t);
            var expected = ((int)date.DayOfWeek + 6) % 7 * 24 + date.Hour;

            Assert.Equal(expected, UtcClock.HourOfWeek(t + 1799));
            Assert.Equal(date.Hour, UtcClock.HourOfDay(t));
            Assert.Equal(IsWeekend(t), UtcClock.IsWeekend(t));
        }
    }

    [Fact]
    public void HourFloorAndCeiling_NegativeAndAlignedTimes_RoundToClockHours()
    {
        Assert.Equal(-3600, UtcClock.HourFloor(-1));
        Assert.Equal(0, UtcClock.HourCeiling(-1));
        Assert.Equal(7200, UtcClock.HourFloor(7200));
        Assert.Equal(7200, UtcClock.HourCeiling(7200));
        Assert.Equal(10800, UtcClock.HourCeiling(7201));
    }
}
