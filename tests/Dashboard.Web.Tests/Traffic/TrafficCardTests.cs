using Bunit;
using Dashboard.Core;
using Dashboard.Core.Fleet;
using Dashboard.Core.Storage;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Security;
using Dashboard.Core.Traffic;
using Dashboard.Web.Traffic;
using Dashboard.Tests.Shared;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Traffic;

/// <summary>The traffic card over the real traffic service and stores on a temp SQLite database, with a SageMaker that records.</summary>
public sealed class TrafficCardTests : StorageTestContext
{
    private static readonly Actor Erin = new("erin", new HashSet<Role> { Role.Engineer });
    private static readonly IReadOnlyList<VariantWeight> FiftyFifty = [new("VariantA", 0.5), new("VariantB", 0.5)];

    private readonly FakeSageMakerClient _sageMaker;

    private static EndpointState Ab => FleetTestData.Endpoint("pricing-ab", EndpointStatuses.InService,
        FleetTestData.Variant("VariantA", weight: 0.8), FleetTestData.Variant("VariantB", weight: 0.2));

    public TrafficCardTests()
        : this(new FakeSageMakerClient())
    {
    }

    private TrafficCardTests(FakeSageMakerClient sageMaker)
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
    public async Task Operator_Approves_ApplyingUntilTheEndpointServesItThenTheDecisionListed()
    {
        await Traffic.ProposeAsync(Erin, "pricing-ab", FiftyFifty, "B converts better", Ct);
        SignInAs("oscar", Role.Operator);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));

        await card.InvokeAsync(() => card.Find("[data-testid=approve-traffic]").Click());

        // SageMaker accepted it, but the endpoint still serves 80/20: not "Applied" yet.
        card.WaitForAssertion(() => Assert.Contains("oscar approved VariantA 50 % · VariantB 50 %",
            card.Find("[data-testid=applying-change]").TextContent, StringComparison.Ordinal));
        Assert.Empty(card.FindAll("[data-testid=traffic-decision]"));
        Assert.Equal("80 %", card.Find("[data-testid=traffic-share-VariantA]").TextContent);

        // The settler sees the new split served; the page hands the card the endpoint as the live fleet now shows it.
        var serving = Ab with { Variants = Ab.Variants.Select(v => v with { CurrentWeight = 0.5 }).ToList() };
        await Traffic.SettleAsync([serving], Ct);
        card.Render(p => p.Add(c => c.Endpoint, serving));

        card.WaitForAssertion(() => Assert.Contains("Applied", card.Find("[data-testid=traffic-decision]").TextContent, StringComparison.Ordinal));
        Assert.Equal("50 %", card.Find("[data-testid=traffic-share-VariantA]").TextContent);
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

    private const string WeightRange = "a number from 0 to 1,000,000";

    public static TheoryData<string, string> RefusedWeights()
    {
        var data = new TheoryData<string, string>();
        foreach (var text in BadInput.NotFiniteNumbers)
        {
            data.Add(text, string.IsNullOrWhiteSpace(text) ? $"Enter {WeightRange}." : $"enter {WeightRange}.");
        }
        data.Add("-1", $"Too small: enter {WeightRange}.");
        data.Add("-5", $"Too small: enter {WeightRange}.");
        data.Add("1e-320", $"Too close to 0 to be kept exactly: enter {WeightRange}.");
        data.Add("2147483648", $"Too large: enter {WeightRange}.");
        data.Add("1.7976931348623157e308", $"Too large: enter {WeightRange}.");
        return data;
    }

    /// <summary>Findings 2 and 3: 1e309 became 1.8e308 (infinite once a float), -1 and NaN became 0, and the proposal was stored.</summary>
    [Theory]
    [MemberData(nameof(RefusedWeights))]
    public async Task Propose_WeightNotFiniteOrOutOfRange_MessageAtTheVariantAndNothingStoredNorAudited(string typed, string message)
    {
        SignInAs("erin", Role.Engineer);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));
        card.Find("[data-testid=propose-traffic]").Click();

        card.Find("[data-testid=weight-VariantA] input").Input(typed);
        card.Find("[data-testid=weight-VariantB] input").Input("0.5");
        card.Find("[data-testid=traffic-reason] input").Input("B converts better");
        card.Find("[data-testid=submit-proposal]").Click();

        card.WaitForAssertion(() => Assert.EndsWith(message, card.Find("[data-testid=weight-VariantA] .mud-input-helper-text").TextContent.Trim(),
            StringComparison.Ordinal));
        Assert.Empty(card.FindAll("[data-testid=weight-VariantB] .mud-input-error"));
        Assert.Empty(card.FindAll("[data-testid=pending-proposal]"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM TrafficChanges"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM AuditRecords"));
    }

    [Theory]
    [InlineData("-0", "VariantA 0 % · VariantB 100 %")]
    [InlineData("0", "VariantA 0 % · VariantB 100 %")]
    [InlineData("99999", "VariantA 100 % · VariantB 0 %")]
    [InlineData(" 1.5 ", "VariantA 75 % · VariantB 25 %")]
    public void Propose_EdgeWeightInRange_StoredAsTyped(string typed, string split)
    {
        SignInAs("erin", Role.Engineer);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));
        card.Find("[data-testid=propose-traffic]").Click();

        card.Find("[data-testid=weight-VariantA] input").Input(typed);
        card.Find("[data-testid=weight-VariantB] input").Input("0.5");
        card.Find("[data-testid=traffic-reason] input").Input("edge");
        card.Find("[data-testid=submit-proposal]").Click();

        card.WaitForAssertion(() => Assert.Equal(split, card.Find("[data-testid=pending-split]").TextContent));
    }

    [Fact]
    public void Propose_TypingAWeight_ShowsTheMessageBeforeSubmitAndKeepsTheText()
    {
        SignInAs("erin", Role.Engineer);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, Ab));
        card.Find("[data-testid=propose-traffic]").Click();

        card.Find("[data-testid=weight-VariantA] input").Input("-1");

        Assert.Equal("-1", card.Find("[data-testid=weight-VariantA] input").GetAttribute("value"));
        Assert.Equal($"Too small: enter {WeightRange}.", card.Find("[data-testid=weight-VariantA] .mud-input-helper-text").TextContent.Trim());
        // The live share counts a refused weight as 0: VariantB would take all the traffic.
        Assert.Contains("100 % of traffic", card.Find("[data-testid=weight-VariantB]").TextContent, StringComparison.Ordinal);
    }

    /// <summary>Finding 2: an endpoint left with an infinite weight showed "Infinity (NaN %)" and no proposal could be recorded.</summary>
    [Fact]
    public async Task InfiniteCurrentWeight_CardRendersAndAProposalPutsSaneWeightsBack()
    {
        var broken = FleetTestData.Endpoint("pricing-ab", EndpointStatuses.InService,
            FleetTestData.Variant("VariantA", weight: double.PositiveInfinity), FleetTestData.Variant("VariantB", weight: 0.2));
        await Services.GetRequiredService<IFleetStore>().SaveAsync([broken], Ct);
        SignInAs("erin", Role.Engineer);
        var card = Render<TrafficCard>(p => p.Add(c => c.Endpoint, broken));

        Assert.Equal("infinite", card.Find("[data-testid=traffic-weight-VariantA]").TextContent.Trim());
        Assert.Equal(["unknown", "unknown"], card.FindAll("[data-testid^=traffic-share-]").Select(e => e.TextContent));
        card.Find("[data-testid=propose-traffic]").Click();
        Assert.Equal("", card.Find("[data-testid=weight-VariantA] input").GetAttribute("value"));
        card.Find("[data-testid=weight-VariantA] input").Input("0.5");
        card.Find("[data-testid=weight-VariantB] input").Input("0.5");
        card.Find("[data-testid=traffic-reason] input").Input("back to sane weights");
        card.Find("[data-testid=submit-proposal]").Click();

        card.WaitForAssertion(() => Assert.Equal("VariantA 50 % · VariantB 50 %", card.Find("[data-testid=pending-split]").TextContent));
        Assert.Contains("(now VariantA weight infinite · VariantB weight 0.2 (shares unknown))",
            card.Find("[data-testid=pending-proposal]").TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM AuditRecords WHERE Action = 'traffic.propose'"));

        SignInAs("oscar", Role.Operator);
        var approver = Render<TrafficCard>(p => p.Add(c => c.Endpoint, broken));
        await approver.InvokeAsync(() => approver.Find("[data-testid=approve-traffic]").Click());

        approver.WaitForAssertion(() => Assert.Contains("oscar approved VariantA 50 % · VariantB 50 %",
            approver.Find("[data-testid=applying-change]").TextContent, StringComparison.Ordinal));
        Assert.Equal([("VariantA", 0.5f), ("VariantB", 0.5f)],
            Assert.Single(_sageMaker.Updates).DesiredWeightsAndCapacities.Select(d => (d.VariantName, d.DesiredWeight)));
    }
}
