using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;

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
    public async Task RestartAfterTheApprovalWasStoredBeforeSageMakerWasCalled_TrackerStartsItOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.AllAtOnce, "churn-xgboost-2026-11", p => p with { BakeSeconds = 120 }, ct);
        var proposal = await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "newer model", ct);
        // The process dies right after the approval is stored, before any call: CreateEndpointConfig's request never leaves.
        driver.Host.Faults.BeforeSend = (target, _) =>
        {
            if (target == DeploymentDriver.CreateEndpointConfig)
            {
                throw new OperationCanceledException("the process died");
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.Service.ApproveAsync(DeploymentDriver.Oscar, proposal.Deployment!.Id, null, ct));
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
    /// Found in the running app: the tracker's round reached the Approved deployment while the approving click was still
    /// starting it, both created the config and called UpdateEndpoint, and the second refusal ("in-progress") stored a
    /// deployment SageMaker was running as Failed.
    /// </summary>
    [Fact]
    public async Task ApproveAndATrackerRoundAtOnce_EachCallMadeOnceAndItDeploys()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.AllAtOnce, "churn-xgboost-2026-11", p => p with { BakeSeconds = 120 }, ct);
        var proposal = await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "newer model", ct);
        var id = proposal.Deployment!.Id;
        var approvalStored = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        // Hold the approval's first call until the tracker's round has begun on the Approved deployment.
        driver.Host.Faults.BeforeSend = (target, _) =>
        {
            if (target == DeploymentDriver.CreateEndpointConfig && !approvalStored.Task.IsCompleted)
            {
                approvalStored.TrySetResult();
                release.Task.Wait(TimeSpan.FromSeconds(5));
            }
        };

        var approving = Task.Run(() => driver.Service.ApproveAsync(DeploymentDriver.Oscar, id, null, ct), ct);
        await approvalStored.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        var round = Task.Run(() => driver.Tracker.RunOnceAsync(ct), ct);
        await Task.Delay(200, ct);
        release.SetResult();
        await Task.WhenAll(approving, round);
        driver.Host.Faults.BeforeSend = null;
        var (deployment, _) = await driver.RunToEndAsync(id, ct);

        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.CreateEndpointConfig));
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
    }
}
