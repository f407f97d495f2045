using Dashboard.Core.CloudWatch;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>The alarms created for one deployment are deleted from the simulator's CloudWatch once it is over and the endpoint InService.</summary>
public sealed class AlarmCleanupTests
{
    private const string Churn = "churn-prod";
    private const string DeleteAlarms = FaultSwitch.CloudWatch + "DeleteAlarms";

    [Fact]
    public async Task WorseCanaryRolledBack_OwnAlarmsKeptWhileRollingBack_DeletedAfterThePollShowingInService_NotAskedAgainAfterARestart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.Canary, "churn-xgboost-2026-12-rc1",
            p => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), WaitSeconds = 600, BakeSeconds = 300 }, ct);
        var approved = await driver.ProposeAndApproveAsync(plan, ct);
        string[] own = [NewFleetAlarms.ErrorsName(Churn, "AllTraffic"), DeploymentLauncher.AbortAlarmName(approved)];
        Assert.Equal(own[1], approved.AbortAlarm);

        await driver.RunAsync(approved.Id, d => d.Status == DeploymentStatus.RollingBack, ct);
        await driver.Host.FleetCollector.RunOnceAsync(ct);
        await driver.RoundAsync(approved.Id, ct);
        Assert.Equal(own, await ExistingAsync(driver, own, ct));
        var (rolledBack, _) = await driver.RunToEndAsync(approved.Id, ct);
        Assert.Equal(DeploymentStatus.RolledBack, rolledBack.Status);
        await driver.RoundAsync(approved.Id, ct);
        Assert.Equal(own, await ExistingAsync(driver, own, ct)); // no fleet poll since it finished: SageMaker's state unseen

        await driver.Host.FleetCollector.RunOnceAsync(ct);
        var cleaned = await driver.RoundAsync(approved.Id, ct);

        Assert.Empty(await ExistingAsync(driver, own, ct));
        Assert.NotNull(cleaned.AlarmsDeletedAt);
        Assert.Equal((rolledBack.Status, rolledBack.Outcome, rolledBack.FinishedAt), (cleaned.Status, cleaned.Outcome, cleaned.FinishedAt));
        Assert.Equal(1, driver.Host.Faults.Attempts(DeleteAlarms));
        await driver.RestartAsync(ct);
        await driver.RoundAsync(approved.Id, ct);
        Assert.Equal(1, driver.Host.Faults.Attempts(DeleteAlarms));
    }

    /// <summary>Which of <paramref name="names"/> CloudWatch has, in the order given.</summary>
    internal static async Task<string[]> ExistingAsync(DeploymentDriver driver, string[] names, CancellationToken ct) =>
        (await driver.Host.Services.GetRequiredService<ICloudWatchAlarmsClient>().DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = names }, ct))
            .MetricAlarms.Select(a => a.AlarmName).OrderBy(n => Array.IndexOf(names, n)).ToArray();
}
