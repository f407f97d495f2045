using Dashboard.Core.Collectors;
using Dashboard.Core.Fleet;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Tests.Collectors;
using Dashboard.Core.Tests.Workers;
using Dashboard.Core.Traffic;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Core.Tests.Traffic;

public sealed class TrafficSettlerTests
{
    private const string Ab = "pricing-ab";
    private static readonly TimeSpan SettleInterval = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_SettlingFails_TriesAgainWithinSecondsThenEveryTenSeconds()
    {
        var clock = new WatchedClock(CollectorTestData.Now);
        var store = new FakeTrafficChangeStore { ListFailure = new InvalidOperationException("database is locked") };
        var live = new LiveStore(clock);
        live.PublishFleet([CollectorTestData.Endpoint(Ab)]);
        var traffic = new TrafficService(store, new FakeFleetStore(), new FakeSageMakerClient(), live, clock, NullLogger<TrafficService>.Instance);
        using var settler = new TrafficSettler(traffic, new FakeSageMakerClient(), new FakeFleetStore(), live,
            Options.Create(new CollectorOptions()), clock, NullLogger<TrafficSettler>.Instance);
        await settler.StartAsync(Ct);

        // The first round waits a round (the live fleet may still be the stored one) and fails.
        Assert.Equal(SettleInterval, await clock.AdvanceThroughNextWaitAsync(Ct));
        var retry = await clock.NextWaitAsync(Ct);
        store.ListFailure = null;
        clock.Advance(retry);

        Assert.InRange(retry, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.Equal(SettleInterval, await clock.NextWaitAsync(Ct));
    }

    [Fact]
    public async Task Round_EndpointServesTheNewSplit_AppliedThenAndTheLiveFleetShowsIt()
    {
        var clock = new FakeTimeProvider(CollectorTestData.Now);
        var store = new FakeTrafficChangeStore();
        var live = new LiveStore(clock);
        var fleet = new FakeFleetStore { Stored = [AbState(0.8f, 0.2f)] };
        live.PublishFleet(fleet.Stored);
        var sageMaker = new FakeSageMakerClient();
        sageMaker.Endpoints.Add(Described(EndpointStatuses.Updating, 0.8f, 0.2f));
        var traffic = new TrafficService(store, fleet, sageMaker, live, clock, NullLogger<TrafficService>.Instance);
        var proposal = await traffic.ProposeAsync(new Actor("erin", new HashSet<Role> { Role.Engineer }), Ab,
            [new("VariantA", 0.5), new("VariantB", 0.5)], "B converts better", Ct);
        await traffic.ApproveAsync(new Actor("olga", new HashSet<Role> { Role.Operator }), proposal.Change!.Id, null, Ct);
        using var settler = new TrafficSettler(traffic, sageMaker, fleet, live, Options.Create(new CollectorOptions()), clock,
            NullLogger<TrafficSettler>.Instance);

        // SageMaker accepted the update but still serves the old split: not Applied, however often the settler looks.
        await settler.RunOnceAsync(Ct);
        Assert.Equal(TrafficChangeStatus.Applying, Assert.Single(store.Changes).Status);

        clock.Advance(TimeSpan.FromSeconds(30));
        sageMaker.Endpoints[0] = Described(EndpointStatuses.InService, 0.5f, 0.5f);
        await settler.RunOnceAsync(Ct);

        var applied = Assert.Single(store.Changes);
        Assert.Equal(TrafficChangeStatus.Applied, applied.Status);
        Assert.Equal(clock.GetUtcNow(), applied.AppliedAt);
        // The page's split agrees at once, not a fleet poll later, and keeps the instance types only the fleet poll reads.
        var shown = Assert.Single(live.Fleet);
        Assert.Equal([0.5, 0.5], shown.Variants.Select(v => v.CurrentWeight));
        Assert.All(shown.Variants, v => Assert.Equal("ml.c5.xlarge", v.InstanceType));
    }

    [Fact]
    public async Task Round_ChangeSettles_StoresTheFleetItPublishes()
    {
        var clock = new FakeTimeProvider(CollectorTestData.Now);
        var live = new LiveStore(clock);
        var other = CollectorTestData.Endpoint("churn");
        var fleet = new FakeFleetStore { Stored = [AbState(0.8f, 0.2f), other] };
        live.PublishFleet(fleet.Stored);
        var sageMaker = new FakeSageMakerClient();
        sageMaker.Endpoints.Add(Described(EndpointStatuses.Updating, 0.8f, 0.2f));
        var traffic = new TrafficService(new FakeTrafficChangeStore(), fleet, sageMaker, live, clock, NullLogger<TrafficService>.Instance);
        var proposal = await traffic.ProposeAsync(new Actor("erin", new HashSet<Role> { Role.Engineer }), Ab,
            [new("VariantA", 0.5), new("VariantB", 0.5)], "B converts better", Ct);
        await traffic.ApproveAsync(new Actor("olga", new HashSet<Role> { Role.Operator }), proposal.Change!.Id, null, Ct);
        using var settler = new TrafficSettler(traffic, sageMaker, fleet, live, Options.Create(new CollectorOptions()), clock,
            NullLogger<TrafficSettler>.Instance);

        // Nothing settled yet: the stored fleet is the fleet collector's, untouched.
        await settler.RunOnceAsync(Ct);
        Assert.Empty(fleet.Saves);

        clock.Advance(TimeSpan.FromSeconds(30));
        sageMaker.Endpoints[0] = Described(EndpointStatuses.InService, 0.5f, 0.5f);
        await settler.RunOnceAsync(Ct);

        // Stored as the fleet collector stores a poll (the whole snapshot), and the same snapshot is what was published:
        // a replica that reloads the stored fleet on the live change shows the new split too.
        var saved = Assert.Single(fleet.Saves);
        Assert.Equal(live.Fleet, saved);
        Assert.Equal([0.5, 0.5], saved.Single(e => e.Name == Ab).Variants.Select(v => v.CurrentWeight));
        Assert.Contains(other, saved);
    }

    [Fact]
    public void Decimal_FloatWeightFromSageMaker_ReadsAsTheNumberThatWasSet()
    {
        Assert.Equal(0.8, FleetCollector.Decimal(0.8f));
        Assert.Equal(0.2, FleetCollector.Decimal(0.2f));
        Assert.Equal(double.PositiveInfinity, FleetCollector.Decimal(float.PositiveInfinity));
    }

    private static EndpointState AbState(float a, float b) => CollectorTestData.Endpoint(Ab, EndpointStatuses.InService,
        new VariantState("VariantA", "ml.c5.xlarge", 3, 3, a, a), new VariantState("VariantB", "ml.c5.xlarge", 1, 1, b, b));

    private static DescribeEndpointResponse Described(string status, float a, float b) => new(Ab, $"arn:aws:sagemaker:eu-west-1:1:endpoint/{Ab}",
        "pricing-ab-config", [new ProductionVariantSummary("VariantA", a, a, 3, 3), new ProductionVariantSummary("VariantB", b, b, 1, 1)],
        status, CollectorTestData.Now.AddDays(-7), CollectorTestData.Now.AddDays(-1));
}
