using Dashboard.Core.Collectors;
using Dashboard.Core.Live;
using Dashboard.Core.SageMaker;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Dashboard.Core.Tests.Collectors.CollectorTestData;

namespace Dashboard.Core.Tests.Collectors;

public sealed class FleetCollectorTests
{
    private static readonly DateTimeOffset Created = new(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeSageMakerClient _sageMaker = new() { PageSize = 2 };
    private readonly FakeFleetStore _store = new();
    private readonly LiveStore _live;
    private readonly FleetCollector _collector;

    public FleetCollectorTests()
    {
        _live = new LiveStore(_time);
        _collector = new FleetCollector(_sageMaker, _store, _live, Options.Create(new CollectorOptions()), _time, NullLogger<FleetCollector>.Instance);
    }

    [Fact]
    public void ToState_TakesInstanceTypeFromTheConfigAndCountsAndWeightsFromTheEndpoint()
    {
        var endpoint = Describe("churn", "churn-config", EndpointStatuses.Updating,
            new ProductionVariantSummary("blue", CurrentWeight: 0.75f, DesiredWeight: 0.5f, CurrentInstanceCount: 2, DesiredInstanceCount: 3),
            new ProductionVariantSummary("green", CurrentWeight: 0.25f, DesiredWeight: 0.5f, CurrentInstanceCount: 1, DesiredInstanceCount: 1));
        var config = Config("churn-config", new ProductionVariant("blue", InstanceType: "ml.m5.xlarge"), new ProductionVariant("green", InstanceType: "ml.g5.xlarge"));

        var state = FleetCollector.ToState(endpoint, config, Now);

        Assert.Equal("churn", state.Name);
        Assert.Equal(EndpointStatuses.Updating, state.Status);
        Assert.Equal("churn-config", state.ConfigName);
        Assert.Equal(Now, state.ObservedAt);
        var blue = state.Variants[0];
        Assert.Equal(("blue", "ml.m5.xlarge", 2, 3, 0.75, 0.5), (blue.Name, blue.InstanceType, blue.CurrentInstanceCount, blue.DesiredInstanceCount, blue.CurrentWeight, blue.DesiredWeight));
        Assert.Equal("ml.g5.xlarge", state.Variants[1].InstanceType);
    }

    [Fact]
    public void ToState_EndpointWithoutCountsOrWeights_FallsBackToTheConfig()
    {
        var endpoint = Describe("churn", "churn-config", EndpointStatuses.InService, new ProductionVariantSummary("AllTraffic"));
        var config = Config("churn-config", new ProductionVariant("AllTraffic", InitialInstanceCount: 4, InstanceType: "ml.c5.large", InitialVariantWeight: 2));

        var variant = Assert.Single(FleetCollector.ToState(endpoint, config, Now).Variants);

        Assert.Equal(4, variant.CurrentInstanceCount);
        Assert.Equal(2, variant.CurrentWeight);
    }

    [Fact]
    public void ToState_EndpointWithoutCountsOrWeights_DesiredEqualsCurrent()
    {
        var endpoint = Describe("churn", "churn-config", EndpointStatuses.InService, new ProductionVariantSummary("AllTraffic"));
        var config = Config("churn-config", new ProductionVariant("AllTraffic", InitialInstanceCount: 4, InstanceType: "ml.c5.large", InitialVariantWeight: 2));

        var variant = Assert.Single(FleetCollector.ToState(endpoint, config, Now).Variants);

        // Nothing says a change is pending, so the fleet table must not show one.
        Assert.Equal(variant.CurrentInstanceCount, variant.DesiredInstanceCount);
        Assert.Equal(variant.CurrentWeight, variant.DesiredWeight);
    }

    [Fact]
    public void ToState_NoConfigAndNoVariants_EmptyVariantsAndDefaults()
    {
        var noVariants = Describe("creating", null, EndpointStatuses.Creating) with { ProductionVariants = null };
        var unknownConfig = Describe("churn", "gone", EndpointStatuses.InService, new ProductionVariantSummary("AllTraffic"));

        Assert.Empty(FleetCollector.ToState(noVariants, null, Now).Variants);
        var variant = Assert.Single(FleetCollector.ToState(unknownConfig, null, Now).Variants);
        Assert.Equal((null, 0, 1.0), (variant.InstanceType, variant.CurrentInstanceCount, variant.CurrentWeight));
    }

    [Fact]
    public async Task RunOnceAsync_ListsEveryPageDescribesEachEndpointAndPublishesTheSnapshot()
    {
        AddEndpoint("a-churn", "shared-config");
        AddEndpoint("b-fraud", "shared-config");
        AddEndpoint("c-search", "search-config");
        var changes = new List<LiveChange>();
        using var subscription = _live.Subscribe(c => { changes.Add(c); return Task.CompletedTask; }, TimeSpan.Zero);

        await _collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal([null, "2"], _sageMaker.ListRequests.Select(r => r.NextToken));
        var saved = Assert.Single(_store.Saves);
        Assert.Equal(["a-churn", "b-fraud", "c-search"], saved.Select(e => e.Name));
        Assert.Same(saved, _live.Fleet);
        Assert.Equal("ml.m5.large", saved[0].Variants[0].InstanceType);
        Assert.Contains(changes, c => c.Has(LiveChangeKind.Fleet) && c.Endpoints.Contains("c-search"));
        Assert.False(_live.Sources[FleetCollector.SourceName].IsFailing);
    }

    [Fact]
    public async Task RunOnceAsync_EndpointConfigs_AreDescribedOnceAcrossPolls()
    {
        AddEndpoint("a-churn", "shared-config");
        AddEndpoint("b-fraud", "shared-config");

        await _collector.RunOnceAsync(TestContext.Current.CancellationToken);
        await _collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["shared-config"], _sageMaker.ConfigRequests);
        Assert.Equal(2, _store.Saves.Count);
    }

    [Fact]
    public async Task RunOnceAsync_UnchangedEndpoints_AreNotDescribedAgainUntilTheirShareOfTheRefresh()
    {
        for (var i = 0; i < 20; i++)
        {
            AddEndpoint($"e-{i:00}", "shared-config");
        }
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);
        Assert.Equal(20, _sageMaker.DescribeRequests.Count);

        // A minute later nothing changed in the listing: nothing is described, and the fleet is still all there.
        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);
        Assert.Equal(20, _sageMaker.DescribeRequests.Count);
        Assert.Equal(20, _live.Fleet.Count);
        Assert.All(_live.Fleet, e => Assert.Equal(_time.GetUtcNow(), e.ObservedAt));

        // Ten minutes after they were described, a tenth of the fleet (one minute's share of the ten) is described each poll.
        _time.Advance(FleetCollector.RefreshEvery - TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);
        Assert.Equal(22, _sageMaker.DescribeRequests.Count);
    }

    [Fact]
    public async Task RunOnceAsync_ListingChangedOrNotInService_DescribesThatEndpointAgain()
    {
        AddEndpoint("a-churn", "shared-config");
        AddEndpoint("b-fraud", "shared-config");
        AddEndpoint("c-search", "shared-config");
        var ct = TestContext.Current.CancellationToken;
        await _collector.RunOnceAsync(ct);
        _sageMaker.DescribeRequests.Clear();

        // b's weights changed (its last-modified time moved); c is updating.
        _sageMaker.Endpoints[1] = Describe("b-fraud", "shared-config", EndpointStatuses.InService, new ProductionVariantSummary("AllTraffic", 0.5f, 0.5f, 1, 1))
            with
        { LastModifiedTime = Created.AddDays(2) };
        _sageMaker.Endpoints[2] = Describe("c-search", "shared-config", EndpointStatuses.Updating, new ProductionVariantSummary("AllTraffic", 1, 1, 1, 1));
        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);

        Assert.Equal(["b-fraud", "c-search"], _sageMaker.DescribeRequests.Order());
        Assert.Equal(0.5, _live.Fleet.Single(e => e.Name == "b-fraud").Variants[0].CurrentWeight);
        Assert.Equal(EndpointStatuses.Updating, _live.Fleet.Single(e => e.Name == "c-search").Status);

        // While it stays Updating it is described every poll, whatever its last-modified time says.
        _sageMaker.DescribeRequests.Clear();
        _time.Advance(TimeSpan.FromMinutes(1));
        await _collector.RunOnceAsync(ct);
        Assert.Equal(["c-search"], _sageMaker.DescribeRequests);
    }

    [Fact]
    public async Task RunOnceAsync_SageMakerFails_KeepsTheLastFleetAndReportsTheError()
    {
        AddEndpoint("a-churn", "shared-config");
        await _collector.RunOnceAsync(TestContext.Current.CancellationToken);
        var lastGood = _live.Fleet;
        _sageMaker.Failure = new AwsServiceException("SageMaker", "ThrottlingException", "Rate exceeded", 400, "req-1");

        await _collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Single(_store.Saves);
        Assert.Same(lastGood, _live.Fleet);
        var source = _live.Sources[FleetCollector.SourceName];
        Assert.True(source.IsFailing);
        Assert.Equal(1, source.ConsecutiveFailures);
        Assert.StartsWith("ThrottlingException: ", source.LastError);
        Assert.Equal(Now, source.LastFailure);
    }

    [Fact]
    public async Task RunOnceAsync_WithANamePrefix_WatchesOnlyEndpointsStartingWithIt()
    {
        AddEndpoint("prod-churn", "shared-config");
        AddEndpoint("dev-prod-churn", "shared-config");
        AddEndpoint("staging-fraud", "shared-config");
        var collector = new FleetCollector(_sageMaker, _store, _live, Options.Create(new CollectorOptions { EndpointNamePrefix = "prod-" }),
            _time, NullLogger<FleetCollector>.Instance);

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.All(_sageMaker.ListRequests, r => Assert.Equal("prod-", r.NameContains));
        Assert.Equal(["prod-churn"], Assert.Single(_store.Saves).Select(e => e.Name));
    }

    [Fact]
    public async Task RunOnceAsync_WithEndpointTags_WatchesOnlyEndpointsCarryingAllOfThem()
    {
        AddEndpoint("churn", "shared-config");
        AddEndpoint("fraud", "shared-config");
        AddEndpoint("search", "shared-config");
        _sageMaker.Tags[Arn("churn")] = [new ResourceTag("team", "growth"), new ResourceTag("env", "prod")];
        _sageMaker.Tags[Arn("fraud")] = [new ResourceTag("team", "growth"), new ResourceTag("env", "dev")];
        var options = new CollectorOptions { EndpointTags = new() { ["team"] = "growth", ["env"] = "prod" } };
        var collector = new FleetCollector(_sageMaker, _store, _live, Options.Create(options), _time, NullLogger<FleetCollector>.Instance);

        await collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["churn"], Assert.Single(_store.Saves).Select(e => e.Name));
        Assert.Equal(3, _sageMaker.TagRequests.Count);
    }

    [Fact]
    public async Task RunOnceAsync_WithoutEndpointTags_NeverAsksForTags()
    {
        AddEndpoint("churn", "shared-config");

        await _collector.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Empty(_sageMaker.TagRequests);
    }

    private static string Arn(string name) => $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}";

    [Fact]
    public void Validate_PrefixWithCharactersSageMakerNamesCannotHave_NamesTheKey()
    {
        var result = new CollectorOptionsValidator().Validate(null, new CollectorOptions { EndpointNamePrefix = "prod_*" });

        Assert.Contains(result.Failures!, f => f.StartsWith("Collectors:EndpointNamePrefix", StringComparison.Ordinal));
    }

    private void AddEndpoint(string name, string configName)
    {
        _sageMaker.Endpoints.Add(Describe(name, configName, EndpointStatuses.InService,
            new ProductionVariantSummary("AllTraffic", 1, 1, 1, 1)));
        _sageMaker.Configs.TryAdd(configName, Config(configName, new ProductionVariant("AllTraffic", InitialInstanceCount: 1, InstanceType: "ml.m5.large")));
    }

    private static DescribeEndpointResponse Describe(string name, string? configName, string status, params ProductionVariantSummary[] variants) =>
        new(name, $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint/{name}", configName, variants, status, Created, Created.AddDays(1));

    private static DescribeEndpointConfigResponse Config(string name, params ProductionVariant[] variants) =>
        new(name, $"arn:aws:sagemaker:eu-west-1:123456789012:endpoint-config/{name}", variants, Created);
}
