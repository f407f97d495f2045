using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>The dashboard restarts in the middle of a deployment: tracking resumes from the database, and nothing is called twice.</summary>
public sealed class RestartTests
{
    private const string Churn = "churn-prod";

    [Fact]
    public async Task RestartDuringTheCanary_NewTrackerOnTheSameDatabase_ResumesToSucceededWithOneUpdateEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.Canary, "churn-xgboost-2026-11",
            p => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), WaitSeconds = 300, BakeSeconds = 300 }, ct);
        var approved = await driver.ProposeAndApproveAsync(plan, ct);
        var (canary, _) = await driver.RunAsync(approved.Id, d => d.CurrentStep?.Index == 1, ct);

        await driver.RestartAsync(ct);
        var resumed = await driver.RoundAsync(approved.Id, ct);
        var (deployment, _) = await driver.RunToEndAsync(approved.Id, ct);

        Assert.Equal(canary.Steps.Take(2), resumed.Steps.Take(2));
        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        Assert.All(deployment.Steps, s => Assert.Equal(StepState.Done, s.State));
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.CreateEndpointConfig));
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
        Assert.Equal(approved.NewConfig, (await driver.DescribeAsync(Churn, ct)).EndpointConfigName);
    }

    [Fact]
    public async Task ProcessDiesInTheStartingRoundBeforeSageMakerWasCalled_TrackerAfterARestartStartsItOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.AllAtOnce, "churn-xgboost-2026-11", p => p with { BakeSeconds = 120 }, ct);
        var proposal = await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "newer model", ct);
        await driver.Service.ApproveAsync(DeploymentDriver.Oscar, proposal.Deployment!.Id, null, ct);
        // The process dies in the round that starts it: CreateEndpointConfig's request never leaves.
        driver.Host.Faults.BeforeSend = (target, _) =>
        {
            if (target == DeploymentDriver.CreateEndpointConfig)
            {
                throw new OperationCanceledException("the process died");
            }
        };
        await driver.Tracker.RunOnceAsync(ct);
        driver.Host.Faults.BeforeSend = null;
        var stranded = (await driver.Store.FindAsync(proposal.Deployment!.Id, ct))!;
        Assert.Equal((DeploymentStatus.Approved, null), (stranded.Status, stranded.UpdateRequestedAt));

        await driver.RestartAsync(ct);
        var (deployment, _) = await driver.RunToEndAsync(stranded.Id, ct);

        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        Assert.Equal(stranded.NewConfig, deployment.NewConfig);
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
        Assert.Equal(EndpointStatuses.InService, (await driver.DescribeAsync(Churn, ct)).EndpointStatus);
    }

    /// <summary>
    /// The approving click stores Approved and calls nothing; the running tracker, woken by it, starts the deployment at
    /// once. The clock never moves here, so only the wake-up can have ended the tracker's wait.
    /// </summary>
    [Fact]
    public async Task Approve_RunningTrackerWaitingForItsNextRound_WokenAndStartsItWithoutTheClockMoving()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.AllAtOnce, "churn-xgboost-2026-11", p => p with { BakeSeconds = 120 }, ct);
        var proposal = await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "newer model", ct);
        var tracker = driver.Host.Services.GetRequiredService<DeploymentTracker>();
        await tracker.StartAsync(ct);
        try
        {
            var approved = await driver.Service.ApproveAsync(DeploymentDriver.Oscar, proposal.Deployment!.Id, null, ct);
            Assert.Equal(DeploymentStatus.Approved, approved.Status);

            Deployment? started = null;
            for (var look = 0; look < 600 && started?.Status != DeploymentStatus.Deploying; look++)
            {
                await Task.Delay(50, ct);
                started = await driver.Store.FindAsync(approved.Id, ct);
            }

            Assert.Equal(DeploymentStatus.Deploying, started!.Status);
            Assert.Equal(approved.DecidedAt, driver.Host.Time.GetUtcNow());
            Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
        }
        finally
        {
            await tracker.StopAsync(CancellationToken.None);
        }
    }
}
