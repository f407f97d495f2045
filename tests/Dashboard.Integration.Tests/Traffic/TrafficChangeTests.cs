using Dashboard.Core.Audit;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Storage;
using Dashboard.Core.Traffic;
using Dashboard.Simulator.Faults;
using Dashboard.Simulator.SageMaker;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Integration.Tests.Traffic;

/// <summary>Four-eyes traffic changes through the real SageMaker client, over HTTP to the simulator, stored in SQLite.</summary>
public sealed class TrafficChangeTests
{
    private const string Ab = "pricing-ab";

    // The proposer also holds Operator: four eyes must hold even for someone who may approve other people's changes.
    private static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer, Role.Operator }, "10.0.0.7");
    private static readonly Actor Oscar = new("oscar", new HashSet<Role> { Role.Operator }, "10.0.0.8");

    private static readonly IReadOnlyList<VariantWeight> FiftyFifty = [new("VariantA", 0.5), new("VariantB", 0.5)];

    [Fact]
    public async Task ProposeThenAnotherOperatorApproves_SimulatorServesTheNewWeightsAndTheAuditChainVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        var traffic = host.Services.GetRequiredService<TrafficService>();
        var sageMaker = host.Services.GetRequiredService<ISageMakerClient>();

        var proposal = await traffic.ProposeAsync(Erin, Ab, FiftyFifty, "VariantB converts better", ct);
        Assert.Empty(proposal.Errors);
        var id = proposal.Change!.Id;

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => traffic.ApproveAsync(Erin, id, null, ct));
        Assert.Contains("another person must", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, host.Faults.Attempts(FaultSwitch.SageMaker + "UpdateEndpointWeightsAndCapacities"));

        var approved = await traffic.ApproveAsync(Oscar, id, "go", ct);

        // Accepted, not yet served: the change shows Applying while SageMaker updates the endpoint.
        Assert.Equal(TrafficChangeStatus.Applying, approved.Status);
        Assert.Equal(EndpointStatuses.Updating, (await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(Ab), ct)).EndpointStatus);
        var settler = ActivatorUtilities.CreateInstance<TrafficSettler>(host.Services);
        await settler.RunOnceAsync(ct);
        Assert.Equal(TrafficChangeStatus.Applying, (await traffic.OpenChangeAsync(Ab, ct))?.Status);
        host.Time.Advance(SageMakerOperations.WeightUpdateDuration);
        var described = await sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(Ab), ct);
        Assert.Equal(EndpointStatuses.InService, described.EndpointStatus);
        Assert.Equal([("VariantA", 0.5f), ("VariantB", 0.5f)],
            described.ProductionVariants!.Select(v => (v.VariantName, v.CurrentWeight!.Value)));

        // The settler sees the endpoint serve the new split: Applied then, and the page's split shows it without a fleet poll.
        await settler.RunOnceAsync(ct);
        var applied = (await traffic.RecentAsync(Ab, 1, ct)).Single();
        Assert.Equal(TrafficChangeStatus.Applied, applied.Status);
        Assert.Equal(host.Time.GetUtcNow().ToUnixTimeSeconds(), applied.AppliedAt!.Value.ToUnixTimeSeconds());
        Assert.Equal([0.5, 0.5], host.Live.Fleet.Single(e => e.Name == Ab).Variants.Select(v => v.CurrentWeight));
        await host.FleetCollector.RunOnceAsync(ct);
        var stored = await host.Services.GetRequiredService<IFleetStore>().FindAsync(Ab, ct);
        Assert.Equal([0.5, 0.5], stored!.Variants.Select(v => v.CurrentWeight));

        var audit = host.Services.GetRequiredService<IAuditQueries>();
        var records = await audit.SearchAsync(new AuditFilter(ActionPrefix: "traffic."), 10, cancellationToken: ct);
        Assert.Equal([(AuditActions.TrafficApply, "system"), (AuditActions.TrafficApprove, "oscar"), (AuditActions.TrafficPropose, "erin")],
            records.Select(r => (r.Action, r.Actor)));
        Assert.Equal(applied.AppliedAt, records[0].Time);
        Assert.All(records, r => Assert.Equal(Ab, r.Endpoint));
        Assert.Equal("""{"weights":{"VariantA":0.8,"VariantB":0.2}}""", records[1].Before);
        var verification = await audit.VerifyAsync(null, ct);
        Assert.True(verification.IsIntact, verification.Message);
    }

    [Theory]
    [InlineData("throttling", "throttling")]
    [InlineData("server errors", "internal error")]
    public async Task Approve_SageMakerFaulting_FailedWithAPlainMessageAndTheWeightsUnchanged(string fault, string expected)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        var traffic = host.Services.GetRequiredService<TrafficService>();
        var proposal = await traffic.ProposeAsync(Erin, Ab, FiftyFifty, "VariantB converts better", ct);
        host.SimulatorFaults.Set(fault == "throttling"
            ? new FaultOptions { ThrottleRate = 1, Services = FaultServices.SageMaker }
            : new FaultOptions { ServerErrorRate = 1, Services = FaultServices.SageMaker });

        var failed = await traffic.ApproveAsync(Oscar, proposal.Change!.Id, null, ct);

        Assert.Equal(TrafficChangeStatus.Failed, failed.Status);
        Assert.Contains(expected, failed.Error, StringComparison.Ordinal);
        Assert.Contains("the weights were not changed", failed.Error, StringComparison.Ordinal);
        Assert.Equal(failed.Error, (await host.Services.GetRequiredService<ITrafficChangeStore>().FindAsync(failed.Id, ct))!.Error);
        host.SimulatorFaults.Clear();
        var described = await host.Services.GetRequiredService<ISageMakerClient>().DescribeEndpointAsync(new DescribeEndpointRequest(Ab), ct);
        Assert.Equal([0.8f, 0.2f], described.ProductionVariants!.Select(v => v.CurrentWeight!.Value));
        var records = await host.Services.GetRequiredService<IAuditQueries>().SearchAsync(new AuditFilter(ActionPrefix: "traffic."), 10, cancellationToken: ct);
        Assert.Equal([AuditActions.TrafficFail, AuditActions.TrafficApprove, AuditActions.TrafficPropose], records.Select(r => r.Action));

        // A failed change is closed: a new proposal can be made and approved once SageMaker is back.
        var again = await traffic.ProposeAsync(Erin, Ab, FiftyFifty, "retry", ct);
        Assert.Equal(TrafficChangeStatus.Applying, (await traffic.ApproveAsync(Oscar, again.Change!.Id, null, ct)).Status);
    }

    [Fact]
    public async Task Approve_SageMakerNeverAnswers_ApprovalOnRecordAndSettledFromTheEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await DashboardHost.StartAsync(ct);
        await host.FleetCollector.RunOnceAsync(ct);
        var traffic = host.Services.GetRequiredService<TrafficService>();
        var proposal = await traffic.ProposeAsync(Erin, Ab, FiftyFifty, "VariantB converts better", ct);
        const string update = FaultSwitch.SageMaker + "UpdateEndpointWeightsAndCapacities";
        host.Faults.Set(update, Fault.Timeout);

        var approved = await host.ThroughTimeoutsAsync(traffic.ApproveAsync(Oscar, proposal.Change!.Id, null, ct), ct);

        Assert.Equal(TrafficChangeStatus.Applying, approved.Status);
        Assert.Equal(3, host.Faults.Attempts(update));
        host.Faults.Set(update, Fault.None);
        await host.FleetCollector.RunOnceAsync(ct);
        await traffic.SettleAsync(host.Live.Fleet, ct);
        Assert.Equal(TrafficChangeStatus.Applying, (await traffic.OpenChangeAsync(Ab, ct))?.Status);

        // The endpoint stays InService on its old weights: SageMaker never took the update.
        host.Time.Advance(TrafficService.SettleAfter);
        await host.FleetCollector.RunOnceAsync(ct);
        await traffic.SettleAsync(host.Live.Fleet, ct);

        var settled = (await traffic.RecentAsync(Ab, 1, ct)).Single();
        Assert.Equal(TrafficChangeStatus.Failed, settled.Status);
        Assert.Contains("kept serving VariantA 80 % · VariantB 20 %", settled.Error, StringComparison.Ordinal);
        var records = await host.Services.GetRequiredService<IAuditQueries>().SearchAsync(new AuditFilter(ActionPrefix: "traffic."), 10, cancellationToken: ct);
        Assert.Equal([(AuditActions.TrafficFail, "system"), (AuditActions.TrafficApprove, "oscar"), (AuditActions.TrafficPropose, "erin")],
            records.Select(r => (r.Action, r.Actor)));
        Assert.True((await host.Services.GetRequiredService<IAuditQueries>().VerifyAsync(null, ct)).IsIntact);
    }
}
