using Bunit;
using Dashboard.Core.Comparison;
using Dashboard.Core.Fleet;
using Dashboard.Core.Metrics;
using Dashboard.Core.SageMaker;
using Dashboard.Core.Storage;
using Dashboard.Web.Comparison;
using Dashboard.Web.Navigation;
using Dashboard.Web.Tests.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Web.Tests.Comparison;

/// <summary>The A/B card over the real comparer and a temp SQLite store holding written minutes.</summary>
public sealed class AbComparisonCardTests() : StorageTestContext(FleetTestData.Now, services => services.AddSingleton<VariantComparer>())
{
    private static readonly DateTimeOffset Start = FleetTestData.Now.AddHours(-1);
    private static readonly TimeRange LastHour = new(TimeRange.Custom, Start, FleetTestData.Now);

    private static EndpointState Ab(double weightA = 0.8, double weightB = 0.2) => FleetTestData.Endpoint("pricing-ab", EndpointStatuses.InService,
        FleetTestData.Variant("VariantA", weight: weightA), FleetTestData.Variant("VariantB", weight: weightB));

    /// <summary>Minutes of a variant from the start of the hour: requests, 5XX errors and ModelLatency p90 (stored in µs).</summary>
    private async Task WriteAsync(string variant, double requests, double errors, double p90Ms, int minutes = 60, DateTimeOffset? from = null)
    {
        var first = (from ?? Start).ToUnixTimeSeconds();
        MetricPoint[] Points(Func<int, double> value) =>
            Enumerable.Range(0, minutes).Select(i => new MetricPoint(first + 60L * i, value(i))).ToArray();
        await Services.GetRequiredService<IMetricWriter>().WriteAsync(
        [
            new SeriesPoints(FleetTestData.Key(SageMakerMetrics.Invocations, "pricing-ab", variant: variant), Points(_ => requests)),
            new SeriesPoints(FleetTestData.Key(SageMakerMetrics.Invocation5XXErrors, "pricing-ab", variant: variant), Points(_ => errors)),
            new SeriesPoints(FleetTestData.Key(SageMakerMetrics.ModelLatency, "pricing-ab", "p90", variant), Points(i => 1000 * (p90Ms + i % 3 * 0.2))),
        ], Ct);
    }

    private IRenderedComponent<AbComparisonCard> RenderCard(EndpointState endpoint) =>
        Render<AbComparisonCard>(p => p.Add(c => c.Endpoint, endpoint).Add(c => c.Range, LastHour));

    [Fact]
    public async Task Render_CandidateErroring_ShowsARedFailWithTheNumbers()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 1, p90Ms: 21);
        await WriteAsync("VariantB", requests: 400, errors: 24, p90Ms: 21);

        var card = RenderCard(Ab());

        card.WaitForAssertion(() => Assert.Equal("Fail", card.Find("[data-testid=ab-verdict]").TextContent.Trim()));
        Assert.Contains("mud-chip-color-error", card.Find("[data-testid=ab-verdict]").ClassName);
        Assert.Contains("A/B: is VariantB better than VariantA?", card.Markup);
        Assert.Equal("VariantB's 5XX rate 6 % vs 0.063 % (p < 0.001): worse", card.Find("[data-testid=ab-summary]").TextContent);
        var errorRow = card.Find("[data-testid=ab-error-rate]").TextContent;
        Assert.Contains("0.063 %", errorRow);
        Assert.Contains("Fail", errorRow);
        Assert.Contains("96,000", card.Find("[data-testid=ab-requests]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=ab-needed]"));
    }

    [Fact]
    public async Task Render_AlikeVariants_ShowsAGreenPass()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 1, p90Ms: 21);
        await WriteAsync("VariantB", requests: 400, errors: 0, p90Ms: 21);

        var card = RenderCard(Ab());

        card.WaitForAssertion(() => Assert.Equal("Pass", card.Find("[data-testid=ab-verdict]").TextContent.Trim()));
        Assert.Contains("mud-chip-color-success", card.Find("[data-testid=ab-verdict]").ClassName);
        Assert.StartsWith("VariantB is not worse than VariantA", card.Find("[data-testid=ab-summary]").TextContent);
        Assert.Contains(VariantComparison.Rules, card.Find("[data-testid=ab-rules]").TextContent);
    }

    [Fact]
    public async Task Render_LittleTraffic_SaysHowManyMoreRequestsAreNeeded()
    {
        await WriteAsync("VariantA", requests: 100, errors: 0, p90Ms: 21, minutes: 20);
        await WriteAsync("VariantB", requests: 10, errors: 0, p90Ms: 21, minutes: 20);

        var card = RenderCard(Ab());

        card.WaitForAssertion(() => Assert.Equal("Not enough traffic", card.Find("[data-testid=ab-verdict]").TextContent.Trim()));
        Assert.Contains("mud-chip-color-default", card.Find("[data-testid=ab-verdict]").ClassName);
        // 18,519 needed to see 0.1 % double; VariantB has served 200.
        Assert.Equal("For a verdict: about 18,319 more requests per variant needed.", card.Find("[data-testid=ab-needed]").TextContent);
    }

    [Fact]
    public void Render_SingleVariant_ShowsNothing()
    {
        var card = RenderCard(FleetTestData.Endpoint("churn", EndpointStatuses.InService, FleetTestData.Variant("AllTraffic")));

        Assert.Empty(card.FindAll("[data-testid=ab-card]"));
        Assert.Equal("", card.Markup.Trim());
    }

    [Fact]
    public async Task Render_LaterVariantHasTheLargestWeight_IsTheControl()
    {
        await WriteAsync("VariantA", requests: 400, errors: 24, p90Ms: 21);
        await WriteAsync("VariantB", requests: 1_600, errors: 1, p90Ms: 21);

        var card = RenderCard(Ab(weightA: 0.2, weightB: 0.8));

        card.WaitForAssertion(() => Assert.Contains("A/B: is VariantA better than VariantB?", card.Markup));
        Assert.Equal("Fail", card.Find("[data-testid=ab-verdict]").TextContent.Trim());
    }

    [Fact]
    public void Roles_EqualWeights_TheFirstIsTheControlAndEveryOtherACandidate()
    {
        var endpoint = FleetTestData.Endpoint("three", EndpointStatuses.InService,
            FleetTestData.Variant("A", weight: 1), FleetTestData.Variant("B", weight: 1), FleetTestData.Variant("C", weight: 0.5));

        var (control, candidates) = AbComparisonCard.Roles(endpoint);

        Assert.Equal("A", control);
        Assert.Equal(["B", "C"], candidates);
    }

    [Fact]
    public async Task Render_ThreeVariants_ComparesEachWithTheControl()
    {
        await WriteAsync("VariantA", requests: 1_600, errors: 1, p90Ms: 21);
        var endpoint = FleetTestData.Endpoint("pricing-ab", EndpointStatuses.InService,
            FleetTestData.Variant("VariantA", weight: 0.6), FleetTestData.Variant("VariantB", weight: 0.2), FleetTestData.Variant("VariantC", weight: 0.2));

        var card = RenderCard(endpoint);

        card.WaitForAssertion(() => Assert.Equal(2, card.FindAll("[data-testid=ab-verdict]").Count));
        Assert.NotNull(card.Find("[data-testid=ab-VariantB]"));
        Assert.NotNull(card.Find("[data-testid=ab-VariantC]"));
    }

    [Fact]
    public async Task Render_LiveRange_FollowsTheClockWhenNewMinutesAreStored()
    {
        var twentyMinutesAgo = FleetTestData.Now.AddMinutes(-20);
        await WriteAsync("VariantA", requests: 100, errors: 0, p90Ms: 21, minutes: 20, from: twentyMinutesAgo);
        await WriteAsync("VariantB", requests: 100, errors: 0, p90Ms: 21, minutes: 20, from: twentyMinutesAgo);
        var card = Render<AbComparisonCard>(p => p.Add(c => c.Endpoint, Ab()).Add(c => c.Range, TimeRange.Parse("1h", null, null, FleetTestData.Now)));
        card.WaitForAssertion(() => Assert.Contains("2,000", card.Find("[data-testid=ab-requests]").TextContent));

        await WriteAsync("VariantA", requests: 100, errors: 0, p90Ms: 21, minutes: 10, from: FleetTestData.Now);
        await WriteAsync("VariantB", requests: 100, errors: 0, p90Ms: 21, minutes: 10, from: FleetTestData.Now);
        Time.Advance(TimeSpan.FromMinutes(10));
        Services.GetRequiredService<Core.Live.LiveStore>().PublishMetrics(["pricing-ab"], Time.GetUtcNow().ToUnixTimeSeconds());

        card.WaitForAssertion(() => Assert.Contains("3,000", card.Find("[data-testid=ab-requests]").TextContent));
        Assert.Contains("30", card.Find("[data-testid=ab-minutes]").TextContent);
    }
}
