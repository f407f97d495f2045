using Dashboard.Core.Notifications;

namespace Dashboard.Core.Tests.Notifications;

public class MuteWindowTests
{
    // Saturday 21 Nov 2026 00:00 UTC; the 22nd is a Sunday.
    private static readonly long Saturday = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long Sunday = Saturday + 86_400;

    [Fact]
    public void Applies_OneOff_FromStartInclusiveToEndExclusive()
    {
        var window = OneOff("a1", null, Sunday + 14 * 3600, Sunday + 16 * 3600);

        Assert.False(window.Applies("a1", "churn-prod", Sunday + 14 * 3600 - 1));
        Assert.True(window.Applies("a1", "churn-prod", Sunday + 14 * 3600));
        Assert.True(window.Applies("a1", "churn-prod", Sunday + 16 * 3600 - 1));
        Assert.False(window.Applies("a1", "churn-prod", Sunday + 16 * 3600));
    }

    [Fact]
    public void Applies_Weekly_OnlyOnTheChosenDaysAndHours()
    {
        var window = Weekly("a1", null, startMinute: 120, duration: 120, DayOfWeek.Sunday);

        Assert.True(window.Applies("a1", null, Sunday + 2 * 3600));
        Assert.True(window.Applies("a1", null, Sunday + 4 * 3600 - 1));
        Assert.False(window.Applies("a1", null, Sunday + 4 * 3600));
        Assert.False(window.Applies("a1", null, Sunday + 2 * 3600 - 1));
        Assert.False(window.Applies("a1", null, Saturday + 3 * 3600));
        Assert.True(window.Applies("a1", null, Sunday + 7 * 86_400 + 3 * 3600));
    }

    [Fact]
    public void Applies_WeeklyAcrossMidnight_CountsForTheNextDaysEarlyHours()
    {
        // Saturdays 22:00 for 4 hours: until Sunday 02:00.
        var window = Weekly("a1", null, startMinute: 22 * 60, duration: 240, DayOfWeek.Saturday);

        Assert.True(window.Applies("a1", null, Saturday + 23 * 3600));
        Assert.True(window.Applies("a1", null, Sunday + 1 * 3600));
        Assert.False(window.Applies("a1", null, Sunday + 2 * 3600));
        // Saturday's early hours belong to Friday's occurrence, and Friday is not chosen.
        Assert.False(window.Applies("a1", null, Saturday + 1 * 3600));
    }

    [Fact]
    public void Applies_Weekly_OnlyBetweenStartsAtAndEndsAt()
    {
        var window = Weekly("a1", null, 0, 1440, DayOfWeek.Sunday) with { StartsAt = Sunday + 3600, EndsAt = Sunday + 7 * 86_400 };

        Assert.False(window.Applies("a1", null, Sunday + 60));
        Assert.True(window.Applies("a1", null, Sunday + 7200));
        Assert.False(window.Applies("a1", null, Sunday + 7 * 86_400 + 7200));
    }

    [Theory]
    [InlineData("a1", null, "a1", "churn-prod", true)]
    [InlineData("a1", null, "a2", "churn-prod", false)]
    [InlineData(null, "churn-prod", "a2", "churn-prod", true)]
    [InlineData(null, "churn-prod", "a2", "fraud-prod", false)]
    [InlineData(null, "churn-prod", "composite", null, false)]
    [InlineData("a1", "churn-prod", "a1", "churn-prod", true)]
    [InlineData("a1", "churn-prod", "a1", "fraud-prod", false)]
    [InlineData("a1", "churn-prod", "a2", "churn-prod", false)]
    [InlineData(null, null, "a1", "churn-prod", false)]
    public void Applies_Scope_AlarmOrEndpointOrBothMustMatch(string? alarm, string? endpoint, string checkedAlarm, string? checkedEndpoint, bool expected)
    {
        var window = OneOff(alarm, endpoint, Sunday, Sunday + 3600);

        Assert.Equal(expected, window.Applies(checkedAlarm, checkedEndpoint, Sunday + 60));
    }

    [Fact]
    public void Describe_SaysWhenInWords()
    {
        Assert.Equal("Sundays 02:00–04:00 UTC", Weekly("a1", null, 120, 120, DayOfWeek.Sunday).Describe());
        Assert.Equal("22 Nov 14:00 – 22 Nov 16:00 UTC", OneOff("a1", null, Sunday + 14 * 3600, Sunday + 16 * 3600).Describe());
        Assert.Equal("Mondays, Wednesdays 22:00–02:00 UTC (into the next day)",
            Weekly("a1", null, 22 * 60, 240, DayOfWeek.Wednesday, DayOfWeek.Monday).Describe());
        Assert.Equal("Weekdays 00:00–00:30 UTC",
            Weekly("a1", null, 0, 30, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday).Describe());
        Assert.Equal("Fridays from 18:00 UTC for 2 days 14 h", Weekly("a1", null, 18 * 60, 62 * 60, DayOfWeek.Friday).Describe());
        Assert.Equal("Sundays 02:00–04:00 UTC, until 29 Nov 00:00 UTC",
            (Weekly("a1", null, 120, 120, DayOfWeek.Sunday) with { EndsAt = Sunday + 7 * 86_400 }).Describe());
    }

    [Fact]
    public void MutedBy_NamesTheFirstWindowThatApplies()
    {
        MuteWindow[] windows =
        [
            Weekly("other", null, 0, 1440, DayOfWeek.Sunday) with { Id = 1 },
            Weekly(null, "churn-prod", 120, 120, DayOfWeek.Sunday) with { Id = 7, Reason = "patching" },
            OneOff("a1", null, Sunday, Sunday + 86_400) with { Id = 9 },
        ];

        Assert.Equal("Mute window 7 (Sundays 02:00–04:00 UTC): patching", MuteWindow.MutedBy(windows, "a1", "churn-prod", Sunday + 3 * 3600));
        Assert.Equal("Mute window 9 (22 Nov 00:00 – 23 Nov 00:00 UTC)", MuteWindow.MutedBy(windows, "a1", "churn-prod", Sunday + 5 * 3600));
        Assert.Null(MuteWindow.MutedBy(windows, "a2", "fraud-prod", Sunday + 3 * 3600));
    }

    [Fact]
    public void Validate_GoodWindows_NoErrors()
    {
        Assert.Empty(OneOff("a1", null, Sunday, Sunday + 60).Validate(Sunday));
        // The longest weekly window that still leaves a minute of the week to notify in.
        Assert.Empty(Weekly(null, "churn-prod", 1439, 7 * 1440 - 1, DayOfWeek.Sunday).Validate(Sunday));
    }

    [Fact]
    public void Validate_NoScope_ScopeError()
    {
        Assert.Equal([MuteWindow.ScopeField], Fields(OneOff(" ", "", Sunday, Sunday + 3600).Validate(Sunday)));
    }

    [Fact]
    public void Validate_BadEndpointName_EndpointError()
    {
        Assert.Equal(["Endpoint"], Fields(OneOff(null, "churn_prod!", Sunday, Sunday + 3600).Validate(Sunday)));
    }

    [Fact]
    public void Validate_OneOffEnd_RequiredAfterStartWithinSevenDaysAndInTheFuture()
    {
        Assert.Equal(["EndsAt"], Fields(OneOff("a1", null, Sunday, null).Validate(Sunday)));
        Assert.Contains("after the start", OneOff("a1", null, Sunday, Sunday).Validate(Sunday).Single().Message);
        Assert.Contains("7 days", OneOff("a1", null, Sunday, Sunday + 7 * 86_400 + 60).Validate(Sunday).Single().Message);
        Assert.Contains("1 minute", OneOff("a1", null, Sunday, Sunday + 59).Validate(Sunday).Single().Message);
        Assert.Contains("already over", OneOff("a1", null, Sunday - 7200, Sunday - 3600).Validate(Sunday).Single().Message);
    }

    [Fact]
    public void Validate_WeeklyStartAndDuration_InRange()
    {
        Assert.Equal(["DurationMinutes"], Fields(Weekly("a1", null, 0, 0, DayOfWeek.Sunday).Validate(Sunday)));
        Assert.Equal(["DurationMinutes"], Fields(Weekly("a1", null, 0, 7 * 1440 + 1, DayOfWeek.Sunday).Validate(Sunday)));
        Assert.Equal(["StartMinute"], Fields(Weekly("a1", null, 1440, 60, DayOfWeek.Sunday).Validate(Sunday)));
        Assert.Equal(["EndsAt"], Fields((Weekly("a1", null, 0, 60, DayOfWeek.Sunday) with { EndsAt = Sunday - 1 }).Validate(Sunday)));
    }

    /// <summary>Finding 3: the old field turned 0 and -5 into 1 minute and 99,999 into 10,080 without a word.</summary>
    [Theory]
    [InlineData(0, "Too small: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(-5, "Too small: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(int.MinValue, "Too small: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(10_081, "Too large: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(99_999, "Too large: enter a whole number from 1 to 10,080 minutes (7 days).")]
    [InlineData(int.MaxValue, "Too large: enter a whole number from 1 to 10,080 minutes (7 days).")]
    public void Validate_WeeklyDurationOutOfRange_RefusedNotClamped(int duration, string message) =>
        Assert.Equal([new MuteWindowError("DurationMinutes", message)], Weekly("a1", null, 120, duration, DayOfWeek.Sunday).Validate(Sunday));

    /// <summary>A weekly window mutes the whole week when each occurrence lasts until the next one starts.</summary>
    [Theory]
    [InlineData(10_080, "On these days a window of 7 days mutes every minute of the week, so nothing would ever be notified: "
        + "make it shorter than 7 days (10,080 minutes) or pick fewer days.", DayOfWeek.Sunday)]
    [InlineData(1_440, "On these days a window of 1 day mutes every minute of the week, so nothing would ever be notified: "
        + "make it shorter than 1 day (1,440 minutes) or pick fewer days.",
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday)]
    [InlineData(5_760, "On these days a window of 4 days mutes every minute of the week, so nothing would ever be notified: "
        + "make it shorter than 4 days (5,760 minutes) or pick fewer days.", DayOfWeek.Monday, DayOfWeek.Thursday)]
    public void Validate_WeeklyWindowThatMutesTheWholeWeek_Refused(int duration, string message, params DayOfWeek[] days) =>
        Assert.Equal([new MuteWindowError("DurationMinutes", message)], Weekly("a1", null, 120, duration, days).Validate(Sunday));

    [Theory]
    [InlineData(10_079, DayOfWeek.Sunday)]
    [InlineData(1_439, DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday)]
    [InlineData(5_759, DayOfWeek.Monday, DayOfWeek.Thursday)]
    public void Validate_WeeklyWindowLeavingAMinuteUnmuted_Accepted(int duration, params DayOfWeek[] days) =>
        Assert.Empty(Weekly("a1", null, 120, duration, days).Validate(Sunday));

    [Fact]
    public void Validate_LongReason_ReasonError()
    {
        Assert.Equal(["Reason"], Fields((OneOff("a1", null, Sunday, Sunday + 60) with { Reason = new string('x', 501) }).Validate(Sunday)));
    }

    private static string[] Fields(IReadOnlyList<MuteWindowError> errors) => errors.Select(e => e.Field).ToArray();

    private static MuteWindow OneOff(string? alarm, string? endpoint, long start, long? end) =>
        new(1, alarm, endpoint, start, end, new HashSet<DayOfWeek>(), 0, 0, "", "erin");

    private static MuteWindow Weekly(string? alarm, string? endpoint, int startMinute, int duration, params DayOfWeek[] days) =>
        new(1, alarm, endpoint, 0, null, days.ToHashSet(), startMinute, duration, "", "erin");
}
