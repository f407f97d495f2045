using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>The simulator's CI/CD deployment of support-intent, which the dashboard never started: seen, recorded and tracked.</summary>
public sealed class OutsideDeploymentTests
{
    private const string Support = "support-intent";

    [Fact]
    public async Task ScheduledCiDeployment_FleetPollShowsItUpdating_RecordedAsStartedOutsideAndTrackedToSucceeded()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct, scheduledDeployment: true);
        var oldConfig = (await driver.DescribeAsync(Support, ct)).EndpointConfigName;

        // As the app runs: the fleet poll, then the tracker's round, every round.
        Deployment? deployment = null;
        int? detectedIn = null;
        for (var round = 1; round <= 200 && deployment?.IsFinished != true; round++)
        {
            driver.Host.Time.Advance(DeploymentDriver.Round);
            await driver.Host.FleetCollector.RunOnceAsync(ct);
            await driver.Tracker.RunOnceAsync(ct);
            Assert.Equal(0, driver.Tracker.ConsecutiveFailures);
            deployment = (await driver.Service.RecentAsync(Support, 1, ct)).SingleOrDefault();
            if (deployment is not null && detectedIn is null)
            {
                detectedIn = round;
                Assert.Equal(EndpointStatuses.Updating, driver.Host.Live.Fleet.Single(e => e.Name == Support).Status);
            }
        }

        Assert.NotNull(deployment);
        Assert.True(deployment.StartedOutside);
        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        Assert.Equal("support-intent-config-v4", deployment.NewConfig);
        Assert.Equal(oldConfig, deployment.OldConfig);
        Assert.Equal("outside the dashboard", deployment.ProposedBy);
        Assert.Equal(DeploymentStrategy.Linear, deployment.Plan.Strategy);
        Assert.Equal([new VariantTarget("AllTraffic", "intent-distilbert-v4", "ml.c5.xlarge", 2)], deployment.Plan.Variants);
        Assert.All(deployment.Steps, s => Assert.Equal(StepState.Done, s.State));
        // The update starts five minutes after the simulator: the fleet poll of the round that first shows it lets the tracker record it.
        Assert.Equal(30, detectedIn);
        Assert.Equal([(AuditActions.DeploymentFinish, "system"), (AuditActions.DeploymentDetect, "system")],
            (await driver.AuditAsync(Support, ct)).Where(a => a.Action != AuditActions.DeploymentStart));
        Assert.Equal(0, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
    }
}
