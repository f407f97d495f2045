using Dashboard.Core.Audit;
using Dashboard.Core.CloudWatch;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>What is refused, by the dashboard (four eyes, one open change per endpoint) or by SageMaker, and what that leaves.</summary>
public sealed class RefusalTests
{
    private const string Churn = "churn-prod";
    private const string Ab = "pricing-ab";

    [Fact]
    public async Task ProposerApprovesOwnDeployment_AccessDenied_NothingCalledInSageMaker()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await CanaryPlanAsync(driver, Churn, ct);
        var proposal = await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "newer model", ct);

        await Assert.ThrowsAsync<AccessDeniedException>(() => driver.Service.ApproveAsync(DeploymentDriver.Erin, proposal.Deployment!.Id, null, ct));

        Assert.Equal(DeploymentStatus.Proposed, (await driver.Store.FindAsync(proposal.Deployment!.Id, ct))!.Status);
        Assert.Equal(0, driver.Host.Faults.Attempts(DeploymentDriver.CreateEndpointConfig));
        Assert.Equal(0, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
        Assert.Equal([(AuditActions.DeploymentPropose, "erin")], await driver.AuditAsync(Churn, ct));
    }

    [Fact]
    public async Task SecondChangeWhileADeploymentIsOpen_RefusedByTheServiceAndByStorage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await CanaryPlanAsync(driver, Ab, ct);
        var first = await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "newer model", ct);
        Assert.Empty(first.Errors);

        var second = await driver.Service.ProposeAsync(DeploymentDriver.Oscar, plan, "me too", ct);
        var traffic = await driver.Host.Services.GetRequiredService<TrafficService>()
            .ProposeAsync(DeploymentDriver.Oscar, Ab, [new VariantWeight("VariantA", 0.5), new VariantWeight("VariantB", 0.5)], "split", ct);
        // Past the service's check (two replicas at once): the database refuses it too.
        var stored = await Assert.ThrowsAsync<DeploymentConflictException>(() => driver.Store.AddAsync(first.Deployment! with { ProposedBy = "oscar" },
            AuditActions.DeploymentPropose, DeploymentDriver.Oscar, ct));

        Assert.Equal(DeploymentService.EndpointField, second.Errors.Single().Field);
        Assert.StartsWith($"Deployment #{first.Deployment!.Id} (waiting for approval, proposed by erin) is still open on {Ab}",
            second.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Equal(TrafficService.EndpointField, traffic.Errors.Single().Field);
        Assert.Contains($"#{first.Deployment.Id}", traffic.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Contains("already has an open deployment or traffic change", stored.Message, StringComparison.Ordinal);
        Assert.Single(await driver.Service.RecentAsync(Ab, 10, ct));
    }

    [Fact]
    public async Task StalePlanWithAnInstanceTypeTheRegionLacks_CreateEndpointConfigRefused_FailedWithAwsReasonAndNothingDeletedButItsOwnAlarms()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await CanaryPlanAsync(driver, Churn, ct);
        // Stored before the rules knew better (or by an older version): the form would refuse it now.
        var stale = plan with { Variants = [plan.Variants[0] with { InstanceType = "ml.m5.huge" }] };
        var options = (await driver.Service.OptionsAsync(Churn, ct))!;
        Assert.NotEmpty(await driver.Service.ValidateAsync(stale, "why", options, ct));
        var proposed = await driver.Store.AddAsync(new Deployment(0, stale, "newer model", DeploymentStatus.Proposed, "erin",
            driver.Host.Time.GetUtcNow(), DeploymentTimeline.Steps(stale, 2))
        { OldConfig = options.Endpoint.ConfigName },
            AuditActions.DeploymentPropose, DeploymentDriver.Erin, ct);

        var failed = await driver.ApproveAsync(proposed.Id, ct);

        Assert.Equal(DeploymentStatus.Failed, failed.Status);
        Assert.StartsWith("SageMaker refused it (ValidationException): ", failed.Outcome, StringComparison.Ordinal);
        Assert.Contains("ml.m5.huge", failed.Outcome, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was deleted; no endpoint config was created.", failed.Outcome, StringComparison.Ordinal);
        Assert.Equal((failed.Status, failed.Outcome), await StoredAsync(driver, proposed.Id, ct));
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.CreateEndpointConfig));
        Assert.Equal(0, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
        var endpoint = await driver.DescribeAsync(Churn, ct);
        Assert.Equal((EndpointStatuses.InService, options.Endpoint.ConfigName), (endpoint.EndpointStatus, endpoint.EndpointConfigName));
        // The refusal deletes nothing; the deployment names its abort alarm, so the alarms created for it alone go after the next fleet poll.
        string[] own = [.. stale.RollbackAlarms, DeploymentLauncher.AbortAlarmName(failed)];
        Assert.Equal(own[^1], failed.AbortAlarm);
        Assert.Equal(own, await AlarmCleanupTests.ExistingAsync(driver, own, ct));
        Assert.Equal([(AuditActions.DeploymentFinish, "system"), (AuditActions.DeploymentApprove, "oscar"), (AuditActions.DeploymentPropose, "erin")],
            await driver.AuditAsync(Churn, ct));
        driver.Host.Time.Advance(DeploymentDriver.Round);
        await driver.Host.FleetCollector.RunOnceAsync(ct);
        Assert.Equal((failed.Status, failed.Outcome), await StoredAsync(driver, (await driver.RoundAsync(proposed.Id, ct)).Id, ct));
        Assert.Empty(await AlarmCleanupTests.ExistingAsync(driver, own, ct));

        // Closed: the endpoint takes a new proposal.
        Assert.Empty((await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "again, as the form checks it", ct)).Errors);
    }

    [Fact]
    public async Task EndpointUpdatingWhenApproved_UpdateEndpointRefused_FailedWithAwsReasonAndTheNewConfigKept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var driver = await DeploymentDriver.StartAsync(ct);
        var plan = await CanaryPlanAsync(driver, Ab, ct);
        var proposal = await driver.Service.ProposeAsync(DeploymentDriver.Erin, plan, "newer model", ct);
        // Someone changes the weights in the console meanwhile: SageMaker is Updating the endpoint when the approval comes.
        await driver.SageMaker.UpdateEndpointWeightsAndCapacitiesAsync(new UpdateEndpointWeightsAndCapacitiesRequest(Ab,
            [new DesiredWeightAndCapacity("VariantA", 0.5f), new DesiredWeightAndCapacity("VariantB", 0.5f)]), ct);

        var failed = await driver.ApproveAsync(proposal.Deployment!.Id, ct);

        Assert.Equal(DeploymentStatus.Failed, failed.Status);
        Assert.StartsWith("SageMaker refused it (ValidationException): Cannot update in-progress endpoint", failed.Outcome, StringComparison.Ordinal);
        Assert.EndsWith($"Nothing was deleted; {failed.NewConfig} stays in the account.", failed.Outcome, StringComparison.Ordinal);
        Assert.NotNull(failed.ConfigCreatedAt);
        Assert.Equal(1, driver.Host.Faults.Attempts(DeploymentDriver.UpdateEndpoint));
        var kept = await driver.SageMaker.DescribeEndpointConfigAsync(new DescribeEndpointConfigRequest(failed.NewConfig!), ct);
        Assert.Equal(plan.Variants.Select(v => v.Model), kept.ProductionVariants.Select(v => v.ModelName));

        // The tracker leaves a failed deployment alone.
        await driver.RoundAsync(failed.Id, ct);
        Assert.Equal((failed.Status, failed.Outcome), await StoredAsync(driver, failed.Id, ct));
    }

    private static async Task<(DeploymentStatus, string?)> StoredAsync(DeploymentDriver driver, long id, CancellationToken ct) =>
        (await driver.Store.FindAsync(id, ct)) is { } d ? (d.Status, d.Outcome) : default;

    private static Task<DeploymentPlan> CanaryPlanAsync(DeploymentDriver driver, string endpoint, CancellationToken ct) =>
        driver.PlanAsync(endpoint, DeploymentStrategy.Canary, endpoint == Ab ? "pricing-gbm-v11" : "churn-xgboost-2026-11",
            p => p with { Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50), WaitSeconds = 300, BakeSeconds = 300 }, ct);
}
