using Bunit;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Distances;
using Dashboard.Core.Drift.Quality;
using Dashboard.Core.Drift.Summaries;
using Dashboard.Core.Security;
using Dashboard.Web.Drift;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dashboard.Web.Tests.Drift;

public class DriftViewsTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeDriftBaselines _pins;

    public DriftViewsTests()
        : this(new FakeDriftBaselines())
    {
    }

    private DriftViewsTests(FakeDriftBaselines pins)
        : base(services => services.AddSingleton<IDriftBaselineStore>(pins).AddSingleton<TimeProvider>(new FakeTimeProvider(Now))) => _pins = pins;

    [Fact]
    public void BaselineCard_Viewer_SeesTheBaselineButNoPinForm()
    {
        SignInAs("vera", Role.Viewer);

        var card = Render<DriftBaselineCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Baseline, FirstDay()));

        Assert.Contains("The first day of captured traffic, 2026-12-01 10:00 – 2026-12-02 10:00 UTC (1,234 records)", card.Find("[data-testid=drift-baseline-text]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=drift-pin]"));
    }

    [Fact]
    public void BaselineCard_BadTimes_AreRefusedAtTheirFields_AndNothingIsPinned()
    {
        SignInAs("erin", Role.Engineer);
        var card = Render<DriftBaselineCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Baseline, FirstDay()));

        card.Find("[data-testid=drift-pin-from] input").Input("yesterday");
        card.Find("[data-testid=drift-pin]").Click();

        Assert.Contains("Write it as yyyy-MM-dd HH:mm (UTC)", card.Find("[data-testid=drift-pin-from]").TextContent);
        Assert.Contains("Required", card.Find("[data-testid=drift-pin-to]").TextContent);
        Assert.Null(_pins.Pinned);

        card.Find("[data-testid=drift-pin-from] input").Input("2026-12-05 00:00");
        card.Find("[data-testid=drift-pin-to] input").Input("2026-12-04 00:00");
        card.Find("[data-testid=drift-pin]").Click();

        card.WaitForAssertion(() => Assert.Contains("The baseline must end after it starts.", card.Find("[data-testid=drift-pin-to]").TextContent));
        Assert.Null(_pins.Pinned);
    }

    [Fact]
    public void BaselineCard_Engineer_PinsTheLastSevenDays_AndTellsThePage()
    {
        SignInAs("erin", Role.Engineer);
        var changed = 0;
        var card = Render<DriftBaselineCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Baseline, FirstDay()).Add(c => c.Changed, () => changed++));

        card.Find("[data-testid=drift-pin-last-week]").Click();
        card.Find("[data-testid=drift-pin]").Click();

        card.WaitForAssertion(() => Assert.Equal(1, changed));
        Assert.Equal((Now.AddDays(-7).ToUnixTimeSeconds(), Now.ToUnixTimeSeconds(), "erin"), (_pins.Pinned!.From, _pins.Pinned.To, _pins.Pinned.SetBy));
    }

    [Fact]
    public void Distribution_DrawsEachBarsTwoShares_AndSaysWhenTheWindowIsEmpty()
    {
        var comparison = new DistributionComparison("channel", FeatureType.Categorical,
            [new("web", 0.5, 0.3), new("partner_api", 0, 0.4)], 100, 0, null, new DriftSetting(DriftMethod.JensenShannon, 0.1));

        var view = Render<DistributionView>(p => p.Add(c => c.Comparison, comparison));

        Assert.Equal(2, view.FindAll("[data-testid=drift-bar]").Count);
        Assert.Contains("0 % → 40 %", view.FindAll("[data-testid=drift-bar]")[1].TextContent);
        Assert.Contains("No values of this feature in this window.", view.Find("[data-testid=drift-distribution-empty]").TextContent);
    }

    [Fact]
    public void Quality_AMetricWorseThanTheBaseline_IsMarked_AndCoverageShowsEachHour()
    {
        var quality = new QualityOverview(ProblemType.BinaryClassification,
            [new("accuracy", 0.72, 0.70, 0.74), new("f1", 0.80, 0.78, 0.82)],
            [new("accuracy", 0.88, 0.86, 0.90), new("f1", 0.81, 0.79, 0.83)],
            (0.6, 0.5), [new(0, 100, 100), new(3600, 100, 40)]);

        var card = Render<QualityCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Quality, quality));

        var rows = card.FindAll("[data-testid=quality-row]");
        Assert.Contains("▼", rows[0].TextContent);
        Assert.Contains("-0.160", rows[0].TextContent);
        Assert.DoesNotContain("▼", rows[1].TextContent);
        Assert.Contains("accuracy 0.600", card.Find("[data-testid=quality-constant]").TextContent);
        Assert.Equal(2, card.FindAll(".quality-coverage-hour").Count);
    }

    private static BaselineSummaries FirstDay()
    {
        var from = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        return new BaselineSummaries(new DriftBaseline("ep", DriftBaselineKind.FirstDay, from, from + 86_400, null, null, null),
            new Dictionary<string, FeatureSummary>(), new QualitySummary(), 1234);
    }

    private sealed class FakeDriftBaselines : IDriftBaselineStore
    {
        public DriftBaseline? Pinned { get; private set; }

        public Task<DriftBaseline?> FindAsync(string endpoint, CancellationToken cancellationToken = default) => Task.FromResult(Pinned);

        public Task<DriftBaseline> PinAsync(Actor actor, string endpoint, long from, long to, string? note, CancellationToken cancellationToken = default)
        {
            actor.Demand(Permission.PinBaselines);
            if (DriftBaseline.Validate(from, to, Now.ToUnixTimeSeconds()) is { } problem)
            {
                throw new ArgumentException(problem, nameof(from));
            }
            Pinned = new DriftBaseline(endpoint, DriftBaselineKind.Window, from, to, actor.UserName, Now, note);
            return Task.FromResult(Pinned);
        }

        public Task ClearAsync(Actor actor, string endpoint, CancellationToken cancellationToken = default)
        {
            Pinned = null;
            return Task.CompletedTask;
        }
    }
}
