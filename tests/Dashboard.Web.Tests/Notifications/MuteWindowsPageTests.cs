using Bunit;
using Dashboard.Core.Notifications;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Dashboard.Web.Notifications;

namespace Dashboard.Web.Tests.Notifications;

public class MuteWindowsPageTests : NotificationPageContext
{
    [Fact]
    public async Task Viewer_SeesWindowsInWords_ButNoFormOrDelete()
    {
        await Mutes.CreateAsync(Weekly(null, "churn-prod", DayOfWeek.Sunday), Engineer, Ct);

        var cut = Render<MuteWindowsPage>();

        var row = cut.WaitForElement("[data-testid=mute-row]");
        Assert.Contains("every alarm of endpoint churn-prod", row.TextContent);
        Assert.Contains("Sundays 02:00–04:00 UTC", row.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=mute-form]"));
        Assert.Empty(cut.FindAll("[data-testid=mute-delete]"));
    }

    [Fact]
    public async Task ActiveWindow_MarkedActiveNow()
    {
        // Start is Sunday 22 Nov 14:00 UTC.
        await Mutes.CreateAsync(Weekly("a1", null, DayOfWeek.Sunday) with { StartMinute = 13 * 60 }, Engineer, Ct);
        await Mutes.CreateAsync(Weekly("a1", null, DayOfWeek.Monday), Engineer, Ct);

        var cut = Render<MuteWindowsPage>();

        var rows = cut.WaitForElements("[data-testid=mute-row]");
        Assert.Single(rows[0].QuerySelectorAll("[data-testid=mute-active]"));
        Assert.Empty(rows[1].QuerySelectorAll("[data-testid=mute-active]"));
    }

    [Fact]
    public async Task Engineer_NoScope_SaysSoAtAlarmAndEndpointAndSavesNothing()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();

        cut.WaitForElement("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(2, ErrorTexts(cut).Count(t => t == "Choose an alarm or an endpoint (or both) to mute.")));
        Assert.Empty(await Mutes.ListAsync(Ct));
    }

    [Fact]
    public async Task Engineer_OneOffEndBeforeStart_SaysSoAtTheEnd()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();

        cut.WaitForElement("input[data-testid=mute-endpoint]").Change("churn-prod");
        cut.Find("input[data-testid=mute-from]").Change("2026-11-22 16:00");
        cut.Find("input[data-testid=mute-to]").Change("2026-11-22 15:00");
        cut.Find("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["The end must be after the start."], ErrorTexts(cut)));
        Assert.Empty(await Mutes.ListAsync(Ct));
    }

    [Fact]
    public async Task Engineer_UnreadableTimeAndUnknownAlarm_SaidAtTheirFields()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();

        cut.WaitForElement("input[data-testid=mute-alarm]").Change("no-such-alarm");
        cut.Find("input[data-testid=mute-from]").Change("tomorrow");
        cut.Find("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal(["There is no alarm named 'no-such-alarm'.", "Enter a UTC date and time as yyyy-MM-dd HH:mm."], ErrorTexts(cut)));
        Assert.Empty(await Mutes.ListAsync(Ct));
    }

    [Theory]
    [InlineData("churn-prd")]
    [InlineData("no-such-endpoint")]
    public async Task Engineer_EndpointNotInTheFleet_SaidAtTheEndpointFieldAndNothingStored(string endpoint)
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();

        cut.WaitForElement("input[data-testid=mute-endpoint]").Change(endpoint);
        cut.Find("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal($"There is no endpoint named '{endpoint}' in the fleet.",
            cut.Find("[data-testid=mute-endpoint]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent.Trim()));
        Assert.Empty(await Mutes.ListAsync(Ct));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task Engineer_WeeklyWithoutDays_AsksForADay()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();

        cut.WaitForElement("input[data-testid=mute-endpoint]").Change("churn-prod");
        cut.FindAll("[data-testid=mute-kind] input[type=radio]")[1].Click();
        cut.WaitForElement("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Pick at least one day.", cut.Find("[data-testid=mute-days-error]").TextContent));
        Assert.Empty(await Mutes.ListAsync(Ct));
    }

    [Fact]
    public async Task Engineer_AddsAWeeklyWindow_ListedAndAudited()
    {
        await CreateAlarmAsync("churn-latency");
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();

        cut.WaitForElement("input[data-testid=mute-alarm]").Change("churn-latency");
        cut.Find("input[data-testid=mute-reason]").Change("patching");
        cut.FindAll("[data-testid=mute-kind] input[type=radio]")[1].Click();
        cut.WaitForElement("input[data-testid=mute-day-Sunday]").Change(true);
        cut.Find("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Sundays 02:00–04:00 UTC", cut.Find("[data-testid=mute-row]").TextContent));
        Assert.Empty(ErrorTexts(cut));
        var stored = Assert.Single(await Mutes.ListAsync(Ct));
        Assert.Equal(("churn-latency", "patching", "erin"), (stored.AlarmName, stored.Reason, stored.CreatedBy));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'mute.create' AND Actor = 'erin'"));
    }

    [Fact]
    public async Task Engineer_Deletes()
    {
        await Mutes.CreateAsync(Weekly("a1", null, DayOfWeek.Sunday), Engineer, Ct);
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();

        cut.WaitForElement("[data-testid=mute-delete]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=mute-row]")));
        Assert.Empty(await Mutes.ListAsync(Ct));
    }

    private const string DurationRange = "a whole number from 1 to 10,080 minutes (7 days)";

    public static TheoryData<string, string> RefusedDurations()
    {
        var data = new TheoryData<string, string>();
        foreach (var text in BadInput.NotFiniteNumbers)
        {
            data.Add(text, string.IsNullOrWhiteSpace(text) ? $"Enter {DurationRange}." : $"enter {DurationRange}.");
        }
        foreach (var text in new[] { "-0", "0", "-1", "-5", "1e-320" })
        {
            data.Add(text, $"Too small: enter {DurationRange}.");
        }
        foreach (var text in new[] { "10081", "99999", "2147483648", "1.7976931348623157e308" })
        {
            data.Add(text, $"Too large: enter {DurationRange}.");
        }
        data.Add("90.5", $"Not a whole number: enter {DurationRange}.");
        return data;
    }

    /// <summary>Finding 3: 0 and -5 became 1 minute and 99,999 became 10,080, and the window was stored.</summary>
    [Theory]
    [MemberData(nameof(RefusedDurations))]
    public async Task Engineer_WeeklyDurationNotInRange_MessageAtTheDurationAndNothingStoredNorAudited(string typed, string message)
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();
        cut.WaitForElement("input[data-testid=mute-endpoint]").Change("churn-prod");
        cut.FindAll("[data-testid=mute-kind] input[type=radio]")[1].Click();
        cut.WaitForElement("input[data-testid=mute-day-Sunday]").Change(true);

        cut.Find("input[data-testid=mute-duration]").Input(typed);
        cut.Find("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith(message, Assert.Single(ErrorTexts(cut)), StringComparison.Ordinal));
        Assert.Equal(typed, cut.Find("input[data-testid=mute-duration]").GetAttribute("value"));
        Assert.Empty(await Mutes.ListAsync(Ct));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    /// <summary>Finding 3: a weekly 7-day window (99,999 minutes clamped to 10,080) muted every minute, forever.</summary>
    [Theory]
    [InlineData("10080", "Sunday")]
    [InlineData("1440", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]
    public async Task Engineer_WeeklyWindowMutingTheWholeWeek_RefusedAtTheDuration(string minutes, params string[] days)
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();
        cut.WaitForElement("input[data-testid=mute-endpoint]").Change("churn-prod");
        cut.FindAll("[data-testid=mute-kind] input[type=radio]")[1].Click();
        foreach (var day in days)
        {
            cut.WaitForElement($"input[data-testid=mute-day-{day}]").Change(true);
        }

        cut.Find("input[data-testid=mute-duration]").Input(minutes);
        cut.Find("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("mutes every minute of the week", Assert.Single(ErrorTexts(cut)), StringComparison.Ordinal));
        Assert.Empty(await Mutes.ListAsync(Ct));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Fact]
    public async Task Engineer_LongestWeeklyWindowThatLeavesAMinute_Stored()
    {
        SignInAs("erin", Role.Engineer);
        var cut = Render<MuteWindowsPage>();
        cut.WaitForElement("input[data-testid=mute-endpoint]").Change("churn-prod");
        cut.FindAll("[data-testid=mute-kind] input[type=radio]")[1].Click();
        cut.WaitForElement("input[data-testid=mute-day-Sunday]").Change(true);

        cut.Find("input[data-testid=mute-duration]").Input("10079");
        cut.Find("[data-testid=mute-add]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Sundays from 02:00 UTC for 6 days 23 h 59 min", cut.Find("[data-testid=mute-row]").TextContent));
        Assert.Empty(ErrorTexts(cut));
        Assert.Equal(10_079, Assert.Single(await Mutes.ListAsync(Ct)).DurationMinutes);
    }

    private static string[] ErrorTexts(IRenderedComponent<MuteWindowsPage> cut) =>
        cut.FindAll(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0).ToArray();

    private static MuteWindow Weekly(string? alarm, string? endpoint, DayOfWeek day) =>
        new(0, alarm, endpoint, Start.ToUnixTimeSeconds() - 86_400, null, new HashSet<DayOfWeek> { day }, 120, 120, "", "");
}
