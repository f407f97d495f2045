using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Simulator.Faults;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>Aborts and the ways a rollback ends: as asked, failed (UpdateRollbackFailed), and silent.</summary>
public sealed class RollbackTests
{
    private const string Churn = "churn-prod";

    [Fact]
    public async Task AbortDuringTheCanarysWait_SageMakerRollsBack_RolledBackSayingWhoAborted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var oldConfig = (await driver.DescribeAsync(Churn, ct)).EndpointConfigName;
        var id = await CanaryAsync(driver, ct);

        var aborted = await driver.Service.AbortAsync(DeploymentDriver.Oscar, id, "latency looks off", ct);
        var (deployment, rounds) = await driver.RunToEndAsync(id, ct);

        Assert.Equal("oscar", aborted.AbortedBy);
        Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
        Assert.StartsWith($"Aborted by oscar at {aborted.AbortedAt:HH:mm:ss} UTC; SageMaker: Deployment rolled back to endpoint config \"{oldConfig}\": ",
            deployment.Outcome, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(deployment.Outcome!, "rolled back to"));
        Assert.Contains(DeploymentLauncher.AbortAlarmName(deployment), deployment.Outcome, StringComparison.Ordinal);
        Assert.InRange(rounds, 1, 20);
        var endpoint = await driver.DescribeAsync(Churn, ct);
        Assert.Equal((EndpointStatuses.InService, oldConfig), (endpoint.EndpointStatus, endpoint.EndpointConfigName));
        var audit = await driver.AuditAsync(Churn, ct);
        Assert.Equal([(AuditActions.DeploymentFinish, "system"), (AuditActions.DeploymentRollBack, "system"), (AuditActions.DeploymentAbort, "oscar")],
            audit.Take(3));
        await Assert.ThrowsAsync<DeploymentConflictException>(() => driver.Service.AbortAsync(DeploymentDriver.Oscar, id, null, ct));
    }

    [Fact]
    public async Task AbortWithFailNextRollback_UpdateRollbackFailed_RollbackFailedSayingWhatToDo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var id = await CanaryAsync(driver, ct);
        driver.Host.SimulatorFaults.Set(new FaultOptions { FailNextRollback = true });

        await driver.Service.AbortAsync(DeploymentDriver.Oscar, id, null, ct);
        var (deployment, _) = await driver.RunToEndAsync(id, ct);

        Assert.Equal(DeploymentStatus.RollbackFailed, deployment.Status);
        Assert.StartsWith("SageMaker could not roll back (Rollback failed after", deployment.Outcome, StringComparison.Ordinal);
        Assert.Contains($"may serve a mix of {deployment.OldConfig} and {deployment.NewConfig}", deployment.Outcome, StringComparison.Ordinal);
        Assert.Contains("deploy the config you want serving (or the old one) again", deployment.Outcome, StringComparison.Ordinal);
        Assert.Equal(EndpointStatuses.UpdateRollbackFailed, (await driver.DescribeAsync(Churn, ct)).EndpointStatus);
        Assert.Equal((AuditActions.DeploymentFinish, "system"), (await driver.AuditAsync(Churn, ct))[0]);
    }

    [Fact]
    public async Task SilentRollbacks_WorseCandidateRolledBackWithAnEmptyFailureReason_RolledBackWithoutSayingSo()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var oldConfig = (await driver.DescribeAsync(Churn, ct)).EndpointConfigName;
        driver.Host.SimulatorFaults.Set(new FaultOptions { SilentRollbacks = true });
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.Canary, "churn-xgboost-2026-12-rc1",
            p => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), WaitSeconds = 600, BakeSeconds = 300 }, ct);

        var approved = await driver.ProposeAndApproveAsync(plan, ct);
        var (deployment, _) = await driver.RunToEndAsync(approved.Id, ct);

        Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
        Assert.StartsWith($"Rolled back without saying so: SageMaker returned {Churn} to {oldConfig} with an empty FailureReason.",
            deployment.Outcome, StringComparison.Ordinal);
        var endpoint = await driver.DescribeAsync(Churn, ct);
        Assert.Equal((EndpointStatuses.InService, oldConfig, ""), (endpoint.EndpointStatus, endpoint.EndpointConfigName, endpoint.FailureReason ?? ""));
    }

    /// <summary>A canary of the good candidate, tracked until its canary step holds (SageMaker baking the new fleet's share).</summary>
    private static async Task<long> CanaryAsync(DeploymentDriver driver, CancellationToken ct)
    {
        var plan = await driver.PlanAsync(Churn, DeploymentStrategy.Canary, "churn-xgboost-2026-11",
            p => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), WaitSeconds = 1800, BakeSeconds = 600 }, ct);
        var approved = await driver.ProposeAndApproveAsync(plan, ct);
        await driver.RunAsync(approved.Id, d => d.CurrentStep?.Index == 1, ct);
        // Into the wait: the canary's share is on the new fleet and SageMaker bakes it.
        for (var i = 0; i < 6; i++)
        {
            await driver.RoundAsync(approved.Id, ct);
        }
        var pending = (await driver.DescribeAsync(Churn, ct)).PendingDeploymentSummary!;
        Assert.Equal(VariantStatuses.Baking, pending.ProductionVariants!.SelectMany(v => v.VariantStatus!).MaxBy(s => s.StartTime)!.Status);
        return approved.Id;
    }
}
