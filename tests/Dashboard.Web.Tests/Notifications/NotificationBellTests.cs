using Bunit;
using Dashboard.Core.Alarms;
using Dashboard.Web.Notifications;

namespace Dashboard.Web.Tests.Notifications;

public class NotificationBellTests : NotificationPageContext
{
    [Fact]
    public async Task Badge_CountsUnmutedChangesToAlarmInTheLastDay()
    {
        var now = Start.ToUnixTimeSeconds();
        await CreateAlarmAsync("a1");
        await CreateAlarmAsync("a2");
        await CreateAlarmAsync("a3");
        await TransitionAsync("a1", AlarmState.Alarm, now - 2 * 86_400);
        await TransitionAsync("a1", AlarmState.Ok, now - 3600);
        await TransitionAsync("a1", AlarmState.Alarm, now - 600);
        await TransitionAsync("a2", AlarmState.Alarm, now - 300);
        await TransitionAsync("a3", AlarmState.Alarm, now - 120, mutedBy: "Mute window 1 (Sundays 02:00–04:00 UTC)");

        var cut = Render<NotificationBell>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.Instance.Unseen));
        Assert.Equal("2", cut.Find(".mud-badge").TextContent.Trim());
        Assert.Equal("Notifications: 2 new alarms", cut.Find("[data-testid=notification-bell-button]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Badge_NothingNew_Hidden()
    {
        var cut = Render<NotificationBell>();

        Assert.Equal(0, cut.Instance.Unseen);
        Assert.Empty(cut.FindAll(".mud-badge"));
    }

    [Fact]
    public void AlarmUrl_EscapesTheName()
    {
        Assert.Equal("/alarms/p90%20latency%2Fchurn", NotificationBell.AlarmUrl("p90 latency/churn"));
    }
}
