using Bunit;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.DataSets;
using Dashboard.Core.S3;
using Dashboard.Tests.Shared;
using Microsoft.Extensions.Options;
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
    private readonly FakeDriftBaselineStore _pins;
    private readonly FakeS3ObjectClient _s3;

    public DriftViewsTests()
        : this(new FakeDriftBaselineStore(Now), new FakeS3ObjectClient())
    {
    }

    private DriftViewsTests(FakeDriftBaselineStore pins, FakeS3ObjectClient s3)
        : base(services => services.AddSingleton<IDriftBaselineStore>(pins).AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddSingleton<IS3ObjectClient>(s3).AddSingleton<DriftReadBoard>().AddSingleton<DriftDataSets>()
            .AddSingleton(Options.Create(new DriftOptions())).AddSingleton<DriftSignal>())
    {
        _pins = pins;
        _s3 = s3;
    }

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

    [Fact]
    public void BaselineCard_Viewer_HasNoDataSetField()
    {
        SignInAs("vera", Role.Viewer);

        var card = Render<DriftBaselineCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Baseline, FirstDay()));

        Assert.Empty(card.FindAll("[data-testid=drift-dataset-uri]"));
        Assert.Empty(card.FindAll("[data-testid=drift-dataset-use]"));
    }

    [Fact]
    public void BaselineCard_AMissingDataSet_IsRefusedAtTheField_AndTheBaselineStays()
    {
        SignInAs("erin", Role.Engineer);
        var changed = 0;
        var card = Render<DriftBaselineCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Baseline, FirstDay()).Add(c => c.Changed, () => changed++));

        card.Find("[data-testid=drift-dataset-uri] input").Input("s3://bucket/datasets/nope.csv");
        card.Find("[data-testid=drift-dataset-use]").Click();

        card.WaitForAssertion(() => Assert.Contains("There is no object s3://bucket/datasets/nope.csv.", card.Find("[data-testid=drift-dataset-uri]").TextContent));
        Assert.Null(_pins.Pinned);
        Assert.Equal(0, changed);
    }

    [Fact]
    public void BaselineCard_Engineer_UsesADataSet_AndTheCardNamesItWhoAndWhen_AndItsSkippedRows()
    {
        SignInAs("erin", Role.Engineer);
        _s3.Put("bucket", "datasets/train.csv", "amount,channel,label\n10,web,1\n20\n30,app,0\n");
        var changed = 0;
        var card = Render<DriftBaselineCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Baseline, FirstDay()).Add(c => c.Changed, () => changed++));

        card.Find("[data-testid=drift-dataset-uri] input").Input("s3://bucket/datasets/train.csv");
        card.Find("[data-testid=drift-dataset-use]").Click();
        card.WaitForAssertion(() => Assert.Equal(1, changed));
        var set = _pins.DataSet!;
        card.Render(p => p.Add(c => c.Baseline, new BaselineSummaries(_pins.Pinned!, set.Features, set.Quality, set.Records) { DataSet = set }));

        Assert.Equal("The data set s3://bucket/datasets/train.csv, set by erin on 2026-12-07 12:00 UTC (2 rows, 2 features; its label column label is not a feature).",
            card.Find("[data-testid=drift-baseline-text]").TextContent);
        Assert.Contains("line 3: 1 fields where the header has 3", card.Find("[data-testid=drift-dataset-skipped]").TextContent);
        Assert.NotEmpty(card.FindAll("[data-testid=drift-unpin]"));
    }

    private static BaselineSummaries FirstDay()
    {
        var from = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        return new BaselineSummaries(new DriftBaseline("ep", DriftBaselineKind.FirstDay, from, from + 86_400, null, null, null),
            new Dictionary<string, FeatureSummary>(), new QualitySummary(), 1234);
    }
}
