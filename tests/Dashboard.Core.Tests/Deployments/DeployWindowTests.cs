using Dashboard.Core.Deployments;

namespace Dashboard.Core.Tests.Deployments;

public sealed class DeployWindowTests
{
    // Monday 7 December 2026; Berlin is UTC+1 in winter.
    private static readonly DateTimeOffset MondayNoonUtc = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static DeployWindow Berlin(params DayOfWeek[] days) => new(1, "churn-prod",
        days.Length == 0 ? [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday] : days,
        new TimeOnly(9, 0), new TimeOnly(16, 0), "Europe/Berlin", "ada", MondayNoonUtc);

    [Fact]
    public void Describe_ConsecutiveDays_ReadsAsARange() => Assert.Equal("Mon–Thu 09:00–16:00 Europe/Berlin", Berlin().Describe());

    [Fact]
    public void Describe_SeparateDays_Listed() =>
        Assert.Equal("Mon, Wed 09:00–16:00 Europe/Berlin", Berlin(DayOfWeek.Wednesday, DayOfWeek.Monday).Describe());

    [Theory]
    [InlineData(7, 7, 59, false)] // 08:59 Berlin
    [InlineData(7, 8, 0, true)] // 09:00 Berlin
    [InlineData(7, 14, 59, true)] // 15:59 Berlin
    [InlineData(7, 15, 0, false)] // 16:00 Berlin
    [InlineData(11, 10, 0, false)] // Friday
    public void IsOpen_InTheWindowsTimeZone(int day, int hourUtc, int minuteUtc, bool open) =>
        Assert.Equal(open, Berlin().IsOpen(new DateTimeOffset(2026, 12, day, hourUtc, minuteUtc, 0, TimeSpan.Zero)));

    [Fact]
    public void NextOpening_AfterThursdaysWindow_IsMondayMorningInBerlin()
    {
        var thursdayEvening = new DateTimeOffset(2026, 12, 10, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero), Berlin().NextOpening(thursdayEvening).ToUniversalTime());
    }

    [Fact]
    public void AppliesTo_ATagWindow_EndpointsCarryingTheTag()
    {
        var window = Berlin() with { Scope = DeployWindow.TagPrefix + "team=risk" };

        Assert.True(window.AppliesTo("credit-risk", [KeyValuePair.Create("team", "risk")]));
        Assert.False(window.AppliesTo("churn-prod", [KeyValuePair.Create("team", "growth")]));
        Assert.True(Berlin().AppliesTo("churn-prod", []));
    }

    [Fact]
    public void Check_NoDaysBackwardsTimesAndAnUnknownZone_EachAtItsField()
    {
        var window = Berlin() with { Days = [], Start = new TimeOnly(16, 0), End = new TimeOnly(9, 0), TimeZone = "Mars/Olympus" };

        Assert.Equal([DeployWindow.DaysField, DeployWindow.TimesField, DeployWindow.TimeZoneField], window.Check().Select(e => e.Field));
        Assert.Equal([DeployWindow.ScopeField], (Berlin() with { Scope = "tag:team" }).Check().Select(e => e.Field));
    }
}
