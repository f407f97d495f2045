using Dashboard.Core.Audit;
using Dashboard.Core.Deployments;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Deployments;

/// <summary>What tracking many deployments at once costs in SageMaker calls (issue 13, Performance).</summary>
public sealed class TrackerCostTests
{
    private const int Deployments = 50;
    private const int Rounds = 5;

    [Fact]
    public async Task FiftyDeploymentsBaking_FiveTrackerRounds_OneDescribeEndpointPerEndpointPerRoundAndNothingElse()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        var store = host.Services.GetRequiredService<IDeploymentStore>();
        var sageMaker = new FakeSageMakerClient();
        var now = host.Time.GetUtcNow();
        for (var i = 0; i < Deployments; i++)
        {
            var endpoint = $"bench-{i:000}";
            var plan = new DeploymentPlan(endpoint, DeploymentStrategy.Canary, [new VariantTarget("AllTraffic", "model-v2")], [$"{endpoint}-5xx"])
            {
                Size = new CapacitySize(CapacitySizeTypes.CapacityPercent, 50),
                WaitSeconds = 3_600,
                BakeSeconds = 600,
            };
            var steps = DeploymentTimeline.Steps(plan, 2).Select(s => s.Index == 0 ? s with { State = StepState.Done, StartedAt = now, EndedAt = now }
                : s.Index == 1 ? s with { State = StepState.Running, StartedAt = now } : s).ToList();
            await store.AddAsync(new Deployment(0, plan, "bench", DeploymentStatus.Deploying, "erin", now, steps)
            {
                OldConfig = $"{endpoint}-v1",
                NewConfig = $"{endpoint}-v2",
                UpdateRequestedAt = now,
                StartedAt = now,
            }, AuditActions.DeploymentPropose, Actor.System, ct);
            sageMaker.Endpoints.Add(new DescribeEndpointResponse(endpoint, $"arn:{endpoint}", $"{endpoint}-v1", [], EndpointStatuses.Updating, now, now)
            {
                PendingDeploymentSummary = new PendingDeploymentSummary($"{endpoint}-v2", now,
                    [new PendingProductionVariantSummary("AllTraffic", VariantStatus: [new ProductionVariantStatus(VariantStatuses.Baking, null, now)])]),
            });
        }
        var tracker = ActivatorUtilities.CreateInstance<DeploymentTracker>(host.Services, sageMaker);

        var perRound = new List<int>();
        for (var round = 0; round < Rounds; round++)
        {
            var before = sageMaker.DescribeRequests.Count;
            host.Time.Advance(DeploymentDriver.Round);
            await tracker.RunOnceAsync(ct);
            Assert.Equal(0, tracker.ConsecutiveFailures);
            perRound.Add(sageMaker.DescribeRequests.Count - before);
        }

        Assert.Equal(Enumerable.Repeat(Deployments, Rounds), perRound);
        Assert.Equal(Enumerable.Range(0, Deployments).Select(i => ($"bench-{i:000}", Rounds)),
            sageMaker.DescribeRequests.GroupBy(e => e, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).Order());
        Assert.Empty(sageMaker.ConfigRequests);
        Assert.Empty(sageMaker.EndpointUpdates);
        Assert.Empty(sageMaker.ListRequests);
        // Fifty describes per 10 s round is 5 a second, half the client's DescribeEndpoint quota (10 a second).
        Assert.All(await store.ListAsync([DeploymentStatus.Deploying], 100, ct), d => Assert.Equal(1, d.CurrentStep?.Index));
    }

    [Fact]
    public async Task EndpointUpdatingItsWeights_SixTrackerRoundsOnOneFleetPoll_DescribedOnceToSeeItIsNoDeployment()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct, rateLimits: false);
        await host.FleetCollector.RunOnceAsync(ct);
        // image-moderation is Updating for good in the scenario (desired weights and counts differ), with no new config.
        Assert.Equal(["image-moderation"], host.Live.Fleet.Where(e => e.Status == EndpointStatuses.Updating).Select(e => e.Name));
        var tracker = ActivatorUtilities.CreateInstance<DeploymentTracker>(host.Services);
        var before = host.Faults.Attempts(DeploymentDriver.DescribeEndpoint);

        for (var round = 0; round < 6; round++)
        {
            host.Time.Advance(DeploymentDriver.Round);
            await tracker.RunOnceAsync(ct);
        }
        var onOnePoll = host.Faults.Attempts(DeploymentDriver.DescribeEndpoint) - before;
        await host.FleetCollector.RunOnceAsync(ct);
        var afterPoll = host.Faults.Attempts(DeploymentDriver.DescribeEndpoint);
        await tracker.RunOnceAsync(ct);

        Assert.Equal(1, onOnePoll);
        Assert.Equal(1, host.Faults.Attempts(DeploymentDriver.DescribeEndpoint) - afterPoll);
        Assert.Empty(await host.Services.GetRequiredService<IDeploymentStore>().ListAsync([], 10, ct));
    }
}
