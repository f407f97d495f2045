using Bunit;
using Dashboard.Core.DeploymentNotices;
using Dashboard.Web.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Notifications;

public sealed class NotificationBellDeploymentTests : NotificationPageContext
{
    private Task RecordAsync(params DeploymentNotice[] notices) =>
        Services.GetRequiredService<IDeploymentNoticeStore>().RecordAsync(notices, 10, deliver: false, Ct);

    private static DeploymentNotice Notice(string key, DeploymentNoticeKind kind, string headline, int minutesAgo) =>
        new(3, "churn-prod", key, kind, Start.AddMinutes(-minutesAgo), headline, null);

    [Fact]
    public async Task Menu_ListsTheLatestDeploymentNoticesNewestFirstEachLinkingToItsDeployment()
    {
        await RecordAsync(
            Notice("proposed", DeploymentNoticeKind.Proposed, "Deployment #3 on churn-prod proposed by erin: Canary (blue/green)", 30),
            Notice("step:1", DeploymentNoticeKind.StepReached, "Deployment #3 on churn-prod: canary, 30 % on the new fleet", 20),
            Notice("final", DeploymentNoticeKind.RolledBack, "Deployment #3 on churn-prod rolled back", 10));

        var cut = Render<NotificationBell>();
        await cut.Find("[data-testid=notification-bell-button]").ClickAsync(new());

        Popovers.WaitForAssertion(() => Assert.Equal(3, Popovers.FindAll("[data-testid=notification-deployment]").Count));
        var items = Popovers.FindAll("[data-testid=notification-deployment]");
        Assert.Equal(["Deployment #3 on churn-prod rolled back", "Deployment #3 on churn-prod: canary, 30 % on the new fleet",
            "Deployment #3 on churn-prod proposed by erin: Canary (blue/green)"], items.Select(i => i.QuerySelector("span")!.TextContent.Trim()));
        Assert.All(items, i => Assert.EndsWith("/deployments/3", i.GetAttribute("href") ?? i.QuerySelector("a")?.GetAttribute("href")));
    }

    [Fact]
    public async Task Badge_CountsDeploymentsThatWentWrongNotThoseThatMovedOn()
    {
        await RecordAsync(
            Notice("step:1", DeploymentNoticeKind.StepReached, "Deployment #3 on churn-prod: canary, 30 % on the new fleet", 20),
            Notice("final", DeploymentNoticeKind.RolledBack, "Deployment #3 on churn-prod rolled back", 10));

        var cut = Render<NotificationBell>();

        cut.WaitForAssertion(() => Assert.Equal(1, cut.Instance.UnseenDeployments));
        Assert.Equal("Notifications: 1 failed deployments", cut.Find("[data-testid=notification-bell-button]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task NewNotice_ShowsWithoutReload()
    {
        var cut = Render<NotificationBell>();
        Assert.Equal(0, cut.Instance.UnseenDeployments);

        await RecordAsync(Notice("final", DeploymentNoticeKind.TimedOut, "Deployment #3 on churn-prod timed out", 1));
        Services.GetRequiredService<Core.Live.LiveStore>().PublishNotices(["churn-prod"]);

        cut.WaitForAssertion(() => Assert.Equal(1, cut.Instance.UnseenDeployments));
    }
}
