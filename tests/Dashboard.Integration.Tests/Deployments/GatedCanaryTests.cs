using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>
/// The dashboard-gated canary end to end on churn-prod: the simulator adds the "-canary" variant, the tracker moves its
/// weights step by step, the metric collector stores both variants' series and the comparison judges them.
/// </summary>
public sealed class GatedCanaryTests
{
    private const string Endpoint = "churn-prod";

    private static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer, Role.Operator }, "10.0.0.7");
    private static readonly Actor Oscar = new("oscar", new HashSet<Role> { Role.Operator }, "10.0.0.8");

    private static async Task<Deployment> ProposeAndApproveAsync(DashboardHost host, VariantTarget target, IReadOnlyList<int> steps,
        bool approveEachStep, CancellationToken ct)
    {
        var service = host.Services.GetRequiredService<DeploymentService>();
        var options = await service.OptionsAsync(Endpoint, ct);
        var alarm = options!.Alarms.First(a => !a.NewFleet).Name;
        var plan = new DeploymentPlan(Endpoint, DeploymentStrategy.GatedCanary, [target], [alarm])
        {
            Steps = steps,
            StepMinutes = 10,
            ApproveEachStep = approveEachStep,
        };
        var proposal = await service.ProposeAsync(Erin, plan, "Try the new churn model on a slice of traffic", ct);
        Assert.Empty(proposal.Errors);
        await service.ApproveAsync(Oscar, proposal.Deployment!.Id, "go", ct);
        await Tracker(host).RunOnceAsync(ct); // the round the approval wakes the tracker for
        return (await service.FindAsync(proposal.Deployment.Id, ct))!;
    }

    /// <summary>One minute on the shared clock, then a fleet poll, a metric poll and a tracker round, as the workers would.</summary>
    private static async Task<Deployment> MinuteAsync(DashboardHost host, DeploymentTracker tracker, long id, CancellationToken ct)
    {
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.FleetCollector.RunOnceAsync(ct);
        await host.MetricCollector.RunOnceAsync(ct);
        await tracker.RunOnceAsync(ct);
        return (await host.Services.GetRequiredService<DeploymentService>().FindAsync(id, ct))!;
    }

    private static DeploymentTracker Tracker(DashboardHost host) =>
        host.Services.GetRequiredService<DeploymentTracker>();

    [Fact]
    public async Task WorseCandidate_AnalysisFailsOn5xx_RollsBackToTheOldConfig()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, rateLimits: false);
        await host.BackfillAsync(ct);
        var tracker = Tracker(host);
        var deployment = await ProposeAndApproveAsync(host, new VariantTarget("AllTraffic", "churn-xgboost-2026-12-rc1"), [5, 25, 50, 100],
            approveEachStep: false, ct);
        var oldConfig = deployment.OldConfig!;

        for (var minute = 0; minute < 90 && deployment.Status is not (DeploymentStatus.RolledBack or DeploymentStatus.Succeeded or DeploymentStatus.Failed); minute++)
        {
            deployment = await MinuteAsync(host, tracker, deployment.Id, ct);
        }

        Assert.Equal(DeploymentStatus.RolledBack, deployment.Status);
        // The outcome names the step, the variant, both rates and the sequential test's z against the look's bound.
        Assert.Matches(@"^The analysis of Step 1 of 4 \(5 %\) failed: AllTraffic-canary's 5XX rate [5-7]\.\d % vs 0\.\d+ % \(z \d+\.\d\d ≥ bound \d+\.\d\d\): worse, at look \d of the sequential test\.",
            deployment.Outcome);
        var endpoint = await host.Services.GetRequiredService<ISageMakerClient>().DescribeEndpointAsync(new DescribeEndpointRequest(Endpoint), ct);
        Assert.Equal(oldConfig, endpoint.EndpointConfigName);
        Assert.Equal(["AllTraffic"], endpoint.ProductionVariants!.Select(v => v.VariantName));
    }

    /// <summary>
    /// Half the traffic on a canary as large as the serving variant: the 5XX rule's last look comes at about 23,500 requests
    /// per variant (a doubling of 0.1 % at its α of 2.5 %), which churn-prod's afternoon serves in some half an hour at 50 %.
    /// </summary>
    [Fact]
    public async Task GoodCandidate_ApprovedStepThenPromotedNow_Succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, rateLimits: false);
        await host.BackfillAsync(ct);
        var tracker = Tracker(host);
        var service = host.Services.GetRequiredService<DeploymentService>();
        var deployment = await ProposeAndApproveAsync(host, new VariantTarget("AllTraffic", "churn-xgboost-2026-11", InstanceCount: 2), [50, 100],
            approveEachStep: true, ct);

        var minutes = 0;
        do
        {
            deployment = await MinuteAsync(host, tracker, deployment.Id, ct);
        }
        while (++minutes < 60 && deployment.Status == DeploymentStatus.Deploying && deployment.CurrentStep?.State != StepState.WaitingForApproval);
        Assert.True(deployment.CurrentStep?.State == StepState.WaitingForApproval,
            $"{deployment.Status}: {deployment.Outcome} | {string.Join(" | ", deployment.Steps.Select(s => $"{s.Name} {s.State} {s.Note}"))}");
        Assert.Equal(50, deployment.CurrentStep!.Share);
        Assert.StartsWith("Passed: ", deployment.CurrentStep.Note, StringComparison.Ordinal);
        // Not enough traffic at the end of the first 10 minutes: the hold was extended and judged again once, not every round.
        Assert.Equal(0, deployment.CurrentStep.HoldSeconds % 600);
        Assert.True(deployment.CurrentStep.HoldSeconds > 600, $"held {deployment.CurrentStep.HoldSeconds} s");
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.ApproveStepAsync(Erin, deployment.Id, ct));

        deployment = await service.ApproveStepAsync(Oscar, deployment.Id, ct);
        Assert.Equal(100, deployment.CurrentStep!.Share);
        for (var minute = 0; minute < 2; minute++)
        {
            deployment = await MinuteAsync(host, tracker, deployment.Id, ct);
        }
        deployment = await service.PromoteNowAsync(Oscar, deployment.Id, ct);
        for (var minute = 0; minute < 15 && deployment.Status == DeploymentStatus.Deploying; minute++)
        {
            deployment = await MinuteAsync(host, tracker, deployment.Id, ct);
        }

        Assert.Equal(DeploymentStatus.Succeeded, deployment.Status);
        var endpoint = await host.Services.GetRequiredService<ISageMakerClient>().DescribeEndpointAsync(new DescribeEndpointRequest(Endpoint), ct);
        Assert.Equal(deployment.NewConfig, endpoint.EndpointConfigName);
        Assert.Equal(["AllTraffic"], endpoint.ProductionVariants!.Select(v => v.VariantName));
        var config = await host.Services.GetRequiredService<ISageMakerClient>().DescribeEndpointConfigAsync(
            new DescribeEndpointConfigRequest(deployment.NewConfig!), ct);
        Assert.Equal("churn-xgboost-2026-11", Assert.Single(config.ProductionVariants).ModelName);
    }
}
