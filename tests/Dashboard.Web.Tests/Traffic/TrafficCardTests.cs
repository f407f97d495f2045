using Bunit;
using Dashboard.Core;
using Dashboard.Core.Fleet;
using Dashboard.Core.Storage;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Dashboard.Web.Components.Traffic;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Traffic;

/// <summary>The traffic card over the real traffic service and stores on a temp SQLite database, with a SageMaker that records.</summary>
public sealed class TrafficCardTests : StorageTestContext
{
    private static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer });
    private static readonly IReadOnlyList<VariantWeight> FiftyFifty = [new("VariantA", 0.5), new("VariantB", 0.5)];

    private readonly RecordingSageMaker _sageMaker;

    private static EndpointState Ab => FleetTestData.Endpoint("pricing-ab", EndpointStatuses.InService,
        FleetTestData.Variant("VariantA", weight: 0.8), FleetTestData.Variant("VariantB", weight: 0.2));

    public TrafficCardTests()
        : this(new RecordingSageMaker())
    {
    }

    private TrafficCardTests(RecordingSageMaker sageMaker)
        : base(FleetTestData.Now, services =>
        {
            services.AddSingleton<ISageMakerClient>(sageMaker);
            services.AddSingleton<TrafficService>();
        }) => _sageMaker = sageMaker;

    private TrafficService Traffic => Services.GetRequiredService<TrafficService>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.GetRequiredService<IFleetStore>().SaveAsync([Ab], Ct);
    }

    [Fact]
    public void Engineer_Proposes_SeesItPendingWithoutApprove()
    {
        SignInAs("erin", Role.Engineer);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));
        Assert.Equal("80 %", card.Find("[data-testid=traffic-share-VariantA]").TextContent);

        card.Find("[data-testid=propose-traffic]").Click();
        card.Find("[data-testid=weight-VariantA] input").Input("0.5");
        card.Find("[data-testid=weight-VariantB] input").Input("0.5");
        card.Find("[data-testid=traffic-reason] input").Input("B converts better");
        card.Find("[data-testid=submit-proposal]").Click();

        card.WaitForAssertion(() => Assert.Equal("VariantA 50 % · VariantB 50 %", card.Find("[data-testid=pending-split]").TextContent));
        Assert.Empty(card.FindAll("[data-testid=approve-traffic]"));
        Assert.Empty(card.FindAll("[data-testid=propose-traffic]"));
        Assert.NotNull(card.Find("[data-testid=withdraw-traffic]"));
    }

    [Fact]
    public async Task Operator_Approves_SageMakerCalledAndTheDecisionListed()
    {
        await Traffic.ProposeAsync(Erin, "pricing-ab", FiftyFifty, "B converts better", Ct);
        SignInAs("oscar", Role.Operator);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));

        card.Find("[data-testid=approve-traffic]").Click();

        card.WaitForAssertion(() => Assert.Contains("Applied", card.Find("[data-testid=traffic-decision]").TextContent, StringComparison.Ordinal));
        Assert.Contains("approved by oscar", card.Find("[data-testid=traffic-decision]").TextContent, StringComparison.Ordinal);
        Assert.Equal([("VariantA", 0.5f), ("VariantB", 0.5f)],
            Assert.Single(_sageMaker.Updates).DesiredWeightsAndCapacities.Select(d => (d.VariantName, d.DesiredWeight)));
        Assert.Empty(card.FindAll("[data-testid=pending-proposal]"));
    }

    [Fact]
    public async Task SageMakerAnswerLost_CardSaysItIsWatchingAndOffersNoNewProposal()
    {
        _sageMaker.Failure = new AwsServiceException("SageMaker", "RequestTimeout", "timed out", 0, "req-1");
        await Traffic.ProposeAsync(Erin, "pricing-ab", FiftyFifty, "B converts better", Ct);
        SignInAs("oscar", Role.Operator);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));

        card.Find("[data-testid=approve-traffic]").Click();

        card.WaitForAssertion(() => Assert.Contains("oscar approved VariantA 50 % · VariantB 50 %",
            card.Find("[data-testid=applying-change]").TextContent, StringComparison.Ordinal));
        Assert.Contains("watching the endpoint", card.Find("[data-testid=applying-change]").TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=propose-traffic]"));
        Assert.Empty(card.FindAll("[data-testid=approve-traffic]"));
        Assert.Empty(card.FindAll("[data-testid=traffic-decision]"));
    }

    [Fact]
    public async Task Viewer_SeesTheProposalButNoButtons()
    {
        await Traffic.ProposeAsync(Erin, "pricing-ab", FiftyFifty, "B converts better", Ct);

        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));

        Assert.Contains("erin proposed", card.Find("[data-testid=pending-proposal]").TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("button"));
    }

    private sealed class RecordingSageMaker : ISageMakerClient
    {
        public List<UpdateEndpointWeightsAndCapacitiesRequest> Updates { get; } = [];

        public Exception? Failure { get; set; }

        public Task<UpdateEndpointWeightsAndCapacitiesResponse> UpdateEndpointWeightsAndCapacitiesAsync(UpdateEndpointWeightsAndCapacitiesRequest request,
            CancellationToken cancellationToken = default)
        {
            Updates.Add(request);
            return Failure is null ? Task.FromResult(new UpdateEndpointWeightsAndCapacitiesResponse("arn")) : Task.FromException<UpdateEndpointWeightsAndCapacitiesResponse>(Failure);
        }

        public Task<ListEndpointsResponse> ListEndpointsAsync(ListEndpointsRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<DescribeEndpointResponse> DescribeEndpointAsync(DescribeEndpointRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ListTagsResponse> ListTagsAsync(ListTagsRequest request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<DescribeEndpointConfigResponse> DescribeEndpointConfigAsync(DescribeEndpointConfigRequest request,
            CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
