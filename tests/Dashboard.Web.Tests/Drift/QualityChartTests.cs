using Bunit;
using Dashboard.Core.Drift;
using Dashboard.Core.Drift.Quality;
using Dashboard.Web.Components.Charts;
using Dashboard.Web.Drift;

namespace Dashboard.Web.Tests.Drift;

public class QualityChartTests : DashboardTestContext
{
    private static readonly long Start = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public void QualityCard_Classifier_ChartsF1WithItsBandBaselineAndBestConstant_AndTheLabelsBehindEachPoint()
    {
        var card = Render<QualityCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Quality, Overview())
            .Add(c => c.Series, Series(Labelled(40), Labelled(40), Labelled(5), Labelled(0))));

        var model = Assert.IsType<ChartJsModel>(Assert.Single(InvocationsOf("init")).Arguments[1]);
        Assert.Equal("F1 per hour", model.Title);
        var f1 = model.Series.Single(s => s.Name == "F1");
        Assert.Equal([Start * 1000, (Start + 3600) * 1000], f1.T);
        Assert.NotNull(model.Series.Single(s => s.Kind == nameof(ChartSeriesKind.BaselineBand)).U);
        Assert.Equal(nameof(ChartSeriesKind.Reference), model.Series.Single(s => s.Name == "best constant predictor").Kind);
        // The thin hour is not a point but its labels are still told; the hour without predictions has none to tell.
        Assert.Equal([40.0, 40, 5], model.Series.Single(s => s.Name == "labelled predictions").V);
        Assert.Equal(nameof(ChartSeriesKind.Context), model.Series.Single(s => s.Name == "labelled predictions").Kind);
        // The baseline: 81 of 100 predicted positives right, none missed: F1 = 162 / 181.
        Assert.Equal("baseline 0.895", Assert.Single(model.Annotations).Label);
        // The thin hour is shaded as too few labels; the hour without predictions has nothing to shade.
        var shaded = Assert.Single(model.Ranges);
        Assert.Equal(((Start + 7200) * 1000, (Start + 3 * 3600) * 1000), (shaded.FromMs, shaded.ToMs));
        Assert.Contains("hours with predictions but fewer than 30 labelled yet (1 of 3)", card.Find("[data-testid=baseline-rule]").TextContent);
    }

    [Fact]
    public void QualityCard_MetricFromTheUrl_IsCharted_AndAnUnknownOneFallsBackToF1()
    {
        var chosen = Render<QualityCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Quality, Overview())
            .Add(c => c.Series, Series(Labelled(40))).Add(c => c.Metric, QualityMetrics.Accuracy));
        Assert.Contains("Accuracy per hour", chosen.Find("[data-testid=metric-chart-quality-accuracy]").TextContent);
        Assert.Contains("quality=accuracy", chosen.Find("[data-testid=quality-metric-accuracy]").GetAttribute("href"));
        Assert.Contains("qualityPer=day", chosen.Find("[data-testid=quality-per-day]").GetAttribute("href"));

        var unknown = Render<QualityCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Quality, Overview())
            .Add(c => c.Series, Series(Labelled(40))).Add(c => c.Metric, "<script>"));
        Assert.NotNull(unknown.Find("[data-testid=metric-chart-quality-f1]"));
    }

    [Fact]
    public void QualityCard_Regressor_DefaultsToRmse()
    {
        var summary = new QualitySummary();
        for (var i = 0; i < 40; i++)
        {
            summary.AddRegression(i + 2, i);
        }
        var series = QualitySeries.Build([new QualityHour(Start, summary, 40, 40)], new QualitySummary(), ProblemType.Regression,
            QualityGranularity.Day, Start, Start + 86_400);

        var card = Render<QualityCard>(p => p.Add(c => c.Endpoint, "ep")
            .Add(c => c.Quality, new QualityOverview(ProblemType.Regression, [], [], (double.NaN, double.NaN), [])).Add(c => c.Series, series));

        var model = Assert.IsType<ChartJsModel>(Assert.Single(InvocationsOf("init")).Arguments[1]);
        Assert.Equal("RMSE per day", model.Title);
        Assert.Equal([2.0], model.Series.Single(s => s.Name == "RMSE").V);
        Assert.Equal(3, card.FindAll("[data-testid^=quality-metric-]").Count);
    }

    [Fact]
    public void QualityCard_NothingLabelledInTheWindow_SaysSoInsteadOfAChart()
    {
        var card = Render<QualityCard>(p => p.Add(c => c.Endpoint, "ep").Add(c => c.Quality, Overview()));

        Assert.NotNull(card.Find("[data-testid=quality-chart-empty]"));
        Assert.Empty(InvocationsOf("init"));
    }

    private static QualityOverview Overview() =>
        new(ProblemType.BinaryClassification, [new("f1", 0.7, 0.6, 0.8)], [new("f1", 0.81, 0.79, 0.83)], (0.6, 0.5), []);

    /// <summary>An hour with this many labels (of 50 predictions), 3 in 4 positives predicted right.</summary>
    private static QualitySummary Labelled(int labels)
    {
        var summary = new QualitySummary();
        for (var i = 0; i < labels; i++)
        {
            summary.AddBinary(i % 4 == 0 ? 0.2 : 0.8, positive: i % 2 == 0);
        }
        return summary;
    }

    private static QualitySeries Series(params QualitySummary[] hours)
    {
        var reference = new QualitySummary();
        for (var i = 0; i < 100; i++)
        {
            reference.AddBinary(0.9, positive: i < 81);
        }
        var stored = hours.Select((s, i) => new QualityHour(Start + i * 3600, s, s.Count == 0 ? 0 : 50, s.Count)).Where(h => h.Predictions > 0);
        return QualitySeries.Build(stored, reference, ProblemType.BinaryClassification, QualityGranularity.Hour, Start, Start + hours.Length * 3600);
    }
}
